import type { AppRouteHandler } from '../lib/openapi';
import type * as routes from './auth.routes';
import * as service from './auth.service';
import { clearSessionCookie, requireUser, setSessionCookie } from './auth.middleware';
import { deleteSession } from './sessions';
import { readDeviceCookie, setDeviceCookie } from './device';
import { toUserDto } from './auth.schemas';
import * as reset from './reset.service';
import * as signup from './signup.service';

export const register: AppRouteHandler<typeof routes.register> = async (c) => {
  const body = c.req.valid('json');
  const deps = c.get('deps');
  const out = await signup.register(deps, body, { address: deps.clientAddress(c), userAgent: c.req.header('user-agent') ?? null, origin: new URL(c.req.url).origin });
  if (out.kind === 'check_mailbox') return c.json({ status: 'check_mailbox' as const, message: 'Check your mailbox: the link in it finishes the sign-up.' }, 202);
  const { user, token, device } = out.session;
  setSessionCookie(c, token);
  setDeviceCookie(c, device);
  return c.json({ user: toUserDto(user), token }, 201);
};

export const confirmSignUp: AppRouteHandler<typeof routes.confirmSignUp> = async (c) => {
  const { token: linkToken } = c.req.valid('json');
  const { user, token, device } = await signup.confirmSignUp(c.get('deps'), linkToken, c.req.header('user-agent') ?? null);
  setSessionCookie(c, token);
  setDeviceCookie(c, device);
  return c.json({ user: toUserDto(user), token }, 201);
};

export const signIn: AppRouteHandler<typeof routes.signIn> = async (c) => {
  const { email, password } = c.req.valid('json');
  const deps = c.get('deps');
  const { user, token, device } = await service.signIn(deps, email, password, deps.clientAddress(c), readDeviceCookie(c), c.req.header('user-agent') ?? null);
  setSessionCookie(c, token);
  setDeviceCookie(c, device);
  return c.json({ user: toUserDto(user), token }, 200);
};

export const signOut: AppRouteHandler<typeof routes.signOut> = async (c) => {
  requireUser(c);
  const sessionId = c.get('sessionId');
  if (sessionId) await deleteSession(c.get('deps').database, sessionId);
  clearSessionCookie(c);
  return c.body(null, 204);
};

export const changePassword: AppRouteHandler<typeof routes.changePassword> = async (c) => {
  const user = requireUser(c);
  const { currentPassword, newPassword } = c.req.valid('json');
  await service.changePassword(c.get('deps'), user, c.get('sessionId'), currentPassword, newPassword);
  return c.body(null, 204);
};

export const me: AppRouteHandler<typeof routes.me> = async (c) => {
  const user = requireUser(c);
  return c.json(toUserDto(user), 200);
};

export const requestPasswordReset: AppRouteHandler<typeof routes.requestPasswordReset> = async (c) => {
  const { email } = c.req.valid('json');
  await reset.requestPasswordReset(c.get('deps'), email, new URL(c.req.url).origin);
  return c.json({ message: 'If an account has this address, a reset link is on its way.' }, 202);
};

export const resetPassword: AppRouteHandler<typeof routes.resetPassword> = async (c) => {
  const { token, newPassword } = c.req.valid('json');
  await reset.resetPassword(c.get('deps'), token, newPassword);
  return c.body(null, 204);
};
