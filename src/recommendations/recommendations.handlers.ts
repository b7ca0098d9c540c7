import type { AppRouteHandler } from '../lib/openapi';
import type * as routes from './recommendations.routes';
import * as service from './recommendations.service';

export const forMe: AppRouteHandler<typeof routes.forMe> = async (c) => {
  c.header('Cache-Control', 'private, no-store');
  return c.json(await service.recommendPositions(c.get('deps'), c.get('user'), c.req.valid('query').limit), 200);
};

export const candidates: AppRouteHandler<typeof routes.candidates> = async (c) => {
  c.header('Cache-Control', 'private, no-store');
  return c.json(await service.recommendCandidates(c.get('deps'), c.get('user'), c.req.valid('param').id, c.req.valid('query').limit), 200);
};
