import type { Region } from '../../db/schema';
import type { AppRouteHandler } from '../lib/openapi';
import type * as routes from './regions.routes';
import { findRegionsByName, getRegionOr404, regionAncestors, regionChildren } from './regions.service';
import { regionNameIn, resolveRegionName } from './regions.picker';
import { regionName } from './regions.names';

export const toRegionDto = (r: Region) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code, fullName: r.full_name });

export const getRegion: AppRouteHandler<typeof routes.getRegion> = async (c) => {
  const region = await getRegionOr404(c.get('deps'), c.req.valid('param').code);
  c.header('Cache-Control', 'public, max-age=3600');
  return c.json(toRegionDto(region), 200);
};

export const getChildren: AppRouteHandler<typeof routes.getChildren> = async (c) => {
  const items = await regionChildren(c.get('deps'), c.req.valid('param').code);
  const lang = c.req.valid('query').lang ?? 'zh';
  c.header('Cache-Control', 'public, max-age=3600');
  return c.json({ items: items.map((r) => ({ ...toRegionDto(r), displayName: regionName(r.name, lang) })) }, 200);
};

export const getAncestors: AppRouteHandler<typeof routes.getAncestors> = async (c) => {
  const items = await regionAncestors(c.get('deps'), c.req.valid('param').code);
  return c.json({ items: items.map(toRegionDto) }, 200);
};

export const listRoots: AppRouteHandler<typeof routes.listRoots> = async (c) => {
  const { q, within, limit } = c.req.valid('query');
  const items = await findRegionsByName(c.get('deps'), q, within, limit);
  return c.json({ items: items.map(toRegionDto) }, 200);
};

export const resolveName: AppRouteHandler<typeof routes.resolveName> = async (c) => {
  const { name, within, wide, lang = 'zh' } = c.req.valid('query');
  const deps = c.get('deps');
  const region = await resolveRegionName(deps, name, { root: within ?? '', wide: wide === 'true', field: 'name', lang });
  return c.json({ ...toRegionDto(region), displayName: (await regionNameIn(deps, region.code, lang)) ?? region.full_name }, 200);
};
