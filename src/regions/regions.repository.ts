import { sql } from 'kysely';
import type { Database } from '../lib/database';
import type { Region } from '../../db/schema';
import { fieldError } from '../lib/errors';
import { REGION_CODE_PATTERN, subtreeRange } from '../lib/regions-range';

export async function findRegion(database: Database, code: string): Promise<Region | undefined> {
  return database.db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findRegions(database: Database, codes: string[]): Promise<Region[]> {
  if (codes.length === 0) return [];
  return database.db.selectFrom('regions').selectAll().where('code', 'in', codes).execute();
}

export async function childrenOf(database: Database, code: string): Promise<Region[]> {
  return database.db.selectFrom('regions').selectAll().where('parent_code', '=', code).orderBy('code').execute();
}

export function ancestorCodes(code: string): string[] {
  const out: string[] = [];
  for (const len of [2, 4, 6]) if (code.length > len) out.push(code.slice(0, len));
  return out;
}

export async function ancestorsOf(database: Database, code: string): Promise<Region[]> {
  return findRegions(database, ancestorCodes(code)).then((rs) => rs.sort((a, b) => a.code.length - b.code.length));
}

export async function searchRegions(database: Database, q: string, within: string | undefined, limit: number): Promise<Region[]> {
  let query = database.db
    .selectFrom('regions')
    .selectAll()
    .where(sql<boolean>`name LIKE ${`%${q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`} ESCAPE '\\'`);
  if (within) {
    const { from, to } = subtreeRange(within);
    query = query.where('code', '>=', from).where('code', '<', to);
  }
  return query.orderBy('level').orderBy('code').limit(limit).execute();
}

/** Throws a validation error naming `field` unless the code is a region in the table. */
export async function assertRegionExists(database: Database, code: string, field: string): Promise<Region> {
  if (!REGION_CODE_PATTERN.test(code)) throw fieldError(field, 'region_code');
  const region = await findRegion(database, code);
  if (!region) throw fieldError(field, 'region_unknown', { code });
  return region;
}

export async function assertRegionsExist(database: Database, codes: string[], field: string): Promise<void> {
  const unique = [...new Set(codes)];
  for (const [i, c] of codes.entries()) {
    if (!REGION_CODE_PATTERN.test(c)) throw fieldError(`${field}.${i}`, 'region_code');
  }
  const found = new Set((await findRegions(database, unique)).map((r) => r.code));
  const missing = codes.findIndex((c) => !found.has(c));
  if (missing >= 0) throw fieldError(`${field}.${missing}`, 'region_unknown', { code: codes[missing] });
}

/** The provinces (level 1), by code. */
export async function provinces(database: Database): Promise<Region[]> {
  return database.db.selectFrom('regions').selectAll().where('level', '=', 1).orderBy('code').execute();
}

/** The regions of the subtree under `root` down to `maxLevel`, by code, at most `limit`. */
export async function regionsUnder(database: Database, root: string, maxLevel: number, limit: number): Promise<Pick<Region, 'code' | 'full_name' | 'level'>[]> {
  const { from, to } = subtreeRange(root);
  return database.db
    .selectFrom('regions')
    .select(['code', 'full_name', 'level'])
    .where('code', '>=', from)
    .where('code', '<', to)
    .where('level', '<=', maxLevel)
    .orderBy('code')
    .limit(limit)
    .execute();
}

/** The regions under `root` ('' = the country) down to `maxLevel`, by code, at most `limit`. */
export async function regionRowsWithin(database: Database, root: string, maxLevel: number, limit: number): Promise<Region[]> {
  let query = database.db.selectFrom('regions').selectAll().where('level', '<=', maxLevel);
  if (root) {
    const { from, to } = subtreeRange(root);
    query = query.where('code', '>', from).where('code', '<', to);
  }
  return query.orderBy('code').limit(limit).execute();
}

/** Regions under `root` whose full name ends with `text` (a name, or a name with its parents), or
 * whose name is `text` followed by one of `suffixes` (呼和浩特 → 呼和浩特市); fewest levels first. */
export async function regionsNamed(database: Database, text: string, root: string, suffixes: readonly string[], limit: number): Promise<Region[]> {
  let query = database.db
    .selectFrom('regions')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb(sql<string>`substr(full_name, ${-text.length})`, '=', text),
        eb(
          'name',
          'in',
          suffixes.map((s) => text + s),
        ),
      ]),
    );
  if (root) {
    const { from, to } = subtreeRange(root);
    query = query.where('code', '>=', from).where('code', '<', to);
  }
  return query.orderBy('level').orderBy('code').limit(limit).execute();
}
