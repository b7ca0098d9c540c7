// What every page handler needs: the caller, the language, rendering inside the layout (with the
// flash message of web/flash.ts), and role gates that redirect to sign-in.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { createMiddleware } from 'hono/factory';
import type { AppDeps, AppEnv, SessionUser } from '../src/lib/context';
import { forbidden } from '../src/lib/errors';
import { messages, type Lang, type Messages } from './i18n';
import { Layout, withDoctype } from './layout';
import { takeFlash, takeFlashProblem } from './flash';

export type WebContext = Context<AppEnv>;

export interface Page {
  c: WebContext;
  lang: Lang;
  m: Messages;
  user: SessionUser | null;
  deps: AppDeps;
}

export function page(c: WebContext): Page {
  const lang = c.get('lang') ?? 'zh';
  return { c, lang, m: messages(lang), user: c.get('user') ?? null, deps: c.get('deps') };
}

/** Where the language link points: this page and query with `lang` switched. A page rendered in
 * answer to a form post names its own GET address (`here`), since the post's address has no page. */
function switchHref(c: WebContext, lang: Lang, here?: string): string {
  const url = new URL(here ?? c.req.url, c.req.url);
  url.searchParams.set('lang', lang === 'zh' ? 'en' : 'zh');
  return `${url.pathname}?${url.searchParams.toString()}`;
}

export function render(c: WebContext, title: string, body: Child, status = 200, here?: string) {
  const { lang, m, user } = page(c);
  const flash = takeFlash(c, lang);
  const flashProblem = takeFlashProblem(c, lang);
  if (user) c.header('Cache-Control', 'private, no-store');
  const path = new URL(here ?? c.req.url, c.req.url).pathname;
  return c.html(
    withDoctype(
      <Layout
        title={title}
        lang={lang}
        m={m}
        user={user}
        unread={c.get('unread') ?? 0}
        path={path}
        switchHref={switchHref(c, lang, here)}
        flash={flash}
        flashProblem={flashProblem}
      >
        {body}
      </Layout>,
    ),
    status as 200,
  );
}

/** Only a path of this site may be a `next` target (issue 9 A5). Browsers drop tabs and newlines
 * from URLs and read a backslash as a slash, so a tab or a backslash after the first slash would
 * leave the site: refuse every control character and backslash, anything but one leading slash,
 * and check that the path resolves on this origin to a path that does not start with two slashes. */
export function safeNext(next: string | undefined | null): string | null {
  if (!next || next.length > 2000 || !next.startsWith('/') || next.startsWith('//')) return null;
  if (/[\u0000-\u001f\u007f-\u009f\\]/.test(next)) return null;
  const base = 'http://site.invalid';
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return null;
  }
  // Dot segments resolve after the origin check: /x/..//evil.com becomes //evil.com, another site.
  if (url.origin !== base || url.pathname.startsWith('//')) return null;
  return url.pathname + url.search + url.hash;
}

/** Pages for some roles only: anonymous callers go to sign-in and come back; other roles get 403. */
export const requireRole = (...roles: SessionUser['role'][]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const user = c.get('user');
    if (!user) {
      const url = new URL(c.req.url);
      const back = c.req.method === 'GET' ? url.pathname + url.search : url.pathname;
      return c.redirect(`/sign-in?next=${encodeURIComponent(back)}`, 303);
    }
    if (!roles.includes(user.role)) throw forbidden(`This page is for the role ${roles.join(' or ')}`);
    await next();
  });

export function homeOf(user: SessionUser): string {
  switch (user.role) {
    case 'graduate':
      return '/me/profile';
    case 'employer':
      return '/employer';
    case 'department':
      return '/department';
    case 'admin':
      return '/admin';
  }
}

/** A date (ms or ISO string) as YYYY-MM-DD in China time. */
/** A moment as the reader's language writes it, in China time ("2026年12月3日 12:01"). */
export function dateTime(ms: number, lang: Lang): string {
  return new Date(ms).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' });
}

export function day(value: number | string | null | undefined): string {
  if (value == null || value === '') return '';
  const ms = typeof value === 'number' ? value : Date.parse(value);
  if (Number.isNaN(ms)) return String(value);
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
}
