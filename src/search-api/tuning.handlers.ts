import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../lib/context';
import { requireUser } from '../auth/auth.middleware';
import * as service from './tuning.service';
import type * as routes from './tuning.routes';

export const getTuning: RouteHandler<typeof routes.getTuning, AppEnv> = async (c) => {
  const me = requireUser(c, 'admin');
  const view = await service.getTuning(c.get('deps'), me);
  return c.json({ ...view, limits: { ...view.limits } }, 200);
};

export const addSynonym: RouteHandler<typeof routes.addSynonym, AppEnv> = async (c) => {
  const me = requireUser(c, 'admin');
  return c.json(await service.addSynonym(c.get('deps'), me, c.req.valid('json')), 201);
};

export const deleteSynonym: RouteHandler<typeof routes.deleteSynonym, AppEnv> = async (c) => {
  const me = requireUser(c, 'admin');
  await service.deleteSynonym(c.get('deps'), me, c.req.valid('param').id);
  return c.body(null, 204);
};

export const addDictionaryWord: RouteHandler<typeof routes.addDictionaryWord, AppEnv> = async (c) => {
  const me = requireUser(c, 'admin');
  return c.json(await service.addDictionaryWord(c.get('deps'), me, c.req.valid('json')), 201);
};

export const deleteDictionaryWord: RouteHandler<typeof routes.deleteDictionaryWord, AppEnv> = async (c) => {
  const me = requireUser(c, 'admin');
  await service.deleteDictionaryWord(c.get('deps'), me, c.req.valid('param').id);
  return c.body(null, 204);
};

export const zeroResults: RouteHandler<typeof routes.zeroResults, AppEnv> = async (c) => {
  const me = requireUser(c, 'admin');
  return c.json(await service.zeroResults(c.get('deps'), me, c.req.valid('query').days), 200);
};
