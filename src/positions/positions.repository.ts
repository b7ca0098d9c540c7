// Position queries. Plain Kysely functions taking `database` first; writes come back as compiled
// queries so a service can put them into one atomic write together with the search outbox row.
import { sql, type CompiledQuery, type RawBuilder } from 'kysely';
import type { Database } from '../lib/database';
import type { Position } from '../../db/schema';
import { subtreeRange } from '../lib/regions-range';
import { parseList, type OpenPositionFilters } from './positions.schemas';
import { listColumnsOf, serviceAreaBit } from './list-columns';
import { cachedListAnswer, rememberListAnswer, totalsGeneration } from './total-cache';

/** A position with what its pages show of the employer and the region. */
export type PositionRecord = Position & {
  employer_name: string;
  employer_credit_code: string;
  employer_user_id: string | null;
  employer_status: 'pending' | 'verified' | 'rejected';
  region_name: string;
  region_short_name: string;
  province_name: string;
};

export async function findPositionById(database: Database, id: string): Promise<PositionRecord | undefined> {
  return database.db
    .selectFrom('positions')
    .innerJoin('employers', 'employers.id', 'positions.employer_id')
    .innerJoin('regions', 'regions.code', 'positions.region_code')
    .innerJoin('regions as province', (j) => j.on('province.code', '=', sql<string>`substr(positions.region_code, 1, 2)`))
    .selectAll('positions')
    .select([
      'employers.name as employer_name',
      'employers.credit_code as employer_credit_code',
      'employers.user_id as employer_user_id',
      'employers.status as employer_status',
      'regions.full_name as region_name',
      'regions.name as region_short_name',
      'province.name as province_name',
    ])
    .where('positions.id', '=', id)
    .executeTakeFirst();
}

const SUMMARY_COLUMNS = [
  'p.id',
  'p.status',
  'p.title',
  'p.kind',
  'p.region_code',
  'p.employer_id',
  'p.employer_type',
  'p.seats',
  'p.reserved_seats',
  'p.salary_min',
  'p.salary_max',
  'p.employment_type',
  'p.opens_on',
  'p.closes_on',
  'p.published_at',
] as const;

export type PositionSummaryRow = Pick<
  Position,
  | 'id'
  | 'status'
  | 'title'
  | 'kind'
  | 'region_code'
  | 'employer_id'
  | 'employer_type'
  | 'seats'
  | 'reserved_seats'
  | 'salary_min'
  | 'salary_max'
  | 'employment_type'
  | 'opens_on'
  | 'closes_on'
  | 'published_at'
> & { employer_name: string; region_name: string };

/** The two queries of the public list (a count and a page), built apart so a test can read their
 * query plans. Each region level has an index already in published_at order (migration 0004), so
 * the page walks it newest-first and stops after LIMIT + OFFSET entries instead of sorting every
 * match; service areas are a bit test on service_area_mask inside the index, not a join:
 *   city (4 digits)    positions_open_city    (status, city_code = ?, published_at, …)
 *   county (6 digits)  positions_open_county  (status, county_code = ?, published_at, …)
 *   province / none    positions_open_recent  (status, published_at, …, region_code)
 *   township / other   positions_open_list    (status, region_code range, …) — few rows, sorted */
/** The home list's orders (issue 11 §8): newest first, closing soonest first, highest salary first
 * (the top of the band, else its bottom; posts without a salary last). */
const OPEN_ORDER: Record<NonNullable<OpenPositionFilters['sort']>, { key: RawBuilder<unknown>; dir: 'asc' | 'desc' }> = {
  newest: { key: sql`p.published_at`, dir: 'desc' },
  closing: { key: sql`p.closes_on`, dir: 'asc' },
  salary: { key: sql`coalesce(p.salary_max, p.salary_min)`, dir: 'desc' },
};

export function openPositionsQueries(database: Database, f: OpenPositionFilters, today: string) {
  const filtered = () => {
    let q = database.db.selectFrom('positions as p').where('p.status', '=', 'open').where('p.closes_on', '>=', today);
    const region = f.regionCode;
    if (region && region.length === 4) {
      q = q.where(sql.ref('p.city_code'), '=', region);
    } else if (region && region.length === 6) {
      q = q.where(sql.ref('p.county_code'), '=', region);
    } else if (region) {
      const { from, to } = subtreeRange(region);
      // For a province the unary + keeps the planner off positions_open_list (a range there means
      // sorting every post of the province); it walks positions_open_recent instead.
      const ref = region.length <= 2 ? sql`+p.region_code` : sql.ref('p.region_code');
      q = q.where(ref, '>=', from).where(ref, '<', to);
    }
    if (f.kind) q = q.where('p.kind', '=', f.kind);
    if (f.employerType) q = q.where('p.employer_type', '=', f.employerType);
    if (f.serviceArea) q = q.where(sql<boolean>`(p.service_area_mask & ${serviceAreaBit(f.serviceArea)}) != 0`);
    return q;
  };
  const count = filtered().select((eb) => eb.fn.countAll<number>().as('n'));
  // Sort and cut the page on the positions alone (by rowid, which every index holds, so an index
  // that covers the filters answers it without the table), then join the names for those rows only.
  const order = OPEN_ORDER[f.sort ?? 'newest'];
  const pageRows = filtered()
    .select([sql<number>`p.rowid`.as('rid'), order.key.as('k')])
    .orderBy(order.key, order.dir)
    .orderBy(sql`p.rowid`, 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .as('pg');
  const page = database.db
    .selectFrom(pageRows)
    .innerJoin('positions as p', (j) => j.on(sql<boolean>`p.rowid = pg.rid`))
    .innerJoin('employers as e', 'e.id', 'p.employer_id')
    .innerJoin('regions as r', 'r.code', 'p.region_code')
    .select([...SUMMARY_COLUMNS, 'e.name as employer_name', 'r.full_name as region_name'])
    .orderBy('pg.k', order.dir)
    .orderBy('pg.rid', 'desc');
  return { count, page };
}

/** The cache key of a filter: everything the count depends on (not the page). */
const totalKey = (f: OpenPositionFilters, today: string) => `${today}|${f.regionCode ?? ''}|${f.kind ?? ''}|${f.employerType ?? ''}|${f.serviceArea ?? ''}`;

/** One page of the public list with its total, from total-cache.ts when fresh: the whole page, or
 * else the total (then only the page query runs). */
export async function listOpenPositions(database: Database, f: OpenPositionFilters, today: string): Promise<{ items: PositionSummaryRow[]; total: number }> {
  const key = totalKey(f, today);
  const pageKey = `${key}|${f.sort ?? 'newest'}|${f.page}|${f.pageSize}`;
  type Answer = { items: PositionSummaryRow[]; total: number };
  const hit = cachedListAnswer<Answer>(database, pageKey);
  if (hit) return hit;
  const generation = totalsGeneration(database);
  const { count, page } = openPositionsQueries(database, f, today);
  const cached = cachedListAnswer(database, key);
  let answer: Answer;
  if (cached !== undefined) {
    answer = { items: await page.execute(), total: cached };
  } else {
    const [counted, items] = await Promise.all([count.executeTakeFirstOrThrow(), page.execute()]);
    answer = { items, total: Number(counted.n) };
    rememberListAnswer(database, key, answer.total, generation);
  }
  rememberListAnswer(database, pageKey, answer, generation);
  return answer;
}

export async function listEmployerPositions(
  database: Database,
  employerId: string,
  f: { status?: Position['status']; page: number; pageSize: number },
): Promise<{ items: PositionSummaryRow[]; total: number }> {
  let base = database.db.selectFrom('positions as p').where('p.employer_id', '=', employerId);
  if (f.status) base = base.where('p.status', '=', f.status);
  const [counted, items] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base
      .innerJoin('employers as e', 'e.id', 'p.employer_id')
      .innerJoin('regions as r', 'r.code', 'p.region_code')
      .select([...SUMMARY_COLUMNS, 'e.name as employer_name', 'r.full_name as region_name'])
      .orderBy('p.updated_at', 'desc')
      .orderBy('p.id', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
  ]);
  return { items, total: Number(counted.n) };
}

/** Inserts a position with its derived list columns (city_code, county_code, service_area_mask)
 * computed from the same row. */
export function insertPosition(database: Database, row: Omit<Position, 'status' | 'published_at' | 'held'>): CompiledQuery {
  return database.db
    .insertInto('positions')
    .values({ ...row, ...listColumnsOf(row.region_code, parseList(row.service_areas)) })
    .compile();
}

/** Updates a position. A change of region_code or service_areas must come together (the service
 * always writes every input column), so the derived list columns are recomputed in the same UPDATE. */
export function updatePositionRow(database: Database, id: string, changes: Partial<Omit<Position, 'id' | 'employer_id' | 'created_at' | 'held'>>): CompiledQuery {
  const touchesListColumns = changes.region_code !== undefined || changes.service_areas !== undefined;
  if (touchesListColumns && (changes.region_code === undefined || changes.service_areas === undefined)) {
    throw new Error('updatePositionRow: region_code and service_areas change together');
  }
  const derived = touchesListColumns ? listColumnsOf(changes.region_code!, parseList(changes.service_areas!)) : {};
  return database.db
    .updateTable('positions')
    .set({ ...changes, ...derived })
    .where('id', '=', id)
    .compile();
}

/** Replaces the service-area rows of a position (the public list filters on them). */
export function replaceServiceAreas(database: Database, positionId: string, areas: string[], isNew: boolean): CompiledQuery[] {
  const out: CompiledQuery[] = [];
  if (!isNew) out.push(database.db.deleteFrom('position_service_areas').where('position_id', '=', positionId).compile());
  if (areas.length > 0) {
    out.push(
      database.db
        .insertInto('position_service_areas')
        .values(areas.map((area) => ({ area, position_id: positionId })))
        .compile(),
    );
  }
  return out;
}

/** Opens a draft or closed position, only while its employer is verified and it has not closed. */
export function publishIfAllowed(database: Database, id: string, today: string, now: number): CompiledQuery {
  return database.db
    .updateTable('positions')
    .set({ status: 'open', published_at: sql<number>`coalesce(published_at, ${now})`, updated_at: now })
    .where('id', '=', id)
    .where('status', 'in', ['draft', 'closed'])
    .where('closes_on', '>=', today)
    .where(sql<boolean>`exists (select 1 from employers where employers.id = positions.employer_id and employers.status = 'verified')`)
    .compile();
}

export function closeIfOpen(database: Database, id: string, now: number): CompiledQuery {
  return database.db.updateTable('positions').set({ status: 'closed', updated_at: now }).where('id', '=', id).where('status', '=', 'open').compile();
}

/** Open posts (not past their closing day) of one employer with their region's full name, by
 * title, at most `limit`; only when the employer lies in the subtree `root` ('' = anywhere). */
export async function openPositionsOfEmployer(
  database: Database,
  employerId: string,
  f: { root: string; today: string; limit: number },
): Promise<{ id: string; title: string; seats: number; region_name: string | null }[]> {
  let query = database.db
    .selectFrom('positions as p')
    .innerJoin('employers as e', 'e.id', 'p.employer_id')
    .leftJoin('regions as g', 'g.code', 'p.region_code')
    .select(['p.id', 'p.title', 'p.seats', 'g.full_name as region_name'])
    .where('p.employer_id', '=', employerId)
    .where('p.status', '=', 'open')
    .where('p.closes_on', '>=', f.today);
  if (f.root) {
    const { from, to } = subtreeRange(f.root);
    query = query.where('e.region_code', '>=', from).where('e.region_code', '<', to);
  }
  return query.orderBy('p.title').orderBy('p.id').limit(f.limit).execute();
}
