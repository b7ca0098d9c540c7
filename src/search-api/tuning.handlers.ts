import type { AppRouteHandler } from '../lib/openapi';
import { requireUser } from '../auth';
import * as service from './tuning.service';
import type * as routes from './tuning.routes';

export const getTuning: AppRouteHandler<typeof routes.getTuning> = async (c) => {
  const me = requireUser(c, 'admin');
  const view = await service.getTuning(c.get('deps'), me);
  return c.json({ ...view, limits: { ...view.limits } }, 200);
};

export const addSynonym: AppRouteHandler<typeof routes.addSynonym> = async (c) => {
  const me = requireUser(c, 'admin');
  return c.json(await service.addSynonym(c.get('deps'), me, c.req.valid('json')), 201);
};

export const deleteSynonym: AppRouteHandler<typeof routes.deleteSynonym> = async (c) => {
  const me = requireUser(c, 'admin');
  await service.deleteSynonym(c.get('deps'), me, c.req.valid('param').id);
  return c.body(null, 204);
};

export const addDictionaryWord: AppRouteHandler<typeof routes.addDictionaryWord> = async (c) => {
  const me = requireUser(c, 'admin');
  return c.json(await service.addDictionaryWord(c.get('deps'), me, c.req.valid('json')), 201);
};

export const deleteDictionaryWord: AppRouteHandler<typeof routes.deleteDictionaryWord> = async (c) => {
  const me = requireUser(c, 'admin');
  await service.deleteDictionaryWord(c.get('deps'), me, c.req.valid('param').id);
  return c.body(null, 204);
};

export const zeroResults: AppRouteHandler<typeof routes.zeroResults> = async (c) => {
  const me = requireUser(c, 'admin');
  return c.json(await service.zeroResults(c.get('deps'), me, c.req.valid('query').days), 200);
};
