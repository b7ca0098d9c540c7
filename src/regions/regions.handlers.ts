import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../lib/context';
import type { Region } from '../../db/schema';
import { notFound } from '../lib/errors';
import type * as routes from './regions.routes';
import * as repo from './regions.repository';

export const toRegionDto = (r: Region) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code, fullName: r.full_name });

async function mustFind(c: Parameters<RouteHandler<typeof routes.getRegion, AppEnv>>[0], code: string) {
  const region = await repo.findRegion(c.get('deps').database, code);
  if (!region) throw notFound(`Region ${code}`);
  return region;
}

export const getRegion: RouteHandler<typeof routes.getRegion, AppEnv> = async (c) => {
  const region = await mustFind(c, c.req.valid('param').code);
  c.header('Cache-Control', 'public, max-age=3600');
  return c.json(toRegionDto(region), 200);
};

export const getChildren: RouteHandler<typeof routes.getChildren, AppEnv> = async (c) => {
  const { code } = c.req.valid('param');
  await mustFind(c, code);
  const items = await repo.childrenOf(c.get('deps').database, code);
  c.header('Cache-Control', 'public, max-age=3600');
  return c.json({ items: items.map(toRegionDto) }, 200);
};

export const getAncestors: RouteHandler<typeof routes.getAncestors, AppEnv> = async (c) => {
  const { code } = c.req.valid('param');
  await mustFind(c, code);
  const items = await repo.ancestorsOf(c.get('deps').database, code);
  return c.json({ items: items.map(toRegionDto) }, 200);
};

export const listRoots: RouteHandler<typeof routes.listRoots, AppEnv> = async (c) => {
  const { q, within, limit } = c.req.valid('query');
  const database = c.get('deps').database;
  const items = q
    ? await repo.searchRegions(database, q, within, limit)
    : await database.db.selectFrom('regions').selectAll().where('level', '=', 1).orderBy('code').execute();
  return c.json({ items: items.map(toRegionDto) }, 200);
};
