// Server-rendered pages (ARCHITECTURE.md, "Layers"). Each page module registers its routes on webRouter; every
// form posts to a handler here that validates with the API's zod schema and calls the same service.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../src/lib/context';
import { AppError } from '../src/lib/errors';
import { detectLang, messages, problemMessage } from './i18n';
import { Layout, withDoctype } from './layout';
import { requireRole } from './page';
import { applicationsPages } from './pages/applications';
import { agreementsPages } from './pages/agreements';
import { accountPages, authPages, passwordPages, signUpPages } from './pages/auth';
import { mailboxPages } from './pages/mail';
import { messagesPages } from './pages/notifications';
import { unreadCount } from '../src/notifications';
import { employersPages } from './pages/employers';
import { exportsPages } from './pages/exports';
import { searchTuningPages } from './pages/admin/search-tuning';
import { adminPages } from './pages/admin';
import { importsPages } from './pages/imports';
import { placementsPages } from './pages/placements';
import { positionsPages } from './pages/positions';
import { recommendationsPages } from './pages/recommendations';
import { roundsPages } from './pages/rounds';
import { searchPages } from './pages/search';
import { statisticsPages } from './pages/statistics';
import { talentsPages } from './pages/talents';

export const webRouter = new Hono<AppEnv>();

webRouter.use('*', async (c, next) => {
  c.set('lang', detectLang(c));
  // The header's unread count on every page a signed-in person opens (one indexed count).
  const user = c.get('user');
  if (user && c.req.method === 'GET') c.set('unread', await unreadCount(c.get('deps'), user));
  await next();
});

// Role areas: every page under these paths is for these roles (anonymous callers are sent to sign
// in and come back). Feature routers may guard their own paths as well.
webRouter.use('/me/*', requireRole('graduate'));
webRouter.use('/employer', requireRole('employer'));
webRouter.use('/employer/*', requireRole('employer'));
webRouter.use('/department/*', requireRole('department', 'admin'));

// One router per feature (web/README.md).
webRouter.route('/', positionsPages);
webRouter.route('/', authPages);
webRouter.route('/', passwordPages);
webRouter.route('/', signUpPages);
webRouter.route('/', accountPages);
webRouter.route('/', mailboxPages);
webRouter.route('/', messagesPages);
webRouter.route('/', talentsPages);
webRouter.route('/', applicationsPages);
webRouter.route('/', employersPages);
webRouter.route('/', searchPages);
webRouter.route('/', roundsPages);
webRouter.route('/', agreementsPages);
webRouter.route('/', placementsPages);
webRouter.route('/', recommendationsPages);
webRouter.route('/', statisticsPages);
webRouter.route('/', importsPages);
webRouter.route('/', exportsPages);
webRouter.route('/', searchTuningPages);
webRouter.route('/', adminPages);

// Unknown pages get the 404 page here as well as from app.notFound: when the app is mounted inside
// another Hono app (withStaticFiles on Node), only the outer app's notFound would run.
webRouter.all('*', async (c, next) => {
  if (c.req.path.startsWith('/api/') || c.req.path.startsWith('/static/') || c.req.path === '/health') return next();
  throw new AppError('not_found', `No such page: ${c.req.path}`);
});

export function renderErrorPage(c: Context<AppEnv>, err: AppError) {
  const lang = c.get('lang') ?? detectLang(c);
  const m = messages(lang);
  const user = c.get('user') ?? null;
  const title = err.status === 404 ? m.error.notFoundTitle : err.status === 403 ? m.error.forbiddenTitle : err.status === 401 ? m.error.signInTitle : m.error.title;
  if (user) c.header('Cache-Control', 'private, no-store');
  return c.html(
    withDoctype(
      <Layout title={title} lang={lang} m={m} user={user} path={c.req.path}>
        <section class="card narrow" aria-labelledby="error-title">
          <h1 id="error-title">{title}</h1>
          <p>{problemMessage(m, err)}</p>
          <p class="row">
            <a class="btn secondary" href="/">
              {m.error.back}
            </a>
            {err.status === 401 && !user && (
              <a class="btn" href={`/sign-in?next=${encodeURIComponent(c.req.path)}`}>
                {m.error.signInLink}
              </a>
            )}
          </p>
        </section>
      </Layout>,
    ),
    err.status as 400,
  );
}
