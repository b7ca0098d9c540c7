import type { AppRouteHandler } from '../lib/openapi';
import { AppError } from '../lib/errors';
import { requireUser } from '../auth';
import { reindexJob } from './search.jobs';
import { toListBody } from './search.schemas';
import * as service from './search.service';
import type * as routes from './search.routes';

export const searchPositions: AppRouteHandler<typeof routes.searchPositions> = async (c) => {
  return c.json(toListBody(await service.searchPositions(c.get('deps'), c.req.valid('query'))), 200);
};

export const searchTalents: AppRouteHandler<typeof routes.searchTalents> = async (c) => {
  const user = requireUser(c, 'department', 'admin', 'employer');
  // The scope comes from the session only; request filters can narrow it, never widen it.
  return c.json(toListBody(await service.searchTalents(c.get('deps'), user, c.req.valid('query'))), 200);
};

export const searchStatus: AppRouteHandler<typeof routes.searchStatus> = async (c) => {
  requireUser(c, 'admin');
  const status = await c.get('deps').search.status();
  return c.json({ ...status, outbox: status.outbox as unknown as Record<string, unknown> | null }, 200);
};

export const reindex: AppRouteHandler<typeof routes.reindex> = async (c) => {
  const me = requireUser(c, 'admin');
  const search = c.get('deps').search;
  if (!search.meili) throw new AppError('invalid_state', 'Meilisearch is not configured; there is no index to rebuild');
  // A job: a worker thread on Node (src/search-api/search.jobs.ts); the answer is unchanged.
  const report = await reindexJob(c.get('deps'), me, c.req.valid('query').entity);
  return c.json(report as unknown as Record<string, unknown>, 200);
};
