import type { AppRouteHandler } from '../lib/openapi';
import type * as routes from './placements.routes';
import * as service from './placements.service';

export const create: AppRouteHandler<typeof routes.create> = async (c) => {
  return c.json(await service.createPlacement(c.get('deps'), c.get('user'), c.req.valid('json')), 201);
};

export const list: AppRouteHandler<typeof routes.list> = async (c) => {
  c.header('Cache-Control', 'private, no-store');
  return c.json(await service.listPlacements(c.get('deps'), c.get('user'), c.req.valid('query')), 200);
};

export const getOne: AppRouteHandler<typeof routes.getOne> = async (c) => {
  c.header('Cache-Control', 'private, no-store');
  return c.json(await service.getPlacement(c.get('deps'), c.get('user'), c.req.valid('param').id), 200);
};

export const end: AppRouteHandler<typeof routes.end> = async (c) => {
  return c.json(await service.endPlacement(c.get('deps'), c.get('user'), c.req.valid('param').id, c.req.valid('json')), 200);
};
