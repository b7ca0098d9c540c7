// Reads for recommendations. Open positions come in one query (free seats computed in SQL);
// candidate talents are pre-selected in SQL (region / preferred region / service area), capped.
import { sql, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../lib/database';
import type { DB } from '../../db/schema';
import { subtreeRange } from '../lib/regions-range';
import type { DirectedTarget, MatchHistory } from '../matching';

/** At most this many talents are scored for one position. */
export const CANDIDATE_CAP = 3000;

export interface OpenPositionRow {
  id: string;
  title: string;
  kind: string;
  region_code: string;
  employer_id: string;
  employer_name: string;
  region_name: string;
  seats: number;
  reserved_seats: number;
  free_seats: number;
  min_education: string | null;
  min_qualification: string;
  service_areas: string;
  languages: string;
  closes_on: string;
}

const activeEmploymentAt = (positionId: string | ReturnType<typeof sql.ref>) =>
  sql<number>`(SELECT COUNT(*) FROM placements pl WHERE pl.position_id = ${positionId} AND pl.kind = 'employment' AND pl.end_on IS NULL)`;

/** Every open position not yet closed (closes_on ≥ today), with its free seats: one query. */
export async function loadOpenPositions(database: Database, today: string): Promise<OpenPositionRow[]> {
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
      'p.reserved_seats',
      sql<number>`p.seats - ${activeEmploymentAt(sql.ref('p.id'))}`.as('free_seats'),
      'p.min_education',
      'p.min_qualification',
      'p.service_areas',
      'p.languages',
      'p.closes_on',
    ])
    .where('p.status', '=', 'open')
    .where('p.closes_on', '>=', today)
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
    .where('talent_id', 'in', talentIds)
    .orderBy('updated_at', 'asc')
    .execute();
  const out = new Map<string, DirectedTarget>();
  for (const r of rows) out.set(r.talent_id, { targetRegionCode: r.target_region_code, targetEmployerId: r.target_employer_id });
  return out;
}

/** Past employers, internship employers and position kinds, from placements. */
export async function histories(database: Database, talentIds: TalentIdSource): Promise<Map<string, MatchHistory>> {
  const rows = await database.db
    .selectFrom('placements as pl')
    .leftJoin('positions as p', 'p.id', 'pl.position_id')
    .select(['pl.talent_id', 'pl.employer_id', 'pl.kind', 'p.kind as position_kind'])
    .where('pl.talent_id', 'in', talentIds)
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

export interface CandidateFilter {
  /** The position's region. */
  regionCode: string;
  serviceAreas: string[];
  /** Only talents with visibility 'employers'. */
  onlyVisibleToEmployers: boolean;
  /** Only talents living in this subtree ('' = anywhere). */
  scope: string;
}

/**
 * Talents worth scoring for a position: living in the post's province (city first), or preferring
 * a region on the post's path or inside its province, or sharing a service area. Capped.
 */
export function candidateIds(database: Database, f: CandidateFilter, cap = CANDIDATE_CAP) {
  const province = subtreeRange(f.regionCode.slice(0, 2));
  const city = subtreeRange(f.regionCode.slice(0, Math.min(4, f.regionCode.length)));
  let q = database.db.selectFrom('talents').select('talents.id');
  if (f.onlyVisibleToEmployers) q = q.where('talents.visibility', '=', 'employers');
  if (f.scope) {
    const s = subtreeRange(f.scope);
    q = q.where('talents.region_code', '>=', s.from).where('talents.region_code', '<', s.to);
  }
  q = q.where((eb) =>
    eb.or([
      eb.and([eb('talents.region_code', '>=', province.from), eb('talents.region_code', '<', province.to)]),
      eb.exists(
        sql`(SELECT 1 FROM json_each(talents.preferred_regions) j WHERE j.value >= ${province.from} AND j.value < ${province.to}
              OR (length(j.value) >= 2 AND substr(${f.regionCode}, 1, length(j.value)) = j.value))`,
      ),
      ...(f.serviceAreas.length
        ? [eb.exists(sql`(SELECT 1 FROM json_each(talents.service_areas) j WHERE j.value IN (${sql.join(f.serviceAreas)}))`)]
        : []),
    ]),
  );
  return q
    .orderBy(sql`CASE WHEN talents.region_code >= ${city.from} AND talents.region_code < ${city.to} THEN 0 ELSE 1 END`)
    .orderBy('talents.id')
    .limit(cap);
}

const TALENT_COLUMNS = [
  'id', 'user_id', 'name', 'gender', 'birth_date', 'ethnicity', 'id_number_masked', 'phone', 'region_code', 'education_level',
  'school', 'major', 'graduation_year', 'qualification_level', 'certificate_number', 'qualification_year', 'registration_valid_until',
  'service_areas', 'languages', 'preferred_regions', 'availability', 'visibility', 'created_at', 'updated_at',
] as const;

/** Talent rows for display (never the sealed ID number or its HMAC). */
export async function talentRows(database: Database, ids: TalentIdSource) {
  return database.db.selectFrom('talents').select(TALENT_COLUMNS).where('id', 'in', ids).execute();
}
