import type { AppRouteHandler } from '../lib/openapi';
import type * as routes from './positions.routes';
import * as service from './positions.service';

export const create: AppRouteHandler<typeof routes.create> = async (c) => {
  return c.json(await service.createPosition(c.get('deps'), c.get('user'), c.req.valid('json')), 201);
};

export const list: AppRouteHandler<typeof routes.list> = async (c) => {
  return c.json(await service.listOpenPositions(c.get('deps'), c.req.valid('query')), 200);
};

export const getOne: AppRouteHandler<typeof routes.getOne> = async (c) => {
  const { position } = await service.getPositionForViewer(c.get('deps'), c.get('user'), c.req.valid('param').id);
  if (position.status !== 'open') c.header('Cache-Control', 'private, no-store');
  return c.json(position, 200);
};

export const update: AppRouteHandler<typeof routes.update> = async (c) => {
  return c.json(await service.updatePosition(c.get('deps'), c.get('user'), c.req.valid('param').id, c.req.valid('json')), 200);
};

export const publish: AppRouteHandler<typeof routes.publish> = async (c) => {
  return c.json(await service.publishPosition(c.get('deps'), c.get('user'), c.req.valid('param').id), 200);
};

export const close: AppRouteHandler<typeof routes.close> = async (c) => {
  return c.json(await service.closePosition(c.get('deps'), c.get('user'), c.req.valid('param').id), 200);
};

export const listMine: AppRouteHandler<typeof routes.listMine> = async (c) => {
  c.header('Cache-Control', 'private, no-store');
  return c.json(await service.listOwnPositions(c.get('deps'), c.get('user'), c.req.valid('query')), 200);
};
