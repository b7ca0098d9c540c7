// Regions for the API and the pages (reads only): one region, its children and ancestors, names and
// region choices. Codes that are not region codes have no
// name; unknown codes are left out.
import type { AppDeps, SessionUser } from '../lib/context';
import type { Database } from '../lib/database';
import type { Region } from '../../db/schema';
import { REGION_CODE_PATTERN, regionLevel } from '../lib/regions-range';
import { adminScope } from '../lib/scope';
import { notFound } from '../lib/errors';
import * as repo from './regions.repository';
import { ancestorsOf, childrenOf, findRegion, findRegions, provinces, regionsUnder } from './regions.repository';

type Reader = Pick<AppDeps, 'database'>;

export async function regionFullName(deps: Reader, code: string | null | undefined): Promise<string | null> {
  if (!code || !REGION_CODE_PATTERN.test(code)) return null;
  return (await findRegion(deps.database, code))?.full_name ?? null;
}

/** Full names of several codes; unknown codes are left out. */
export async function regionFullNames(deps: Reader, codes: string[]): Promise<Map<string, string>> {
  const valid = [...new Set(codes.filter((c) => REGION_CODE_PATTERN.test(c)))];
  return new Map((await findRegions(deps.database, valid)).map((r) => [r.code, r.full_name]));
}

/** regionFullNames for a caller that holds only the database handle (the search page). */
export const regionFullNamesIn = (database: Database, codes: string[]) => regionFullNames({ database }, codes);

/** The path from the province down to `code` and the regions one level below it (the provinces at the top). */
export async function regionTrail(deps: Reader, code: string | undefined): Promise<{ path: Region[]; children: Region[] }> {
  if (!code) return { path: [], children: await provinces(deps.database) };
  const here = await findRegion(deps.database, code);
  if (!here) return regionTrail(deps, undefined);
  const [above, children] = await Promise.all([ancestorsOf(deps.database, code), childrenOf(deps.database, code)]);
  return { path: [...above, here], children };
}

export interface RegionChoice {
  code: string;
  fullName: string;
  level: number;
}

/** Regions the caller may choose: their own region and its descendants down to two levels below
 * (one level when that would be too many), sorted by code; null for admins (everything: the
 * ordinary region field) and for callers without a region scope. */
export async function regionsInScope(deps: Reader, user: SessionUser | null): Promise<RegionChoice[] | null> {
  const scope = user ? adminScope(user) : null;
  if (scope === '' || scope === null) return null;
  const base = regionLevel(scope);
  for (const depth of [2, 1, 0]) {
    const rows = await regionsUnder(deps.database, scope, Math.min(4, base + depth), 501);
    if (rows.length <= 500 || depth === 0) return rows.map((r) => ({ code: r.code, fullName: r.full_name, level: r.level }));
  }
  return [];
}

/** A region field limited to the caller's scope: the choices (null: the whole country) and the
 * full name of the current value when the field shows it (not among the choices). */
export async function scopedRegionChoice(deps: Reader, user: SessionUser | null, value: string): Promise<{ regions: RegionChoice[] | null; valueName: string | null }> {
  const regions = await regionsInScope(deps, user);
  const shown = regions === null || (value !== '' && !regions.some((r) => r.code === value));
  return { regions, valueName: shown ? await regionFullName(deps, value) : null };
}

/** One region, or 404 (the public region API). */
export async function getRegionOr404(deps: Reader, code: string): Promise<Region> {
  const region = await repo.findRegion(deps.database, code);
  if (!region) throw notFound(`Region ${code}`);
  return region;
}

export async function regionChildren(deps: Reader, code: string): Promise<Region[]> {
  await getRegionOr404(deps, code);
  return repo.childrenOf(deps.database, code);
}

export async function regionAncestors(deps: Reader, code: string): Promise<Region[]> {
  await getRegionOr404(deps, code);
  return repo.ancestorsOf(deps.database, code);
}

/** Regions by name (within a subtree), or the provinces when no name is given. */
export async function findRegionsByName(deps: Reader, q: string | undefined, within: string | undefined, limit: number): Promise<Region[]> {
  return q ? repo.searchRegions(deps.database, q, within, limit) : repo.provinces(deps.database);
}
