import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../lib/context';
import type * as routes from './jobs.routes';
import * as service from './jobs.service';

export const getOne: RouteHandler<typeof routes.getOne, AppEnv> = async (c) => {
  c.header('Cache-Control', 'private, no-store');
  return c.json(await service.getJob(c.get('deps'), c.get('user'), c.req.valid('param').id), 200);
};
