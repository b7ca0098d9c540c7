import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../lib/context';
import type * as routes from './placements.routes';
import * as service from './placements.service';

type H<R extends Parameters<typeof import('@hono/zod-openapi').createRoute>[0]> = RouteHandler<R, AppEnv>;

export const create: H<typeof routes.create> = async (c) => {
  return c.json(await service.createPlacement(c.get('deps'), c.get('user'), c.req.valid('json')), 201);
};

export const list: H<typeof routes.list> = async (c) => {
  c.header('Cache-Control', 'private, no-store');
  return c.json(await service.listPlacements(c.get('deps'), c.get('user'), c.req.valid('query')), 200);
};

export const getOne: H<typeof routes.getOne> = async (c) => {
  c.header('Cache-Control', 'private, no-store');
  return c.json(await service.getPlacement(c.get('deps'), c.get('user'), c.req.valid('param').id), 200);
};

export const end: H<typeof routes.end> = async (c) => {
  return c.json(await service.endPlacement(c.get('deps'), c.get('user'), c.req.valid('param').id, c.req.valid('json')), 200);
};
