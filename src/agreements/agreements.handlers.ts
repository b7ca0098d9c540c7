import type { AppRouteHandler } from '../lib/openapi';
import type * as routes from './agreements.routes';
import * as service from './agreements.service';

export const create: AppRouteHandler<typeof routes.create> = async (c) => {
  return c.json(await service.createAgreement(c.get('deps'), c.get('user'), c.req.valid('json')), 201);
};

export const list: AppRouteHandler<typeof routes.list> = async (c) => {
  c.header('Cache-Control', 'private, no-store');
  return c.json(await service.listAgreements(c.get('deps'), c.get('user'), c.req.valid('query')), 200);
};

export const getOne: AppRouteHandler<typeof routes.getOne> = async (c) => {
  c.header('Cache-Control', 'private, no-store');
  return c.json(await service.getAgreement(c.get('deps'), c.get('user'), c.req.valid('param').id), 200);
};

export const move: AppRouteHandler<typeof routes.move> = async (c) => {
  return c.json(await service.moveAgreement(c.get('deps'), c.get('user'), c.req.valid('param').id, c.req.valid('json')), 200);
};
