// Server-rendered pages (design.md §3). Each page module registers its routes on webRouter.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../src/lib/context';
import type { AppError } from '../src/lib/errors';
import { detectLang, messages } from './i18n';
import { Layout } from './layout';

export const webRouter = new Hono<AppEnv>();

webRouter.use('*', async (c, next) => {
  c.set('lang', detectLang(c));
  await next();
});

webRouter.get('/', (c) => {
  const lang = c.get('lang');
  const m = messages(lang);
  return c.html(
    <Layout title={m.siteName} lang={lang} m={m} user={c.get('user')} path={c.req.path}>
      <h1>{m.siteTagline}</h1>
    </Layout>,
  );
});

export function renderErrorPage(c: Context<AppEnv>, err: AppError) {
  const lang = c.get('lang') ?? detectLang(c);
  const m = messages(lang);
  return c.html(
    <Layout title={m.error.title} lang={lang} m={m} user={c.get('user') ?? null} path={c.req.path}>
      <section class="card">
        <h1>{m.error.title}</h1>
        <p>{err.message}</p>
        <p><a href="/">{m.error.back}</a></p>
      </section>
    </Layout>,
    err.status as 400,
  );
}
