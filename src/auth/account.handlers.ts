import type { AppRouteHandler } from '../lib/openapi';
import type * as routes from './account.routes';
import * as service from './account.service';
import { requireUser } from './auth.middleware';

export const listSessions: AppRouteHandler<typeof routes.listSessions> = async (c) => {
  const user = requireUser(c);
  return c.json({ items: await service.listSessions(c.get('deps'), user, c.get('sessionId')) }, 200);
};

export const signOutOthers: AppRouteHandler<typeof routes.signOutOthers> = async (c) => {
  const user = requireUser(c);
  return c.json({ ended: await service.signOutOthers(c.get('deps'), user, c.get('sessionId')) }, 200);
};

export const signOutSession: AppRouteHandler<typeof routes.signOutSession> = async (c) => {
  const user = requireUser(c);
  await service.signOutSession(c.get('deps'), user, c.req.valid('param').id);
  return c.body(null, 204);
};

export const requestEmailChange: AppRouteHandler<typeof routes.requestEmailChange> = async (c) => {
  const user = requireUser(c);
  const { newEmail, currentPassword } = c.req.valid('json');
  await service.requestEmailChange(c.get('deps'), user, newEmail, currentPassword, new URL(c.req.url).origin);
  return c.json({ message: 'A confirmation link was sent to the new address.' }, 202);
};

export const confirmEmailChange: AppRouteHandler<typeof routes.confirmEmailChange> = async (c) => {
  return c.json(await service.confirmEmailChange(c.get('deps'), c.req.valid('json').token), 200);
};
