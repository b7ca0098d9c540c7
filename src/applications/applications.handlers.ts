import type { AppRouteHandler } from '../lib/openapi';
import type * as routes from './applications.routes';
import * as service from './applications.service';
import * as invitations from './applications.invitations';

export const apply: AppRouteHandler<typeof routes.apply> = async (c) => {
  return c.json(await service.apply(c.get('deps'), c.get('user'), c.req.valid('json')), 201);
};

export const listMine: AppRouteHandler<typeof routes.listMine> = async (c) => {
  c.header('Cache-Control', 'private, no-store');
  return c.json(await service.listMyApplications(c.get('deps'), c.get('user'), c.req.valid('query')), 200);
};

export const getOne: AppRouteHandler<typeof routes.getOne> = async (c) => {
  c.header('Cache-Control', 'private, no-store');
  return c.json(await service.getApplicationWithHistory(c.get('deps'), c.get('user'), c.req.valid('param').id), 200);
};

export const withdraw: AppRouteHandler<typeof routes.withdraw> = async (c) => {
  const { note } = c.req.valid('json');
  return c.json(await service.withdraw(c.get('deps'), c.get('user'), c.req.valid('param').id, note), 200);
};

export const move: AppRouteHandler<typeof routes.move> = async (c) => {
  return c.json(await service.moveApplication(c.get('deps'), c.get('user'), c.req.valid('param').id, c.req.valid('json')), 200);
};

export const listForPosition: AppRouteHandler<typeof routes.listForPosition> = async (c) => {
  c.header('Cache-Control', 'private, no-store');
  return c.json(await service.listApplicants(c.get('deps'), c.get('user'), c.req.valid('param').id, c.req.valid('query')), 200);
};

export const reschedule: AppRouteHandler<typeof routes.reschedule> = async (c) => {
  return c.json(await service.rescheduleInterview(c.get('deps'), c.get('user'), c.req.valid('param').id, c.req.valid('json')), 200);
};

export const invite: AppRouteHandler<typeof routes.invite> = async (c) => {
  return c.json(await invitations.invite(c.get('deps'), c.get('user'), c.req.valid('json')), 201);
};

export const listInvitations: AppRouteHandler<typeof routes.listInvitations> = async (c) => {
  c.header('Cache-Control', 'private, no-store');
  return c.json(await invitations.listInvitations(c.get('deps'), c.get('user'), c.req.valid('query')), 200);
};
