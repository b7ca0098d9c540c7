// createApp(deps) builds the whole app; entry points (server.ts, worker.ts) only supply deps.
import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps, AppEnv } from './lib/context';
import { AppError, fieldIssueAt, problemResponse } from './lib/errors';
import { storageAppError, storageFaultCode } from './lib/storage';
import { checkStorage } from './lib/storage-probe';
import { createRouter } from './lib/openapi';
import { loadSession, refuseCrossSite } from './auth';
import { authRouter } from './auth';
import { notificationsRouter } from './notifications';
import { regionsRouter } from './regions';
import { talentsRouter } from './talents';
import { employersRouter } from './employers';
import { positionsRouter } from './positions';
import { applicationsRouter } from './applications';
import { agreementsRouter } from './agreements';
import { placementsRouter } from './placements';
import { adminRouter } from './admin';
import { searchRouter } from './search-api';
import { recommendationsRouter } from './recommendations';
import { roundsRouter } from './rounds';
import { statisticsRouter } from './statistics';
import { importsRouter } from './imports';
import { exportsRouter } from './exports';
import { jobsRouter } from './jobs';
import { webRouter, renderErrorPage } from '../web/index';
import { apiDocsPage } from './docs';

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
};
export const API_BODY_LIMIT = 256 * 1024;
/** Roster uploads (issue #5): a 100,000-row xlsx is about 5–10 MB. */
export const UPLOAD_BODY_LIMIT = 64 * 1024 * 1024;
const UPLOAD_PATHS = /^\/(api\/v1\/imports|department\/imports)(\/|$)/;

export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ strict: false });

  app.use('*', async (c, next) => {
    c.set('deps', deps);
    const started = Date.now();
    await next();
    // Method, path and status only: query strings and bodies may hold personal data.
    if (deps.config.logRequests) deps.log({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Date.now() - started });
  });
  // Every answer carries the policy (issue 9 A6): pages load script and style only from the site's
  // own files; no inline script, handler or style attribute, no plugins, no <base>, no framing.
  // The API reference (Swagger UI) draws its icons as data: images; that page alone allows them.
  const headers = secureHeaders({ contentSecurityPolicy: CONTENT_SECURITY_POLICY, crossOriginEmbedderPolicy: false });
  const docsHeaders = secureHeaders({ contentSecurityPolicy: { ...CONTENT_SECURITY_POLICY, imgSrc: ["'self'", 'data:'] }, crossOriginEmbedderPolicy: false });
  app.use('*', (c, next) => (c.req.path === '/api/docs' ? docsHeaders(c, next) : headers(c, next)));
  const limitTo = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new AppError('payload_too_large', `The body is larger than ${maxSize} bytes`);
      },
    });
  const limitBody = limitTo(API_BODY_LIMIT);
  const limitUpload = limitTo(UPLOAD_BODY_LIMIT);
  // Only where a body can come: bodyLimit reads c.req.raw.body, which makes @hono/node-server build
  // a full Request for every request (~100 µs per GET, test/bench/README.md).
  const BODILESS = new Set(['GET', 'HEAD', 'OPTIONS']);
  app.use('*', (c, next) => (BODILESS.has(c.req.method) ? next() : UPLOAD_PATHS.test(c.req.path) ? limitUpload(c, next) : limitBody(c, next)));
  // A JSON body must be valid UTF-8 (issue 9 A7): Request.json() would silently put U+FFFD in place of
  // broken bytes and store them. Hono caches the bytes read here for the validator.
  app.use('*', async (c, next) => {
    if (!BODILESS.has(c.req.method) && /\bjson\b/i.test(c.req.header('content-type') ?? '')) {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(await c.req.arrayBuffer());
      } catch {
        throw new AppError('malformed_request', 'The JSON body is not valid UTF-8', [fieldIssueAt('(body)', 'body_utf8')]);
      }
    }
    await next();
  });
  // Private answers are never cached (issue 9 A8): whatever a signed-in caller gets, and any answer
  // that hands out a session (sign-in, sign-up), is `private, no-store`, set here once for all.
  app.use('*', async (c, next) => {
    await next();
    if (c.get('user') || c.res.headers.getSetCookie().some((s) => s.startsWith('session='))) {
      try {
        c.res.headers.set('Cache-Control', 'private, no-store');
      } catch {
        c.res = new Response(c.res.body, c.res); // immutable headers (a fetched response)
        c.res.headers.set('Cache-Control', 'private, no-store');
      }
    }
  });
  app.use('*', loadSession);
  app.use('*', refuseCrossSite);

  // Reads one row and proves writability with a cheap probe (src/lib/storage.ts). A database that
  // reads but cannot be written answers 200 `degraded` with the reason: reads still work.
  app.get('/health', async (c) => {
    await deps.database.db.selectFrom('regions').select('code').limit(1).execute();
    const storage = await checkStorage(deps.database);
    return c.json({
      status: storage.writable ? 'ok' : 'degraded',
      time: new Date(deps.now()).toISOString(),
      storage: { writable: storage.writable, checkedAt: new Date(storage.checkedAt).toISOString(), ...(storage.reason ? { reason: storage.reason, detail: storage.detail } : {}) },
    });
  });

  const api = createRouter()
    .route('/', authRouter)
    .route('/', notificationsRouter)
    .route('/', regionsRouter)
    .route('/', talentsRouter)
    .route('/', employersRouter)
    .route('/', positionsRouter)
    .route('/', applicationsRouter)
    .route('/', agreementsRouter)
    .route('/', placementsRouter)
    .route('/', adminRouter)
    .route('/', searchRouter)
    .route('/', recommendationsRouter)
    .route('/', roundsRouter)
    .route('/', statisticsRouter)
    .route('/', importsRouter)
    .route('/', exportsRouter)
    .route('/', jobsRouter);
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'shegong API',
      version: '1',
      description: '社会工作专业人才信息库与岗位对接平台 — social work talent registry and grassroots placement. Errors are application/problem+json (RFC 9457).',
    },
    servers: [{ url: '/api/v1' }],
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'session' });
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  app.route('/api/v1', api);
  app.get('/api/docs', (c) => c.html(apiDocsPage()));

  app.route('/', webRouter);

  app.notFound((c) => {
    const err = new AppError('not_found', `No such page: ${c.req.path}`);
    return isApi(c.req.path) ? problemResponse(err) : renderErrorPage(c, err);
  });

  app.onError((err, c) => {
    const appErr = toAppError(err);
    if (appErr.status >= 500) {
      // The database's own error (code and message), never a follow-up error that hides it.
      const sqliteCode = storageFaultCode(err) ? (err as { code?: string }).code : undefined;
      deps.log({
        level: 'error',
        path: c.req.path,
        code: appErr.code,
        ...(sqliteCode ? { sqliteCode } : {}),
        error: err instanceof Error ? (err.stack ?? err.message) : String(err),
      });
    }
    return isApi(c.req.path) ? problemResponse(appErr) : renderErrorPage(c, appErr);
  });

  return app;
}

function isApi(path: string): boolean {
  return path.startsWith('/api/') || path === '/health';
}

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const storage = storageAppError(err);
  if (storage) return storage;
  if (err instanceof HTTPException) {
    if (err.status === 400)
      return new AppError('malformed_request', err.message || 'The request body could not be parsed', [
        fieldIssueAt('(body)', 'body_malformed', { reason: err.message || 'malformed' }),
      ]);
    if (err.status === 413) return new AppError('payload_too_large', err.message);
    if (err.status === 415) return new AppError('unsupported_media_type', 'The body must be JSON (Content-Type: application/json)', [fieldIssueAt('(body)', 'body_media_type')]);
    if (err.status === 401) return new AppError('unauthenticated', err.message);
    if (err.status === 403) return new AppError('forbidden', err.message);
    if (err.status === 404) return new AppError('not_found', err.message);
    if (err.status < 500) return new AppError('malformed_request', err.message || 'The request could not be read');
  }
  return new AppError('internal_error', 'Something went wrong on our side');
}
