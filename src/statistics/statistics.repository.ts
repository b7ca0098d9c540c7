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
import { AVAILABILITY, LANGUAGES, SERVICE_AREAS } from '../lib/vocab';
import type { AgreementFact } from './directed';
import type { MonthRow } from './months';
import { SEEKING, type OpenPost, type SupplyRow } from './supply';
import { UNKNOWN, ageBandRanges, dimensionValues, type TalentDimension, type UnitRow } from './talents';
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

/** One slice of the talents of a unit: its key (a value, `unknown`, or null for "all talents"), the
 * condition, and the index that answers it. After an equality on the index's leading column the
 * unit's region range narrows the index walk; after a range (a gap) it filters the entries walked. */
interface Part {
  key: string | null;
  cond: RawBuilder<unknown> | null;
  index: string;
}

/** Conditions that split a text column into its known values and everything else: the gaps between
 * the known values (in SQLite's binary order), below and above them, and NULL. Each is an index seek
 * that finds nothing when the data holds only known values, so "unknown" costs no table scan. */
function partition(column: RawBuilder<unknown>, values: string[], index: string, keyOf: (value: string | null) => string, extra?: RawBuilder<unknown>): Part[] {
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const and = (c: RawBuilder<unknown>) => (extra ? sql`${extra} AND ${c}` : c);
  const lit = (v: string) => sql.lit(v);
  const parts: Part[] = values.map((v) => ({ key: keyOf(v), cond: and(sql`${column} = ${lit(v)}`), index }));
  parts.push({ key: keyOf(null), cond: and(sql`${column} < ${lit(sorted[0])}`), index });
  for (let i = 0; i + 1 < sorted.length; i++) parts.push({ key: keyOf(null), cond: and(sql`${column} > ${lit(sorted[i])} AND ${column} < ${lit(sorted[i + 1])}`), index });
  parts.push({ key: keyOf(null), cond: and(sql`${column} > ${lit(sorted[sorted.length - 1])}`), index });
  parts.push({ key: keyOf(null), cond: and(sql`${column} IS NULL`), index });
  return parts;
}

/** At most this many counts per statement: D1 allows 100 result columns and 5 terms in a compound
 * SELECT, so parts become columns of one row per unit, in groups. */
const COLUMNS_PER_QUERY = 90;

function groups<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Reads back rows of (unit, c0, c1 …) as one UnitRow per unit and part. */
function unpivot(found: Record<string, unknown>[], keys: (string | null)[]): UnitRow[] {
  return found.flatMap((r) => keys.map((key, i) => ({ unit: String(r.unit), key, n: Number(r[`c${i}`]) })));
}

/** Every part counted in every unit, each from the index it names (INDEXED BY): a query can never
 * fall back to scanning the table, and fails loudly if an index went missing. One row per unit; at
 * the root, one more for the talents with no region. */
async function countParts(database: Database, region: string, parts: Part[]): Promise<UnitRow[]> {
  const out: UnitRow[] = [];
  for (const group of groups(parts, COLUMNS_PER_QUERY)) {
    const columns = (where: RawBuilder<unknown>) =>
      sql.join(
        group.map((p, i) => sql`(SELECT count(*) FROM talents t INDEXED BY ${sql.raw(p.index)} WHERE ${p.cond ? sql`${p.cond} AND ` : sql``}${where}) AS ${sql.raw(`c${i}`)}`),
      );
    const keys = group.map((p) => p.key);
    out.push(...unpivot(await rows(database, sql<Record<string, unknown>>`WITH ${unitsCte(region)} SELECT u.code AS unit, ${columns(IN_UNIT)} FROM u`), keys));
    if (region === '') out.push(...unpivot(await rows(database, sql<Record<string, unknown>>`SELECT '' AS unit, ${columns(NO_REGION)}`), keys));
  }
  return out;
}

const ALL_TALENTS: Part = { key: null, cond: null, index: 'talents_region' };

/** `instr(column, '"code"') > 0` spelled exactly as the partial indexes of migration 0007. */
function listed(column: 'service_areas' | 'languages', code: string): RawBuilder<unknown> {
  return sql`instr(${sql.ref(`t.${column}`)}, ${sql.lit(`"${code}"`)}) > 0`;
}

const AVAILABILITY_COLUMN = sql.ref('t.availability');

function singleValuedParts(dimension: TalentDimension): Part[] {
  const column = SINGLE_COLUMNS[dimension]!;
  return partition(sql.ref(`t.${column}`), dimensionValues(dimension), `talents_stat_${dimension}`, (v) => v ?? UNKNOWN);
}

/** A service area's talents, split by availability (the partial index leads with it). */
function areaParts(area: string, availability: string[] | 'all'): Part[] {
  const index = `talents_stat_area_${area}`;
  if (availability === 'all') return partition(AVAILABILITY_COLUMN, Object.keys(AVAILABILITY), index, () => area, listed('service_areas', area));
  return availability.map((v) => ({ key: area, cond: sql`${listed('service_areas', area)} AND t.availability = ${sql.lit(v)}`, index }));
}

/** Talents per unit and per age band on `today`: birth-date ranges under the child's code prefix
 * (one index per child level), plus `unknown` (no or no usable birth date). Each talent counts once.
 * One row per child region, then one for the region's own code (at the root: no region). */
async function ageBands(database: Database, region: string, today: string): Promise<UnitRow[]> {
  const len = childCodeLength(region);
  const bands = ageBandRanges(today).map((b) => ({ key: b.key, cond: sql`t.birth_date > ${sql.lit(b.after)} AND t.birth_date <= ${sql.lit(b.upTo)}` }));
  const unknown = [sql`t.birth_date IS NULL`, sql`t.birth_date <= ''`, sql`t.birth_date > '9999-99-99'`].map((cond) => ({ key: UNKNOWN, cond }));
  const parts = [...bands, ...unknown];
  const index = len === 2 ? 'talents_stat_birth_province' : len === 4 ? 'talents_stat_birth_city' : len === 6 ? 'talents_stat_birth_county' : 'talents_stat_birth';
  const childKey = len === null ? null : len === 9 ? sql`t.region_code` : sql`substr(t.region_code, 1, ${sql.raw(String(len))})`;
  const self = region === '' ? NO_REGION : sql`t.region_code = ${region}`;
  const columns = (where: RawBuilder<unknown>, idx: string) =>
    sql.join(parts.map((p, i) => sql`(SELECT count(*) FROM talents t INDEXED BY ${sql.raw(idx)} WHERE ${where} AND ${p.cond}) AS ${sql.raw(`c${i}`)}`));
  const keys = parts.map((p) => p.key);
  const out: UnitRow[] = [];
  if (childKey && len !== null) {
    const parent = region === '' ? sql`parent_code IS NULL` : sql`parent_code = ${region}`;
    out.push(
      ...unpivot(await rows(database, sql<Record<string, unknown>>`SELECT c.code AS unit, ${columns(sql`${childKey} = +c.code`, index)} FROM regions c WHERE ${parent}`), keys),
    );
  }
  out.push(...unpivot(await rows(database, sql<Record<string, unknown>>`SELECT '' AS unit, ${columns(self, 'talents_stat_birth')}`), keys));
  return out;
}

/** Talents per unit and service area from talent_area_counts (kept by the triggers of migration
 * 0009: one count per region code and area), plus each unit's talent total from talents_region. */
async function serviceAreas(database: Database, region: string): Promise<UnitRow[]> {
  const out = await countParts(database, region, [ALL_TALENTS]);
  const found = await rows(
    database,
    sql<{ unit: string; key: string; n: number }>`WITH ${unitsCte(region)}
      SELECT u.code AS unit, c.area AS key, sum(c.n) AS n
      FROM u JOIN talent_area_counts c ON c.region_code >= u.lo AND c.region_code < u.hi
      GROUP BY u.code, c.area`,
  );
  out.push(...found.map((r) => ({ unit: String(r.unit), key: r.key, n: Number(r.n) })));
  if (region === '') {
    const none = await rows(database, sql<{ key: string; n: number }>`SELECT area AS key, n FROM talent_area_counts WHERE region_code = ''`);
    out.push(...none.map((r) => ({ unit: '', key: r.key, n: Number(r.n) })));
  }
  return out;
}

export async function talentDimensionRows(database: Database, region: string, dimension: TalentDimension, today: string): Promise<UnitRow[]> {
  let parts: Part[];
  if (SINGLE_COLUMNS[dimension]) parts = singleValuedParts(dimension);
  else if (dimension === 'serviceArea') return serviceAreas(database, region);
  else if (dimension === 'language') return languages(database, region);
  else return ageBands(database, region, today);
  return countParts(database, region, parts);
}

const NOT_MANDARIN = '-mandarin';

/** Talents per unit and per language. Nearly every talent lists Mandarin, so its index holds those
 * who do not (migration 0007) and Mandarin is the unit's talents minus them. */
async function languages(database: Database, region: string): Promise<UnitRow[]> {
  const parts: Part[] = [
    ALL_TALENTS,
    { key: NOT_MANDARIN, cond: sql`instr(t.languages, '"mandarin"') = 0`, index: 'talents_stat_lang_no_mandarin' },
    ...Object.keys(LANGUAGES)
      .filter((l) => l !== 'mandarin')
      .map((l) => ({ key: l, cond: listed('languages', l), index: `talents_stat_lang_${l}` })),
  ];
  const found = await countParts(database, region, parts);
  const talents = new Map<string, number>();
  for (const r of found) if (r.key === null) talents.set(r.unit, (talents.get(r.unit) ?? 0) + r.n);
  return found.map((r) => (r.key === NOT_MANDARIN ? { unit: r.unit, key: 'mandarin', n: (talents.get(r.unit) ?? 0) - r.n } : r));
}

/** Talents looking for work (src/statistics/supply.ts) per unit (key null) and per service area. */
export async function seekingSupply(database: Database, region: string): Promise<SupplyRow[]> {
  const seekers = [...SEEKING].map((v) => ({ key: null, cond: sql`t.availability = ${sql.lit(v)}`, index: 'talents_stat_availability' }));
  const parts = [...seekers, ...Object.keys(SERVICE_AREAS).flatMap((a) => areaParts(a, [...SEEKING]))];
  return countParts(database, region, parts);
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
        (SELECT count(*) FROM placements pl INDEXED BY placements_stat_position WHERE pl.position_id = p.id AND pl.kind = 'employment' AND (pl.end_on IS NULL OR pl.end_on >= ${today})) AS held
      FROM positions p INDEXED BY positions_stat_open
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

/** Townships (level 4) in the region, in code order. */
export async function townships(database: Database, region: string): Promise<{ code: string; name: string; full_name: string }[]> {
  return rows(
    database,
    sql<{ code: string; name: string; full_name: string }>`SELECT code, name, full_name FROM regions WHERE level = 4 AND ${regionRange(sql`code`, region)} ORDER BY code`,
  );
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

/** Names of region codes, looked up 90 at a time (D1 binds at most 100 parameters). */
export async function regionNames(database: Database, codes: string[]): Promise<Map<string, { name: string; full_name: string }>> {
  const out = new Map<string, { name: string; full_name: string }>();
  for (let i = 0; i < codes.length; i += 90) {
    const found = await database.db
      .selectFrom('regions')
      .select(['code', 'name', 'full_name'])
      .where('code', 'in', codes.slice(i, i + 90))
      .execute();
    for (const r of found) out.set(r.code, r);
  }
  return out;
}

/** Placements per child-code prefix, start month and kind, start dates in [fromDay, beforeDay). The
 * unit column is the employer's code cut to the child level (the region's own code = itself). Both
 * sides are walked in covering indexes: the region's employers, then each one's placements by kind
 * and start date. */
export async function placementMonths(database: Database, region: string, fromDay: string, beforeDay: string): Promise<MonthRow[]> {
  const len = childCodeLength(region);
  const unit = len === null ? sql`e.region_code` : sql`substr(e.region_code, 1, ${sql.raw(String(len))})`;
  const found = await rows(
    database,
    sql<MonthRow>`SELECT ${unit} AS unit, substr(pl.start_on, 1, 7) AS month, pl.kind AS kind, count(*) AS n
      FROM employers e INDEXED BY employers_stat_region JOIN placements pl INDEXED BY placements_stat_employer ON pl.employer_id = e.id
      WHERE ${regionRange(sql`e.region_code`, region)} AND pl.kind IN ('employment', 'internship') AND pl.start_on >= ${fromDay} AND pl.start_on < ${beforeDay}
      GROUP BY 1, 2, 3`,
  );
  return found.map((r) => ({ ...num(r), unit: r.unit === region ? '' : r.unit }));
}

/** Agreements whose target region is in the region, one row each with its placements as
 * "start[end]" pairs in one text (no row per placement to build); an agreement without placements
 * gets "@" and the epoch milliseconds of its first move to serving instead (coalesce stops at the
 * first non-null, so the history is read only for those). */
export async function agreementFacts(database: Database, region: string): Promise<AgreementFact[]> {
  const found = await rows(
    database,
    sql<{ target_region_code: string; status: string; service_years: number; spans: string | null }>`
      SELECT a.target_region_code, a.status, a.service_years, coalesce(
          (SELECT group_concat(pl.start_on || coalesce(pl.end_on, ''), ' ') FROM placements pl INDEXED BY placements_stat_agreement WHERE pl.agreement_id = a.id),
          '@' || (SELECT min(ev.created_at) FROM agreement_events ev INDEXED BY agreement_events_stat WHERE ev.agreement_id = a.id AND ev.to_status = 'serving')
        ) AS spans
      FROM agreements a INDEXED BY agreements_stat_target WHERE ${regionRange(sql`a.target_region_code`, region)}`,
  );
  return found.map((a) => {
    const serving = a.spans?.startsWith('@') ? Number(a.spans.slice(1)) : null;
    return {
      target_region_code: a.target_region_code,
      status: a.status,
      service_years: Number(a.service_years),
      serving_on: serving === null ? null : chinaDate(serving),
      placements: a.spans && serving === null ? a.spans.split(' ').map((x) => ({ start_on: x.slice(0, 10), end_on: x.length > 10 ? x.slice(10, 20) : null })) : [],
    };
  });
}

const chinaDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

const lapsingWhere = (region: string, from: string, to: string) =>
  sql`t.registration_valid_until >= ${from} AND t.registration_valid_until <= ${to} AND ${regionRange(sql`t.region_code`, region)}`;

/** Registrations lapsing in [from, to] per region code cut to the child level. */
export async function lapsingCounts(database: Database, region: string, from: string, to: string): Promise<{ region_code: string | null; n: number }[]> {
  const len = childCodeLength(region);
  const unit = len === null ? sql`t.region_code` : sql`substr(t.region_code, 1, ${sql.raw(String(len))})`;
  const found = await rows(
    database,
    sql<{ region_code: string | null; n: number }>`SELECT ${unit} AS region_code, count(*) AS n FROM talents t WHERE ${lapsingWhere(region, from, to)} GROUP BY 1`,
  );
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
