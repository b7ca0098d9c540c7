import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../lib/context';
import { AppError, forbidden } from '../lib/errors';
import { requireUser } from '../auth/auth.middleware';
import { assertRegionExists } from '../regions/regions.repository';
import { chinaToday } from '../employers/access';
import { publicPositionScope, talentScopeFor, toListBody, toPositionQuery, toTalentQuery } from '../../search/params';
import type * as routes from './search.routes';

export const searchPositions: RouteHandler<typeof routes.searchPositions, AppEnv> = async (c) => {
  const deps = c.get('deps');
  const p = c.req.valid('query');
  if (p.regionCode) await assertRegionExists(deps.database, p.regionCode, 'regionCode');
  const r = await deps.search.engine.searchPositions(toPositionQuery(p, publicPositionScope(chinaToday(deps.now()))));
  return c.json(toListBody(r), 200);
};

export const searchTalents: RouteHandler<typeof routes.searchTalents, AppEnv> = async (c) => {
  const user = requireUser(c, 'department', 'admin', 'employer');
  const deps = c.get('deps');
  let verified = false;
  if (user.role === 'employer') {
    const row = await deps.database.db.selectFrom('employers').select('status').where('user_id', '=', user.id).executeTakeFirst();
    verified = row?.status === 'verified';
  }
  // The scope comes from the session only; request filters can narrow it, never widen it.
  const scope = talentScopeFor(user, verified);
  if (!scope) throw forbidden('Only departments and verified employers may search talents');
  const p = c.req.valid('query');
  if (p.regionCode) await assertRegionExists(deps.database, p.regionCode, 'regionCode');
  const r = await deps.search.engine.searchTalents(toTalentQuery(p, scope));
  return c.json(toListBody(r), 200);
};

export const searchStatus: RouteHandler<typeof routes.searchStatus, AppEnv> = async (c) => {
  requireUser(c, 'admin');
  const status = await c.get('deps').search.status();
  return c.json({ ...status, outbox: status.outbox as unknown as Record<string, unknown> | null }, 200);
};

export const reindex: RouteHandler<typeof routes.reindex, AppEnv> = async (c) => {
  requireUser(c, 'admin');
  const search = c.get('deps').search;
  if (!search.meili) throw new AppError('invalid_state', 'Meilisearch is not configured; there is no index to rebuild');
  const report = await search.reindex(c.req.valid('query').entity);
  return c.json(report as unknown as Record<string, unknown>, 200);
};
