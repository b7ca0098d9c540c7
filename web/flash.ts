// Flash messages (Post/Redirect/Get): a successful form post redirects with a catalogue key in a
// short-lived cookie; the next page shows its text once, above its content (the layout renders it
// with web/components/flash.tsx). Works without script and survives the redirect.
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppError } from '../src/lib/errors';
import { fmt, messages, type Lang, type Messages } from './i18n';
import { flashText, type FlashKey } from './i18n/flash';
import type { Context } from 'hono';
import type { AppEnv } from '../src/lib/context';

type WebContext = Context<AppEnv>;

export type { FlashKey };

const FLASH_COOKIE = 'flash';

export function setFlash(c: WebContext, key: FlashKey): void {
  setCookie(c, FLASH_COOKIE, key, { path: '/', httpOnly: true, secure: true, sameSite: 'Lax', maxAge: 60 });
}

/** The flash text of this request, if any; clears the cookie so it shows once. */
export function takeFlash(c: WebContext, lang: Lang): string | null {
  const key = getCookie(c, FLASH_COOKIE);
  if (!key) return null;
  deleteCookie(c, FLASH_COOKIE, { path: '/', secure: true });
  return flashText(lang, key);
}

/** Post/Redirect/Get: after a successful form post, go to a page with a flash message. */
export function redirectWith(c: WebContext, to: string, flash?: FlashKey) {
  if (flash) setFlash(c, flash);
  return c.redirect(to, 303);
}

// A refused post (PRG for refusals a form cannot show in place, e.g. the invite control beside a
// talent): back to the page it came from with the reason shown there once, in the page's language.
// The cookie holds the lead's key and the error codes with their parameters, never text.
const PROBLEM_COOKIE = 'flash_problem';
const PROBLEM_COOKIE_MAX = 1000;
const LEADS = { inviteFailed: (m: Messages) => m.contact.inviteFailed } as const;
export type FlashLead = keyof typeof LEADS;

interface StoredProblem {
  lead: string;
  errors?: { code: string; params?: Record<string, string | number> }[];
  problem?: string;
}

/** After a refused post: go to `to` (a path of this site, checked by the caller) showing why. Only
 * a refusal of the caller's input (4xx but 403) comes here; anything else goes to the error page. */
export function redirectWithProblem(c: WebContext, to: string, lead: FlashLead, err: AppError) {
  const stored: StoredProblem = err.errors?.length
    ? { lead, errors: err.errors.slice(0, 3).map((e) => ({ code: e.code, params: e.params })) }
    : { lead, problem: err.reason ?? err.code };
  // Parameters are kept as the page reads them (paramsOf). Still too long: the lead alone, so the page
  // never comes back silent as if the post had gone through.
  if (stored.errors) stored.errors = stored.errors.map((e) => ({ code: e.code, params: paramsOf(e.params) }));
  const value = [stored, { lead }].map((f) => JSON.stringify(f)).find((v) => v.length <= PROBLEM_COOKIE_MAX)!;
  setCookie(c, PROBLEM_COOKIE, value, { path: '/', httpOnly: true, secure: true, sameSite: 'Lax', maxAge: 60 });
  return c.redirect(to, 303);
}

const knownText = (table: object, key: unknown): string | null =>
  typeof key === 'string' && Object.hasOwn(table, key) && typeof (table as Record<string, unknown>)[key] === 'string' ? (table as Record<string, string>)[key] : null;

/** Parameters as stored: a few short strings or numbers (the cookie comes back from the browser). */
function paramsOf(v: unknown): Record<string, string | number> {
  if (!v || typeof v !== 'object') return {};
  const out: Record<string, string | number> = {};
  for (const [k, x] of Object.entries(v).slice(0, 5)) if (typeof x === 'number' || (typeof x === 'string' && x.length <= 100)) out[k] = x;
  return out;
}

/** The refusal of the previous post, as lines (its lead, then each reason), if any; shown once. */
export function takeFlashProblem(c: WebContext, lang: Lang): string[] | null {
  const raw = getCookie(c, PROBLEM_COOKIE);
  if (!raw) return null;
  deleteCookie(c, PROBLEM_COOKIE, { path: '/', secure: true });
  let stored: StoredProblem;
  try {
    stored = raw.length <= PROBLEM_COOKIE_MAX ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
  if (!stored || typeof stored !== 'object' || typeof stored.lead !== 'string' || !Object.hasOwn(LEADS, stored.lead)) return null;
  const m = messages(lang);
  const reasons = Array.isArray(stored.errors)
    ? stored.errors.slice(0, 3).map((e) => {
        const text = knownText(m.fields, e?.code);
        const line = text === null ? null : fmt(text, paramsOf(e.params));
        return line === null || /\{\w+\}/.test(line) ? null : line; // a parameter missing: not shown half-filled
      })
    : [knownText(m.problems, stored.problem)];
  return [LEADS[stored.lead as FlashLead](m), ...reasons.filter((r): r is string => r !== null)];
}
