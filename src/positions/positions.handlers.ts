import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../lib/context';
import type * as routes from './positions.routes';
import * as service from './positions.service';

type H<R extends Parameters<typeof import('@hono/zod-openapi').createRoute>[0]> = RouteHandler<R, AppEnv>;

export const create: H<typeof routes.create> = async (c) => {
  return c.json(await service.createPosition(c.get('deps'), c.get('user'), c.req.valid('json')), 201);
};

export const list: H<typeof routes.list> = async (c) => {
  return c.json(await service.listOpenPositions(c.get('deps'), c.req.valid('query')), 200);
};

export const getOne: H<typeof routes.getOne> = async (c) => {
  const { position } = await service.getPositionForViewer(c.get('deps'), c.get('user'), c.req.valid('param').id);
  if (position.status !== 'open') c.header('Cache-Control', 'private, no-store');
  return c.json(position, 200);
};

export const update: H<typeof routes.update> = async (c) => {
  return c.json(await service.updatePosition(c.get('deps'), c.get('user'), c.req.valid('param').id, c.req.valid('json')), 200);
};

export const publish: H<typeof routes.publish> = async (c) => {
  return c.json(await service.publishPosition(c.get('deps'), c.get('user'), c.req.valid('param').id), 200);
};

export const close: H<typeof routes.close> = async (c) => {
  return c.json(await service.closePosition(c.get('deps'), c.get('user'), c.req.valid('param').id), 200);
};

export const listMine: H<typeof routes.listMine> = async (c) => {
  c.header('Cache-Control', 'private, no-store');
  return c.json(await service.listOwnPositions(c.get('deps'), c.get('user'), c.req.valid('query')), 200);
};
