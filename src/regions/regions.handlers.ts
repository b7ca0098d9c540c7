import type { AppRouteHandler } from '../lib/openapi';
import type { Region } from '../../db/schema';
import { notFound } from '../lib/errors';
import type * as routes from './regions.routes';
import * as repo from './regions.repository';

export const toRegionDto = (r: Region) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code, fullName: r.full_name });

async function mustFind(c: Parameters<AppRouteHandler<typeof routes.getRegion>>[0], code: string) {
  const region = await repo.findRegion(c.get('deps').database, code);
  if (!region) throw notFound(`Region ${code}`);
  return region;
}

export const getRegion: AppRouteHandler<typeof routes.getRegion> = async (c) => {
  const region = await mustFind(c, c.req.valid('param').code);
  c.header('Cache-Control', 'public, max-age=3600');
  return c.json(toRegionDto(region), 200);
};

export const getChildren: AppRouteHandler<typeof routes.getChildren> = async (c) => {
  const { code } = c.req.valid('param');
  await mustFind(c, code);
  const items = await repo.childrenOf(c.get('deps').database, code);
  c.header('Cache-Control', 'public, max-age=3600');
  return c.json({ items: items.map(toRegionDto) }, 200);
};

export const getAncestors: AppRouteHandler<typeof routes.getAncestors> = async (c) => {
  const { code } = c.req.valid('param');
  await mustFind(c, code);
  const items = await repo.ancestorsOf(c.get('deps').database, code);
  return c.json({ items: items.map(toRegionDto) }, 200);
};

export const listRoots: AppRouteHandler<typeof routes.listRoots> = async (c) => {
  const { q, within, limit } = c.req.valid('query');
  const database = c.get('deps').database;
  const items = q ? await repo.searchRegions(database, q, within, limit) : await database.db.selectFrom('regions').selectAll().where('level', '=', 1).orderBy('code').execute();
  return c.json({ items: items.map(toRegionDto) }, 200);
};
