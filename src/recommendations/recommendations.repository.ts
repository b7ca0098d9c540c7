// Reads for recommendations. Open positions come in one query (free seats from one index-only count
// of active employment per post); candidate talents are pre-selected in SQL (region / preferred
// region / service area), capped.
// Lists of ids go to SQL as one JSON parameter (json_each) once they are long, which keeps the
// parameter count small on D1 and runs the pre-selection once, not once per reading query.
import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../lib/database';
import type { DB } from '../../db/schema';
import { subtreeRange } from '../lib/regions-range';
import type { DirectedTarget, MatchHistory } from '../matching';
import { TALENT_DISPLAY_COLUMNS } from '../talents';

/** At most this many talents are scored for one position. */
export const CANDIDATE_CAP = 3000;

/** What scoring reads of an open post (toMatchPosition), with its free seats. */
export interface OpenPositionRow {
  id: string;
  kind: string;
  region_code: string;
  employer_id: string;
  seats: number;
  reserved_seats: number;
  free_seats: number;
  min_education: string | null;
  min_qualification: string;
  service_areas: string;
  languages: string;
}

const activeEmploymentAt = (positionId: string | ReturnType<typeof sql.ref>) =>
  sql<number>`(SELECT COUNT(*) FROM placements pl WHERE pl.position_id = ${positionId} AND pl.kind = 'employment' AND pl.end_on IS NULL)`;

/**
 * Every open position not yet closed (closes_on ≥ today), with what scoring reads, in one query;
 * free seats = seats − active employment, the counts read by activeEmployment (one index-only
 * GROUP BY, rather than one count per post).
 */
export async function loadOpenPositions(database: Database, today: string, active: ActiveEmployment): Promise<OpenPositionRow[]> {
  const rows = await database.db
    .selectFrom('positions as p')
    .select(['p.id', 'p.kind', 'p.region_code', 'p.employer_id', 'p.seats', 'p.reserved_seats', 'p.min_education', 'p.min_qualification', 'p.service_areas', 'p.languages'])
    .where('p.status', '=', 'open')
    .where('p.closes_on', '>=', today)
    .execute();
  const counts = active.counts();
  return rows.map((r) => ({ ...r, free_seats: r.seats - (counts.get(r.id) ?? 0) }));
}

export interface ActiveEmployment {
  /** "postId:count,…" in post id order, for every post with active employment: it changes
   * whenever a free-seat count does. */
  fingerprint: string;
  counts(): Map<string, number>;
}

/** Active employment per post, read from the placements_active_employment index alone (one row). */
export async function activeEmployment(database: Database): Promise<ActiveEmployment> {
  const row = await database.db
    .selectFrom((qb) =>
      qb
        .selectFrom('placements')
        .select(['position_id', sql<number>`count(*)`.as('n')])
        .where('kind', '=', 'employment')
        .where('end_on', 'is', null)
        .where('position_id', 'is not', null)
        .groupBy('position_id')
        .orderBy('position_id')
        .as('a'),
    )
    .select(sql<string | null>`group_concat(a.position_id || ':' || a.n, ',')`.as('f'))
    .executeTakeFirst();
  const fingerprint = row?.f ?? '';
  return {
    fingerprint,
    counts() {
      const m = new Map<string, number>();
      if (!fingerprint) return m;
      for (const part of fingerprint.split(',')) {
        const at = part.lastIndexOf(':');
        m.set(part.slice(0, at), Number(part.slice(at + 1)));
      }
      return m;
    },
  };
}

/** What a recommended post shows, for the few shown (names and free seats as they are now). */
export async function positionCards(database: Database, ids: string[]) {
  return database.db
    .selectFrom('positions as p')
    .innerJoin('employers as e', 'e.id', 'p.employer_id')
    .innerJoin('regions as r', 'r.code', 'p.region_code')
    .select([
      'p.id',
      'p.title',
      'p.kind',
      'p.region_code',
      'p.employer_id',
      'e.name as employer_name',
      'r.full_name as region_name',
      'p.seats',
      sql<number>`p.seats - ${activeEmploymentAt(sql.ref('p.id'))}`.as('free_seats'),
      'p.closes_on',
    ])
    .where('p.id', 'in', idIn(ids))
    .execute();
}

export async function freeSeatsOf(database: Database, positionId: string): Promise<number> {
  const row = await database.db
    .selectFrom('positions as p')
    .select(sql<number>`p.seats - ${activeEmploymentAt(sql.ref('p.id'))}`.as('free'))
    .where('p.id', '=', positionId)
    .executeTakeFirst();
  return row?.free ?? 0;
}

/** The talent's agreement awaiting placement (the latest, if several), as a directed target. */
export async function directedTargets(database: Database, talentIds: TalentIdSource): Promise<Map<string, DirectedTarget>> {
  const rows = await database.db
    .selectFrom('agreements')
    .select(['talent_id', 'target_region_code', 'target_employer_id', 'updated_at'])
    .where('status', '=', 'awaiting_placement')
    .where('talent_id', 'in', idIn(talentIds))
    .orderBy('updated_at', 'asc')
    .execute();
  const out = new Map<string, DirectedTarget>();
  for (const r of rows) out.set(r.talent_id, { targetRegionCode: r.target_region_code, targetEmployerId: r.target_employer_id });
  return out;
}

/** Talents employed at this employer now (an employment placement without an end): its own staff
 * are not candidates for its posts. Walks placements_employer (employer_id, start_on). */
export async function currentStaff(database: Database, employerId: string): Promise<Set<string>> {
  const rows = await database.db
    .selectFrom('placements')
    .select('talent_id')
    .where('employer_id', '=', employerId)
    .where('kind', '=', 'employment')
    .where('end_on', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.talent_id));
}

/** The employers a talent works at now (active employment): their posts are not recommended to them. */
export async function currentEmployers(database: Database, talentId: string, today: string): Promise<Set<string>> {
  const rows = await database.db
    .selectFrom('placements')
    .select('employer_id')
    .where('talent_id', '=', talentId)
    .where('kind', '=', 'employment')
    .where('start_on', '<=', today)
    .where((eb) => eb.or([eb('end_on', 'is', null), eb('end_on', '>=', today)]))
    .execute();
  return new Set(rows.map((r) => r.employer_id));
}

/** Past employers, internship employers and position kinds, from placements. */
export async function histories(database: Database, talentIds: TalentIdSource): Promise<Map<string, MatchHistory>> {
  const rows = await database.db
    .selectFrom('placements as pl')
    .leftJoin('positions as p', 'p.id', 'pl.position_id')
    .select(['pl.talent_id', 'pl.employer_id', 'pl.kind', 'p.kind as position_kind'])
    .where('pl.talent_id', 'in', idIn(talentIds))
    .execute();
  const out = new Map<string, { employerIds: string[]; internshipEmployerIds: string[]; positionKinds: string[] }>();
  for (const r of rows) {
    let h = out.get(r.talent_id);
    if (!h) out.set(r.talent_id, (h = { employerIds: [], internshipEmployerIds: [], positionKinds: [] }));
    const list = r.kind === 'internship' ? h.internshipEmployerIds : h.employerIds;
    if (!list.includes(r.employer_id)) list.push(r.employer_id);
    if (r.position_kind && !h.positionKinds.includes(r.position_kind)) h.positionKinds.push(r.position_kind);
  }
  return out;
}

/** A list of ids, or a subquery selecting them (keeps the parameter count small on D1). */
export type TalentIdSource = string[] | SelectQueryBuilder<DB, 'talents', { id: string }>;

/** Up to this many ids are bound one by one; longer lists go as one JSON array (json_each). */
const INLINE_IDS = 20;

/** The right-hand side of `id IN …` for an id source. */
function idIn(ids: TalentIdSource) {
  if (!Array.isArray(ids) || ids.length <= INLINE_IDS) return ids;
  return sql<string>`(SELECT value FROM json_each(${JSON.stringify(ids)}))`;
}

export interface CandidateFilter {
  /** The position's region. */
  regionCode: string;
  serviceAreas: string[];
  /** Only talents with visibility 'employers'. */
  onlyVisibleToEmployers: boolean;
  /** Only talents living in this subtree ('' = anywhere). */
  scope: string;
}

/** Living in the post's province, or preferring a region on the post's path or inside its province,
 * or sharing a service area with it. */
function worthScoring(f: CandidateFilter) {
  const province = subtreeRange(f.regionCode.slice(0, 2));
  return (eb: ExpressionBuilder<DB, 'talents'>) =>
    eb.or([
      eb.and([eb('talents.region_code', '>=', province.from), eb('talents.region_code', '<', province.to)]),
      eb.exists(
        sql`(SELECT 1 FROM json_each(talents.preferred_regions) j WHERE j.value >= ${province.from} AND j.value < ${province.to}
              OR (length(j.value) >= 2 AND substr(${f.regionCode}, 1, length(j.value)) = j.value))`,
      ),
      ...(f.serviceAreas.length ? [eb.exists(sql`(SELECT 1 FROM json_each(talents.service_areas) j WHERE j.value IN (${sql.join(f.serviceAreas)}))`)] : []),
    ]);
}

function candidateBase(database: Database, f: CandidateFilter) {
  let q = database.db.selectFrom('talents');
  if (f.onlyVisibleToEmployers) q = q.where('talents.visibility', '=', 'employers');
  if (f.scope) {
    const s = subtreeRange(f.scope);
    q = q.where('talents.region_code', '>=', s.from).where('talents.region_code', '<', s.to);
  }
  return q;
}

const cityOf = (regionCode: string) => subtreeRange(regionCode.slice(0, Math.min(4, regionCode.length)));

/**
 * Talents worth scoring for a position (worthScoring), living in the post's city first, then by
 * id; capped. The definition, as one query; candidateRows returns the same talents faster.
 */
export function candidateIds(database: Database, f: CandidateFilter, cap = CANDIDATE_CAP) {
  const city = cityOf(f.regionCode);
  return candidateBase(database, f)
    .select('talents.id')
    .where(worthScoring(f))
    .orderBy(sql`CASE WHEN talents.region_code >= ${city.from} AND talents.region_code < ${city.to} THEN 0 ELSE 1 END`)
    .orderBy('talents.id')
    .limit(cap);
}

/** What scoring reads of a talent (toMatchTalent); all in the talents_candidates index. */
const SCORING_COLUMNS = ['id', 'education_level', 'qualification_level', 'service_areas', 'languages', 'region_code', 'preferred_regions'] as const;

/**
 * The talents candidateIds selects, in the same order, with the columns scoring reads, in two
 * queries that stay cheap at 100,000 talents: the city's talents by id, then — only if they are
 * fewer than the cap — the others worth scoring, by id (walking the id index and stopping at the
 * cap). The city's talents (living in the city implies worthScoring) come from walking the
 * talents_candidates index — keyed by city, then id, and holding every column scoring reads — in
 * order, stopping at the cap: no talent row is read and nothing is sorted. (The one query sorted
 * the whole table on a computed key, and ran again inside each query that read the candidates.)
 */
export async function candidateRows(database: Database, f: CandidateFilter, cap = CANDIDATE_CAP) {
  const city = cityOf(f.regionCode);
  const inCity =
    f.regionCode.length >= 4
      ? // The expression as the index spells it (literals, not parameters), so SQLite uses it.
        (eb: ExpressionBuilder<DB, 'talents'>) => eb(sql`substr(talents.region_code, 1, 4)`, '=', f.regionCode.slice(0, 4))
      : // A province-level post: the city is the province, nearly everyone; walk by id instead
        // (the unary + keeps SQLite from a region index and a sort).
        (eb: ExpressionBuilder<DB, 'talents'>) => eb.and([eb(sql`+talents.region_code`, '>=', city.from), eb(sql`+talents.region_code`, '<', city.to)]);
  const rows = await candidateBase(database, f)
    .select(SCORING_COLUMNS.map((c) => `talents.${c}` as const))
    .where(inCity)
    .orderBy('talents.id')
    .limit(cap)
    .execute();
  if (rows.length >= cap) return rows;
  const others = await candidateBase(database, f)
    .select(SCORING_COLUMNS.map((c) => `talents.${c}` as const))
    .where((eb) => eb.or([eb('talents.region_code', 'is', null), eb('talents.region_code', '<', city.from), eb('talents.region_code', '>=', city.to)]))
    .where(worthScoring(f))
    .orderBy('talents.id')
    .limit(cap - rows.length)
    .execute();
  return rows.concat(others);
}

/** Talent rows for display (never the sealed ID number or its HMAC). */
export async function talentRows(database: Database, ids: TalentIdSource) {
  return database.db.selectFrom('talents').select(TALENT_DISPLAY_COLUMNS).where('id', 'in', idIn(ids)).execute();
}
