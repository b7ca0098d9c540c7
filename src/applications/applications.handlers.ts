import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../lib/context';
import type * as routes from './applications.routes';
import * as service from './applications.service';

type H<R extends Parameters<typeof import('@hono/zod-openapi').createRoute>[0]> = RouteHandler<R, AppEnv>;

export const apply: H<typeof routes.apply> = async (c) => {
  return c.json(await service.apply(c.get('deps'), c.get('user'), c.req.valid('json')), 201);
};

export const listMine: H<typeof routes.listMine> = async (c) => {
  c.header('Cache-Control', 'private, no-store');
  return c.json(await service.listMyApplications(c.get('deps'), c.get('user'), c.req.valid('query')), 200);
};

export const getOne: H<typeof routes.getOne> = async (c) => {
  c.header('Cache-Control', 'private, no-store');
  return c.json(await service.getApplicationWithHistory(c.get('deps'), c.get('user'), c.req.valid('param').id), 200);
};

export const withdraw: H<typeof routes.withdraw> = async (c) => {
  const { note } = c.req.valid('json');
  return c.json(await service.withdraw(c.get('deps'), c.get('user'), c.req.valid('param').id, note), 200);
};

export const move: H<typeof routes.move> = async (c) => {
  return c.json(await service.moveApplication(c.get('deps'), c.get('user'), c.req.valid('param').id, c.req.valid('json')), 200);
};

export const listForPosition: H<typeof routes.listForPosition> = async (c) => {
  c.header('Cache-Control', 'private, no-store');
  return c.json(await service.listApplicants(c.get('deps'), c.get('user'), c.req.valid('param').id, c.req.valid('query')), 200);
};
