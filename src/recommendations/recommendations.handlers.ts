import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../lib/context';
import type * as routes from './recommendations.routes';
import * as service from './recommendations.service';

type H<R extends Parameters<typeof import('@hono/zod-openapi').createRoute>[0]> = RouteHandler<R, AppEnv>;

export const forMe: H<typeof routes.forMe> = async (c) => {
  c.header('Cache-Control', 'private, no-store');
  return c.json(await service.recommendPositions(c.get('deps'), c.get('user'), c.req.valid('query').limit), 200);
};

export const candidates: H<typeof routes.candidates> = async (c) => {
  c.header('Cache-Control', 'private, no-store');
  return c.json(await service.recommendCandidates(c.get('deps'), c.get('user'), c.req.valid('param').id, c.req.valid('query').limit), 200);
};
