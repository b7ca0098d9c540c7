import { getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppContext, AppEnv, SessionUser } from '../lib/context';
import type { Role } from '../../db/schema';
import { AppError } from '../lib/errors';
import { SESSION_COOKIE, SESSION_INACTIVITY_MS, validateSessionToken } from './sessions';

export function setSessionCookie(c: AppContext, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    secure: true,
    sameSite: 'Lax',
    path: '/',
    maxAge: Math.floor(SESSION_INACTIVITY_MS / 1000),
  });
}

export function clearSessionCookie(c: AppContext): void {
  setCookie(c, SESSION_COOKIE, '', { httpOnly: true, secure: true, sameSite: 'Lax', path: '/', maxAge: 0 });
}

/** Reads the session from the cookie (browsers) or an `Authorization: Bearer` header (API clients). */
export const loadSession = createMiddleware<AppEnv>(async (c, next) => {
  c.set('user', null);
  c.set('sessionId', null);
  const auth = c.req.header('authorization');
  const bearer = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : null;
  const token = bearer ?? getCookie(c, SESSION_COOKIE) ?? null;
  if (token) {
    const deps = c.get('deps');
    const valid = await validateSessionToken(deps.database, token, deps.now());
    if (valid) {
      c.set('user', valid.user);
      c.set('sessionId', valid.sessionId);
      if (valid.refreshed && !bearer) setSessionCookie(c, token);
    } else if (!bearer) {
      clearSessionCookie(c);
    }
  }
  await next();
});

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Refuses cross-site state-changing requests (Lucia's CSRF advice): Sec-Fetch-Site when the
 * browser sends it, else the Origin header. Requests with neither come from non-browser clients. */
export const refuseCrossSite = createMiddleware<AppEnv>(async (c, next) => {
  if (!SAFE_METHODS.has(c.req.method)) {
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    const expected = c.get('deps').config.publicOrigin ?? new URL(c.req.url).origin;
    if (site && site !== 'same-origin' && site !== 'none') {
      throw new AppError('cross_site_request', `Cross-site request refused (Sec-Fetch-Site: ${site})`);
    }
    if (!site && origin && origin !== expected) {
      throw new AppError('cross_site_request', `Cross-site request refused (Origin: ${origin})`);
    }
  }
  await next();
});

export function requireUser(c: AppContext, ...roles: Role[]): SessionUser {
  const user = c.get('user');
  if (!user) throw new AppError('unauthenticated', 'Sign in first');
  if (roles.length > 0 && !roles.includes(user.role)) {
    throw new AppError('forbidden', `This needs the role ${roles.join(' or ')}`);
  }
  return user;
}
