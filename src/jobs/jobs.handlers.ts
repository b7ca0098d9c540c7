import type { AppRouteHandler } from '../lib/openapi';
import type * as routes from './jobs.routes';
import * as service from './jobs.service';

export const getOne: AppRouteHandler<typeof routes.getOne> = async (c) => {
  c.header('Cache-Control', 'private, no-store');
  return c.json(await service.getJob(c.get('deps'), c.get('user'), c.req.valid('param').id), 200);
};
