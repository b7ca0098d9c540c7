// Statistics reads. Each returns plain rows for the pure assemblers beside it (talents.ts, supply.ts …).
//
// How the talent counts stay fast at a million rows (db/migrations/0007_statistics.sql): a breakdown
// is shown for region R by R's direct children, so each count is "value v, region code within the
// child's subtree" — an index range [child, child || ':'), since codes are digit strings and ':'
// sorts right after '9' — plus R's own code ([R, R || '0')). SQLite counts such a range by walking
// index entries, never the table. Expressions that must match an index (substr(region_code, 1, 4),
// instr(service_areas, '"children"') > 0) are written here literally, exactly as in the migration.
// Every query binds far fewer than 100 parameters (D1's limit).
import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../lib/database';
import { subtreeRange } from '../lib/regions-range';
import { LANGUAGES, SERVICE_AREAS } from '../lib/vocab';
import type { AgreementFact } from './directed';
import type { MonthRow } from './months';
import type { OpenPost, SupplyRow } from './supply';
import { ageBandRanges, dimensionValues, type TalentDimension, type UnitRow } from './talents';
import { childCodeLength, type RegionRef } from './units';

const SINGLE_COLUMNS: Partial<Record<TalentDimension, string>> = {
  qualification: 'qualification_level',
  education: 'education_level',
  gender: 'gender',
  ethnicity: 'ethnicity',
  availability: 'availability',
};

/** The region's direct children (the provinces for ''), in code order. */
export async function childRegions(database: Database, code: string): Promise<RegionRef[]> {
  let q = database.db.selectFrom('regions').select(['code', 'name']).orderBy('code');
  q = code === '' ? q.where('parent_code', 'is', null) : q.where('parent_code', '=', code);
  return q.execute();
}

// The units of a breakdown under region R: u(code, lo, hi) with code '' for R itself. At the root
// there is no "itself"; talents without a region are counted by a separate branch (rootNull).
function unitsCte(region: string): RawBuilder<unknown> {
  return region === ''
    ? sql`u(code, lo, hi) AS (SELECT code, code, code || ':' FROM regions WHERE parent_code IS NULL)`
    : sql`u(code, lo, hi) AS (SELECT code, code, code || ':' FROM regions WHERE parent_code = ${region} UNION ALL SELECT '', ${region}, ${region} || '0')`;
}
const IN_UNIT = sql`t.region_code >= u.lo AND t.region_code < u.hi`;
const NO_REGION = sql`t.region_code IS NULL`;

async function rows<T>(database: Database, query: RawBuilder<T>): Promise<T[]> {
  return (await query.execute(database.db)).rows;
}

const num = <T extends { n: number | bigint }>(r: T) => ({ ...r, n: Number(r.n) });

/** Talents per unit (key null) and per value of a single-valued column (key = value). */
async function singleValued(database: Database, region: string, column: string, values: string[]): Promise<UnitRow[]> {
  const col = sql.ref(`t.${column}`);
  const v = sql`v(val) AS (VALUES ${sql.join(values.map((x) => sql`(${x})`))})`;
  const root = region === '';
  const query = sql<UnitRow>`WITH ${unitsCte(region)}, ${v}
    SELECT u.code AS unit, v.val AS "key", (SELECT count(*) FROM talents t WHERE ${col} = v.val AND ${IN_UNIT}) AS n FROM u, v
    UNION ALL SELECT u.code, NULL, (SELECT count(*) FROM talents t WHERE ${IN_UNIT}) FROM u
    ${root ? sql`UNION ALL SELECT '', v.val, (SELECT count(*) FROM talents t WHERE ${col} = v.val AND ${NO_REGION}) FROM v
    UNION ALL SELECT '', NULL, (SELECT count(*) FROM talents t WHERE ${NO_REGION})` : sql``}`;
  return (await rows(database, query)).map(num);
}

/** `instr(column, '"code"') > 0` spelled exactly as the partial indexes of migration 0007. */
function listed(column: 'service_areas' | 'languages', code: string): RawBuilder<unknown> {
  return sql`instr(${sql.ref(`t.${column}`)}, ${sql.lit(`"${code}"`)}) > 0`;
}

function unitTotals(region: string, extra?: RawBuilder<unknown>): RawBuilder<unknown> {
  const root = region === '';
  const and = extra ? sql`${extra} AND` : sql``;
  return sql`SELECT u.code AS unit, NULL AS "key", (SELECT count(*) FROM talents t WHERE ${and} ${IN_UNIT}) AS n FROM u
    ${root ? sql`UNION ALL SELECT '', NULL, (SELECT count(*) FROM talents t WHERE ${and} ${NO_REGION})` : sql``}`;
}

/** Talents per unit (key null) and per listed code of a JSON-array column. */
async function multiValued(database: Database, region: string, column: 'service_areas' | 'languages', codes: string[], extra?: RawBuilder<unknown>): Promise<UnitRow[]> {
  const root = region === '';
  const and = extra ? sql`${extra} AND` : sql``;
  const branches = codes.map(
    (code) => sql`SELECT u.code, ${sql.lit(code)}, (SELECT count(*) FROM talents t WHERE ${listed(column, code)} AND ${and} ${IN_UNIT}) FROM u
      ${root ? sql`UNION ALL SELECT '', ${sql.lit(code)}, (SELECT count(*) FROM talents t WHERE ${listed(column, code)} AND ${and} ${NO_REGION})` : sql``}`,
  );
  const query = sql<UnitRow>`WITH ${unitsCte(region)} ${unitTotals(region, extra)} UNION ALL ${sql.join(branches, sql` UNION ALL `)}`;
  return (await rows(database, query)).map(num);
}

/** Talents per unit and per age band on `today`: birth-date ranges under the child's code prefix. */
async function ageBands(database: Database, region: string, today: string): Promise<UnitRow[]> {
  const len = childCodeLength(region);
  const bands = sql`b(band, born_after, born_upto) AS (VALUES ${sql.join(ageBandRanges(today).map((b) => sql`(${b.key}, ${b.after}, ${b.upTo})`))})`;
  const inBand = sql`t.birth_date > b.born_after AND t.birth_date <= b.born_upto`;
  // A township's children would be none; a county's are whole township codes.
  const childKey = len === null ? null : len === 9 ? sql`t.region_code` : sql`substr(t.region_code, 1, ${sql.raw(String(len))})`;
  const children = childKey
    ? sql`SELECT c.code AS unit, b.band AS "key", (SELECT count(*) FROM talents t WHERE ${childKey} = +c.code AND ${inBand}) AS n
        FROM (SELECT code FROM regions WHERE ${region === '' ? sql`parent_code IS NULL` : sql`parent_code = ${region}`}) c, b UNION ALL`
    : sql``;
  const self = region === '' ? NO_REGION : sql`t.region_code = ${region}`;
  const query = sql<UnitRow>`WITH ${unitsCte(region)}, ${bands}
    ${children}
    SELECT '' AS unit, b.band AS "key", (SELECT count(*) FROM talents t WHERE ${self} AND ${inBand}) AS n FROM b
    UNION ALL ${unitTotals(region)}`;
  return (await rows(database, query)).map(num);
}

export async function talentDimensionRows(database: Database, region: string, dimension: TalentDimension, today: string): Promise<UnitRow[]> {
  const column = SINGLE_COLUMNS[dimension];
  if (column) return singleValued(database, region, column, dimensionValues(dimension));
  if (dimension === 'serviceArea') return multiValued(database, region, 'service_areas', Object.keys(SERVICE_AREAS));
  if (dimension === 'language') return multiValued(database, region, 'languages', Object.keys(LANGUAGES));
  return ageBands(database, region, today);
}

const SEEKING_SQL = sql`t.availability IN ('available', 'later')`;

/** Talents looking for work (src/statistics/supply.ts) per unit (key null) and per service area. */
export async function seekingSupply(database: Database, region: string): Promise<SupplyRow[]> {
  return multiValued(database, region, 'service_areas', Object.keys(SERVICE_AREAS), SEEKING_SQL);
}

function regionRange(column: RawBuilder<unknown>, region: string): RawBuilder<unknown> {
  if (region === '') return sql`1`;
  const { from, to } = subtreeRange(region);
  return sql`${column} >= ${from} AND ${column} < ${to}`;
}

/** Open posts not closed by date, each with its free seats (net of employment not yet ended). */
export async function openPosts(database: Database, region: string, today: string): Promise<OpenPost[]> {
  const found = await rows(
    database,
    sql<{ region_code: string; service_areas: string; seats: number; held: number }>`
      SELECT p.region_code, p.service_areas, p.seats,
        (SELECT count(*) FROM placements pl WHERE pl.position_id = p.id AND pl.kind = 'employment' AND (pl.end_on IS NULL OR pl.end_on >= ${today})) AS held
      FROM positions p
      WHERE p.status = 'open' AND p.closes_on >= ${today} AND ${regionRange(sql`p.region_code`, region)}`,
  );
  return found.map((p) => ({ region_code: p.region_code, free: Math.max(0, Number(p.seats) - Number(p.held)), areas: parseList(p.service_areas) }));
}

function parseList(json: string): string[] {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** An employment placement at employer `e` running on `today`. */
const activeAt = (today: string) =>
  sql`EXISTS (SELECT 1 FROM placements pl WHERE pl.employer_id = e.id AND pl.kind = 'employment' AND pl.start_on <= ${today} AND (pl.end_on IS NULL OR pl.end_on >= ${today}))`;

/** Township codes (level 4) in the region. */
export async function townshipCodes(database: Database, region: string): Promise<string[]> {
  const found = await rows(database, sql<{ code: string }>`SELECT code FROM regions WHERE level = 4 AND ${regionRange(sql`code`, region)} ORDER BY code`);
  return found.map((r) => r.code);
}

/** Township codes where a station (not rejected) registered at that code has an active placement. */
export async function coveredTownships(database: Database, region: string, today: string): Promise<string[]> {
  const found = await rows(
    database,
    sql<{ code: string }>`SELECT DISTINCT e.region_code AS code FROM employers e
      WHERE e.type = 'station' AND e.status <> 'rejected' AND length(e.region_code) = 9 AND ${regionRange(sql`e.region_code`, region)} AND ${activeAt(today)}`,
  );
  return found.map((r) => r.code);
}

export interface SchoolRow {
  id: string;
  name: string;
  region_code: string;
  covered: boolean;
}

/** Schools (not rejected) in the region, each with whether it has an active placement. */
export async function schools(database: Database, region: string, today: string): Promise<SchoolRow[]> {
  const found = await rows(
    database,
    sql<{ id: string; name: string; region_code: string; covered: number }>`SELECT e.id, e.name, e.region_code, ${activeAt(today)} AS covered FROM employers e
      WHERE e.type = 'school' AND e.status <> 'rejected' AND ${regionRange(sql`e.region_code`, region)}
      ORDER BY e.region_code, e.name, e.id`,
  );
  return found.map((r) => ({ ...r, covered: Number(r.covered) === 1 }));
}

export async function regionNames(database: Database, codes: string[]): Promise<Map<string, { name: string; full_name: string }>> {
  if (codes.length === 0) return new Map();
  const found = await database.db.selectFrom('regions').select(['code', 'name', 'full_name']).where('code', 'in', codes).execute();
  return new Map(found.map((r) => [r.code, r]));
}

/** Placements per child-code prefix, start month and kind, start dates in [fromDay, beforeDay). The
 * unit column is the employer's code cut to the child level (the region's own code = itself). */
export async function placementMonths(database: Database, region: string, fromDay: string, beforeDay: string): Promise<MonthRow[]> {
  const len = childCodeLength(region);
  const unit = len === null ? sql`e.region_code` : sql`substr(e.region_code, 1, ${sql.raw(String(len))})`;
  const found = await rows(
    database,
    sql<MonthRow>`SELECT ${unit} AS unit, substr(pl.start_on, 1, 7) AS month, pl.kind AS kind, count(*) AS n
      FROM employers e JOIN placements pl ON pl.employer_id = e.id
      WHERE ${regionRange(sql`e.region_code`, region)} AND pl.kind IN ('employment', 'internship') AND pl.start_on >= ${fromDay} AND pl.start_on < ${beforeDay}
      GROUP BY 1, 2, 3`,
  );
  return found.map((r) => ({ ...num(r), unit: r.unit === region ? '' : r.unit }));
}

/** Agreements whose target region is in the region, with their placements and first serving date. */
export async function agreementFacts(database: Database, region: string): Promise<(Omit<AgreementFact, 'serving_on'> & { serving_at: number | null })[]> {
  const range = regionRange(sql`a.target_region_code`, region);
  const [agreements, placements] = await Promise.all([
    rows(
      database,
      sql<{ id: string; target_region_code: string; status: string; service_years: number; serving_at: number | null }>`
        SELECT a.id, a.target_region_code, a.status, a.service_years,
          (SELECT min(ev.created_at) FROM agreement_events ev WHERE ev.agreement_id = a.id AND ev.to_status = 'serving') AS serving_at
        FROM agreements a WHERE ${range}`,
    ),
    rows(
      database,
      sql<{ agreement_id: string; start_on: string; end_on: string | null }>`
        SELECT pl.agreement_id, pl.start_on, pl.end_on FROM agreements a JOIN placements pl ON pl.agreement_id = a.id WHERE ${range}`,
    ),
  ]);
  const byAgreement = new Map<string, { start_on: string; end_on: string | null }[]>();
  for (const p of placements) {
    const list = byAgreement.get(p.agreement_id) ?? [];
    list.push({ start_on: p.start_on, end_on: p.end_on });
    byAgreement.set(p.agreement_id, list);
  }
  return agreements.map((a) => ({ ...a, service_years: Number(a.service_years), serving_at: a.serving_at === null ? null : Number(a.serving_at), placements: byAgreement.get(a.id) ?? [] }));
}

const lapsingWhere = (region: string, from: string, to: string) =>
  sql`t.registration_valid_until >= ${from} AND t.registration_valid_until <= ${to} AND ${regionRange(sql`t.region_code`, region)}`;

/** Registrations lapsing in [from, to] per region code cut to the child level. */
export async function lapsingCounts(database: Database, region: string, from: string, to: string): Promise<{ region_code: string | null; n: number }[]> {
  const len = childCodeLength(region);
  const unit = len === null ? sql`t.region_code` : sql`substr(t.region_code, 1, ${sql.raw(String(len))})`;
  const found = await rows(database, sql<{ region_code: string | null; n: number }>`SELECT ${unit} AS region_code, count(*) AS n FROM talents t WHERE ${lapsingWhere(region, from, to)} GROUP BY 1`);
  return found.map(num);
}

export interface LapsingRow {
  id: string;
  name: string;
  certificate_number: string | null;
  id_number_masked: string | null;
  qualification_level: string;
  region_code: string | null;
  registration_valid_until: string;
}

export async function lapsingPage(database: Database, region: string, from: string, to: string, limit: number, offset: number): Promise<LapsingRow[]> {
  return rows(
    database,
    sql<LapsingRow>`SELECT t.id, t.name, t.certificate_number, t.id_number_masked, t.qualification_level, t.region_code, t.registration_valid_until
      FROM talents t WHERE ${lapsingWhere(region, from, to)}
      ORDER BY t.registration_valid_until, t.region_code, t.id LIMIT ${limit} OFFSET ${offset}`,
  );
}
