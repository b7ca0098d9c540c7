// Region names for display (reads only, through the regions repository).
import type { Database } from '../src/lib/database';
import type { Region } from '../db/schema';
import { REGION_CODE_PATTERN } from '../src/lib/regions-range';
import { ancestorsOf, childrenOf, findRegion, findRegions } from '../src/regions/regions.repository';

export async function regionFullName(database: Database, code: string | null | undefined): Promise<string | null> {
  if (!code || !REGION_CODE_PATTERN.test(code)) return null;
  return (await findRegion(database, code))?.full_name ?? null;
}

/** Full names of several codes; unknown codes are left out. */
export async function regionFullNames(database: Database, codes: string[]): Promise<Map<string, string>> {
  const valid = [...new Set(codes.filter((c) => REGION_CODE_PATTERN.test(c)))];
  return new Map((await findRegions(database, valid)).map((r) => [r.code, r.full_name]));
}

/** The path from the province down to `code` and the regions one level below it (the provinces at the top). */
export async function regionTrail(database: Database, code: string | undefined): Promise<{ path: Region[]; children: Region[] }> {
  if (!code) {
    const provinces = await database.db.selectFrom('regions').selectAll().where('level', '=', 1).orderBy('code').execute();
    return { path: [], children: provinces };
  }
  const here = await findRegion(database, code);
  if (!here) return regionTrail(database, undefined);
  const [above, children] = await Promise.all([ancestorsOf(database, code), childrenOf(database, code)]);
  return { path: [...above, here], children };
}
