// Round queries. Plain functions taking `database` first; writes come back as compiled queries for
// one atomic write (ARCHITECTURE.md, "How a write flows"), each carrying the round-status condition itself, so a write that
// lost a race (the round was opened, run or published meanwhile) changes nothing.
//
// Bulk rows travel as ONE bound parameter holding a JSON array, unpacked in SQL with json_each:
// D1 allows about 100 bound parameters per statement, and a 50,000-talent round would otherwise need
// thousands of statements. Chunks stay well under D1's 2 MB value limit (JSON_CHUNK_CHARS).
import { sql, type CompiledQuery, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from '../lib/database';
import type { Round } from '../../db/schema';
import { newId } from '../lib/ids';
import { subtreeRange } from '../lib/regions-range';
import { startServiceQueries } from '../placements';
import type { RoundStatus } from './rounds.schemas';

/** Characters of JSON per bound parameter (D1 caps a string value at 2,000,000 bytes; UTF-8 ≤ 3×). */
export const JSON_CHUNK_CHARS = 500_000;

/** Packs pre-serialised JSON rows into JSON array strings of at most `maxChars` characters each. */
export function jsonChunks(rows: readonly string[], maxChars = JSON_CHUNK_CHARS): string[] {
  const out: string[] = [];
  let part: string[] = [];
  let size = 2;
  for (const r of rows) {
    if (part.length > 0 && size + r.length + 1 > maxChars) {
      out.push(`[${part.join(',')}]`);
      part = [];
      size = 2;
    }
    part.push(r);
    size += r.length + 1;
  }
  if (part.length > 0) out.push(`[${part.join(',')}]`);
  return out;
}

/** `column IN (the ids)`, the ids bound as one JSON parameter. */
const inIds = (column: string, ids: readonly string[]) => sql<SqlBool>`${sql.ref(column)} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`;

/** True while the round is in one of `statuses` (and, if given, still at `revision`). */
export function roundIn(roundId: string, statuses: readonly RoundStatus[], revision?: number): RawBuilder<SqlBool> {
  return sql<SqlBool>`EXISTS (SELECT 1 FROM rounds WHERE rounds.id = ${roundId} AND rounds.status IN (${sql.join([...statuses])})${
    revision === undefined ? sql`` : sql` AND rounds.revision = ${revision}`
  })`;
}

// ---------------------------------------------------------------- rounds

const countsSelect = (rid: ReturnType<typeof sql.ref>) => [
  sql<number>`(SELECT COUNT(*) FROM round_positions x WHERE x.round_id = ${rid})`.as('n_positions'),
  sql<number>`(SELECT COALESCE(SUM(x.seats), 0) FROM round_positions x WHERE x.round_id = ${rid})`.as('n_seats'),
  sql<number>`(SELECT COALESCE(SUM(x.reserved_seats), 0) FROM round_positions x WHERE x.round_id = ${rid})`.as('n_reserved'),
  sql<number>`(SELECT COUNT(*) FROM round_talents x WHERE x.round_id = ${rid})`.as('n_talents'),
  sql<number>`(SELECT COUNT(*) FROM round_talents x WHERE x.round_id = ${rid} AND x.agreement_id IS NOT NULL)`.as('n_directed'),
  sql<number>`(SELECT COUNT(DISTINCT x.talent_id) FROM round_choices x WHERE x.round_id = ${rid})`.as('n_with_choices'),
];

function roundsWithNames(database: Database) {
  return database.db
    .selectFrom('rounds as r')
    .innerJoin('regions as g', 'g.code', 'r.region_code')
    .selectAll('r')
    .select('g.full_name as region_name')
    .select(countsSelect(sql.ref('r.id')));
}

export type RoundRow = NonNullable<Awaited<ReturnType<ReturnType<typeof roundsWithNames>['executeTakeFirst']>>>;

export async function findRound(database: Database, id: string): Promise<RoundRow | undefined> {
  return roundsWithNames(database).where('r.id', '=', id).executeTakeFirst();
}

/** The bare row (no counts), for checks before a write. */
export async function findRoundRow(database: Database, id: string): Promise<Round | undefined> {
  return database.db.selectFrom('rounds').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listRounds(
  database: Database,
  regionRoot: string,
  f: { status?: RoundStatus; page: number; pageSize: number },
): Promise<{ items: RoundRow[]; total: number }> {
  const where = (eb: any): Expression<SqlBool> => {
    const c: Expression<SqlBool>[] = [];
    if (regionRoot) {
      const { from, to } = subtreeRange(regionRoot);
      c.push(eb('r.region_code', '>=', from), eb('r.region_code', '<', to));
    }
    if (f.status) c.push(eb('r.status', '=', f.status));
    return eb.and(c);
  };
  const count = database.db.selectFrom('rounds as r').select((eb) => eb.fn.countAll<number>().as('n')).where(where);
  const page = roundsWithNames(database).where(where).orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize);
  const [counted, items] = await Promise.all([count.executeTakeFirstOrThrow(), page.execute()]);
  return { items, total: Number(counted.n) };
}

/** Rounds a talent is in, past the draft stage, with their choices count and proposal. */
export async function listTalentRounds(database: Database, talentId: string, f: { page: number; pageSize: number }) {
  const base = database.db
    .selectFrom('round_talents as rt')
    .innerJoin('rounds as r', 'r.id', 'rt.round_id')
    .where('rt.talent_id', '=', talentId)
    .where('r.status', '!=', 'draft');
  const count = base.select((eb) => eb.fn.countAll<number>().as('n'));
  const page = base
    .innerJoin('regions as g', 'g.code', 'r.region_code')
    .leftJoin('round_proposals as rp', (j) => j.onRef('rp.round_id', '=', 'rt.round_id').onRef('rp.talent_id', '=', 'rt.talent_id'))
    .leftJoin('positions as p', 'p.id', 'rp.position_id')
    .selectAll('r')
    .select('g.full_name as region_name')
    .select(countsSelect(sql.ref('r.id')))
    .select([
      sql<number>`(SELECT COUNT(*) FROM round_choices c WHERE c.round_id = r.id AND c.talent_id = rt.talent_id)`.as('my_choices'),
      'rt.unassigned_reason',
      'rt.list_source',
      'rp.id as proposal_id',
      'rp.position_id as proposal_position_id',
      'p.title as proposal_position_title',
      proposalState('rp').as('proposal_state'),
    ])
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const [counted, items] = await Promise.all([count.executeTakeFirstOrThrow(), page.execute()]);
  return { items, total: Number(counted.n) };
}

export async function isRoundTalent(database: Database, roundId: string, talentId: string): Promise<boolean> {
  const row = await database.db.selectFrom('round_talents').select('talent_id').where('round_id', '=', roundId).where('talent_id', '=', talentId).executeTakeFirst();
  return !!row;
}

export function insertRound(
  database: Database,
  row: Omit<Round, 'revision' | 'run_stats' | 'closed_at' | 'reserve_policy' | 'inputs_version' | 'inputs_at' | 'input_settings' | 'run_inputs_version' | 'follows_round_id'> &
    Partial<Pick<Round, 'reserve_policy' | 'follows_round_id'>>,
): CompiledQuery {
  return database.db.insertInto('rounds').values(row).compile();
}

/** Changes round columns (bumping the revision) while the round is in one of `statuses`. */
export function updateRoundIf(
  database: Database,
  id: string,
  statuses: readonly RoundStatus[],
  changes: Partial<Pick<Round, 'name' | 'weights' | 'reserve_policy' | 'choices_close_on' | 'status' | 'published_at' | 'closed_at' | 'updated_at'>>,
): CompiledQuery {
  return database.db
    .updateTable('rounds')
    .set({ ...changes, revision: sql`revision + 1` })
    .where('id', '=', id)
    .where('status', 'in', [...statuses])
    .compile();
}

/** Only the revision (inputs changed), while the round is editable. Put it LAST in the write: its
 * numAffectedRows says whether the round was still editable, i.e. whether the write counted. */
export function bumpRevisionIf(database: Database, id: string, statuses: readonly RoundStatus[], now: number): CompiledQuery {
  return updateRoundIf(database, id, statuses, { updated_at: now });
}

// ---------------------------------------------------------------- positions of a round

/** Position rows with what setting them into a round checks: region, status, free seats. */
export async function positionsForRound(database: Database, ids: string[]) {
  if (ids.length === 0) return [];
  return database.db
    .selectFrom('positions as p')
    .select([
      'p.id',
      'p.region_code',
      'p.status',
      'p.closes_on',
      'p.seats',
      'p.reserved_seats',
      sql<number>`p.seats - ${activeEmployment(sql.ref('p.id'))}`.as('free_seats'),
    ])
    .where(inIds('p.id', ids))
    .execute();
}

/** Every open position (open, closes_on ≥ today) in the region subtree with at least one free seat. */
export async function openPositionsIn(database: Database, regionCode: string, today: string) {
  const { from, to } = subtreeRange(regionCode);
  const rows = await database.db
    .selectFrom('positions as p')
    .select(['p.id', 'p.reserved_seats', sql<number>`p.seats - ${activeEmployment(sql.ref('p.id'))}`.as('free_seats')])
    .where('p.status', '=', 'open')
    .where('p.closes_on', '>=', today)
    .where('p.region_code', '>=', from)
    .where('p.region_code', '<', to)
    .execute();
  return rows.filter((r) => r.free_seats > 0);
}

const activeEmployment = (positionId: ReturnType<typeof sql.ref>) =>
  sql<number>`(SELECT COUNT(*) FROM placements pl WHERE pl.position_id = ${positionId} AND pl.kind = 'employment' AND pl.end_on IS NULL)`;

/** Replaces the round's positions: rows are [positionId, seats, reservedSeats]. Choices of
 * positions that leave the round go too. The last query bumps the revision (check it). */
export function replacePositionsQueries(database: Database, roundId: string, rows: [string, number, number][], now: number): CompiledQuery[] {
  const editable = roundIn(roundId, ['draft', 'collecting']);
  const json = rows.map((r) => JSON.stringify(r));
  return [
    sql`DELETE FROM round_positions WHERE round_id = ${roundId} AND ${editable}`.compile(database.db),
    ...jsonChunks(json).map((chunk) =>
      sql`INSERT INTO round_positions (round_id, position_id, seats, reserved_seats)
          SELECT ${roundId}, json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]')
          FROM json_each(${chunk}) WHERE ${editable}`.compile(database.db),
    ),
    sql`DELETE FROM round_choices WHERE round_id = ${roundId} AND ${editable}
        AND position_id NOT IN (SELECT position_id FROM round_positions WHERE round_id = ${roundId})`.compile(database.db),
    bumpRevisionIf(database, roundId, ['draft', 'collecting'], now),
  ];
}

export async function listRoundPositions(database: Database, roundId: string, f: { page: number; pageSize: number }, today: string) {
  const count = database.db.selectFrom('round_positions').select((eb) => eb.fn.countAll<number>().as('n')).where('round_id', '=', roundId);
  const page = database.db
    .selectFrom('round_positions as rp')
    .innerJoin('positions as p', 'p.id', 'rp.position_id')
    .innerJoin('employers as e', 'e.id', 'p.employer_id')
    .innerJoin('regions as g', 'g.code', 'p.region_code')
    .selectAll('rp')
    .select([
      'p.title',
      'p.kind',
      'p.region_code',
      'p.employer_id',
      'e.name as employer_name',
      'g.full_name as region_name',
      // Once the inputs are frozen, whether the post was open is the snapshot's.
      sql<number>`CASE WHEN rp.input IS NOT NULL THEN json_extract(rp.input, '$.open') ELSE p.status = 'open' AND p.closes_on >= ${today} END`.as('is_open'),
    ])
    .where('rp.round_id', '=', roundId)
    .orderBy('p.region_code')
    .orderBy('rp.position_id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const [counted, items] = await Promise.all([count.executeTakeFirstOrThrow(), page.execute()]);
  return { items, total: Number(counted.n) };
}

export type RoundPositionRow = Awaited<ReturnType<typeof listRoundPositions>>['items'][number];

/** Round positions by id (for a talent's choices): only ids that are in the round come back. */
export async function roundPositionsByIds(database: Database, roundId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return database.db
    .selectFrom('round_positions as rp')
    .innerJoin('positions as p', 'p.id', 'rp.position_id')
    .innerJoin('employers as e', 'e.id', 'p.employer_id')
    .select(['rp.position_id', 'p.title', 'e.name as employer_name'])
    .where('rp.round_id', '=', roundId)
    .where(inIds('rp.position_id', ids))
    .execute();
}

/** Titles, employer names and region full names of positions (for explanations that name the
 * posts: equal titles at different employers must be told apart). */
export async function positionTitles(database: Database, ids: string[]): Promise<Map<string, { title: string; employerName: string | null; regionName: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await database.db
    .selectFrom('positions as p')
    .leftJoin('employers as e', 'e.id', 'p.employer_id')
    .leftJoin('regions as g', 'g.code', 'p.region_code')
    .select(['p.id', 'p.title', 'e.name as employer_name', 'g.full_name as region_name'])
    .where(inIds('p.id', ids))
    .execute();
  return new Map(rows.map((r) => [r.id, { title: r.title, employerName: r.employer_name, regionName: r.region_name }]));
}

// ---------------------------------------------------------------- talents of a round

/** The talent's agreement awaiting placement that fits the round's region (target inside it, or it
 * inside the target): the earliest signed. */
const fittingAgreement = (talentRef: ReturnType<typeof sql.ref>, regionCode: string) =>
  sql<string | null>`(SELECT ag.id FROM agreements ag WHERE ag.talent_id = ${talentRef} AND ag.status = 'awaiting_placement'
     AND (substr(ag.target_region_code, 1, length(${regionCode})) = ${regionCode} OR substr(${regionCode}, 1, length(ag.target_region_code)) = ag.target_region_code)
     ORDER BY ag.signed_on, ag.id LIMIT 1)`;

/** Talents by id, with their region and fitting agreement (what adding them to a round checks). */
export async function talentsForRound(database: Database, ids: string[], regionCode: string) {
  if (ids.length === 0) return [];
  return database.db
    .selectFrom('talents as t')
    .select(['t.id', 't.region_code', fittingAgreement(sql.ref('t.id'), regionCode).as('agreement_id')])
    .where(inIds('t.id', ids))
    .execute();
}

/** Talents with an agreement awaiting placement whose target region lies inside `regionCode`
 * (the earliest signed agreement of each). */
export async function awaitingPlacementIn(database: Database, regionCode: string): Promise<Map<string, string>> {
  const { from, to } = subtreeRange(regionCode);
  const rows = await database.db
    .selectFrom('agreements')
    .select(['id', 'talent_id'])
    .where('status', '=', 'awaiting_placement')
    .where('target_region_code', '>=', from)
    .where('target_region_code', '<', to)
    .orderBy('signed_on')
    .orderBy('id')
    .execute();
  const out = new Map<string, string>();
  for (const r of rows) if (!out.has(r.talent_id)) out.set(r.talent_id, r.id);
  return out;
}

/** Talents living inside `regionCode` who are seeking a post (availability available or later,
 * see AVAILABILITY in lib/vocab) and hold no current employment (an employment placement without an
 * end date), each with their fitting agreement awaiting placement if any. Uses the
 * (availability, region_code) index. */
export async function seekingIn(database: Database, regionCode: string): Promise<Map<string, string | null>> {
  const { from, to } = subtreeRange(regionCode);
  const rows = await database.db
    .selectFrom('talents as t')
    .select(['t.id', fittingAgreement(sql.ref('t.id'), regionCode).as('agreement_id')])
    .where('t.availability', 'in', [...SEEKING_AVAILABILITY])
    .where('t.region_code', '>=', from)
    .where('t.region_code', '<', to)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('placements as pl').select(sql.lit(1).as('one')).whereRef('pl.talent_id', '=', 't.id').where('pl.kind', '=', 'employment').where('pl.end_on', 'is', null))),
    )
    .execute();
  return new Map(rows.map((r) => [r.id, r.agreement_id]));
}

/** Availability codes of talents looking for a post. */
export const SEEKING_AVAILABILITY = ['available', 'later'] as const;

/** Replaces the round's talents: rows are [talentId, agreementId | null]. Choices of talents that
 * leave go too. The last query bumps the revision (check it). */
export function replaceTalentsQueries(database: Database, roundId: string, rows: [string, string | null][], now: number): CompiledQuery[] {
  const editable = roundIn(roundId, ['draft', 'collecting']);
  return [
    sql`DELETE FROM round_talents WHERE round_id = ${roundId} AND ${editable}`.compile(database.db),
    ...jsonChunks(rows.map((r) => JSON.stringify(r))).map((chunk) =>
      sql`INSERT INTO round_talents (round_id, talent_id, agreement_id)
          SELECT ${roundId}, json_extract(value, '$[0]'), json_extract(value, '$[1]')
          FROM json_each(${chunk}) WHERE ${editable}`.compile(database.db),
    ),
    sql`DELETE FROM round_choices WHERE round_id = ${roundId} AND ${editable}
        AND talent_id NOT IN (SELECT talent_id FROM round_talents WHERE round_id = ${roundId})`.compile(database.db),
    bumpRevisionIf(database, roundId, ['draft', 'collecting'], now),
  ];
}

/** SQL for a proposal's state: placed, declined (by either side) or pending. */
export const proposalState = (alias: string) =>
  sql<'pending' | 'placed' | 'declined' | null>`CASE WHEN ${sql.ref(`${alias}.id`)} IS NULL THEN NULL
    WHEN ${sql.ref(`${alias}.placement_id`)} IS NOT NULL THEN 'placed'
    WHEN ${sql.ref(`${alias}.talent_response`)} = 'declined' OR ${sql.ref(`${alias}.employer_response`)} = 'declined' THEN 'declined'
    ELSE 'pending' END`;

export async function listRoundTalents(
  database: Database,
  roundId: string,
  f: { outcome?: 'assigned' | 'unassigned'; directed?: boolean; page: number; pageSize: number },
) {
  const where = (eb: any): Expression<SqlBool> => {
    const c: Expression<SqlBool>[] = [eb('rt.round_id', '=', roundId)];
    if (f.directed === true) c.push(eb('rt.agreement_id', 'is not', null));
    if (f.directed === false) c.push(eb('rt.agreement_id', 'is', null));
    if (f.outcome === 'assigned') c.push(eb('rp.id', 'is not', null));
    if (f.outcome === 'unassigned') c.push(eb.and([eb('rp.id', 'is', null), eb('rt.list_source', 'is not', null)]));
    return eb.and(c);
  };
  const joined = () =>
    database.db
      .selectFrom('round_talents as rt')
      .leftJoin('round_proposals as rp', (j) => j.onRef('rp.round_id', '=', 'rt.round_id').onRef('rp.talent_id', '=', 'rt.talent_id'));
  const count = joined().select((eb) => eb.fn.countAll<number>().as('n')).where(where);
  const page = joined()
    .innerJoin('talents as t', 't.id', 'rt.talent_id')
    .leftJoin('positions as p', 'p.id', 'rp.position_id')
    .leftJoin('employers as e', 'e.id', 'p.employer_id')
    .select([
      'rt.talent_id',
      'rt.agreement_id',
      'rt.list_source',
      'rt.unassigned_reason',
      'rt.explanation as talent_explanation',
      't.name',
      't.region_code',
      sql<number>`(SELECT COUNT(*) FROM round_choices c WHERE c.round_id = rt.round_id AND c.talent_id = rt.talent_id)`.as('choices'),
      'rp.id as proposal_id',
      'rp.position_id',
      'rp.score',
      'rp.reserved',
      'rp.explanation as proposal_explanation',
      proposalState('rp').as('proposal_state'),
      'p.title as position_title',
      'e.name as employer_name',
    ])
    .where(where)
    .orderBy('rt.talent_id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const [counted, items] = await Promise.all([count.executeTakeFirstOrThrow(), page.execute()]);
  return { items, total: Number(counted.n) };
}

// ---------------------------------------------------------------- choices

export async function choicesOf(database: Database, roundId: string, talentId: string) {
  return database.db
    .selectFrom('round_choices as c')
    .innerJoin('positions as p', 'p.id', 'c.position_id')
    .innerJoin('employers as e', 'e.id', 'p.employer_id')
    .select(['c.rank', 'c.position_id', 'p.title', 'e.name as employer_name'])
    .where('c.round_id', '=', roundId)
    .where('c.talent_id', '=', talentId)
    .orderBy('c.rank')
    .execute();
}

/** Replaces one talent's choices while the round collects them; the last query bumps the revision. */
export function replaceChoicesQueries(database: Database, roundId: string, talentId: string, positionIds: string[], now: number): CompiledQuery[] {
  const collecting = roundIn(roundId, ['collecting']);
  const queries: CompiledQuery[] = [
    sql`DELETE FROM round_choices WHERE round_id = ${roundId} AND talent_id = ${talentId} AND ${collecting}`.compile(database.db),
  ];
  if (positionIds.length > 0) {
    queries.push(
      sql`INSERT INTO round_choices (round_id, talent_id, rank, position_id)
          SELECT ${roundId}, ${talentId}, CAST(key AS INTEGER) + 1, value FROM json_each(${JSON.stringify(positionIds)})
          WHERE ${collecting} AND value IN (SELECT position_id FROM round_positions WHERE round_id = ${roundId})`.compile(database.db),
    );
  }
  queries.push(bumpRevisionIf(database, roundId, ['collecting'], now));
  return queries;
}

// ---------------------------------------------------------------- result

export async function holdersOf(database: Database, roundId: string, positionIds: string[]) {
  if (positionIds.length === 0) return [];
  return database.db
    .selectFrom('round_proposals as rp')
    .innerJoin('talents as t', 't.id', 'rp.talent_id')
    .innerJoin('round_talents as rt', (j) => j.onRef('rt.round_id', '=', 'rp.round_id').onRef('rt.talent_id', '=', 'rp.talent_id'))
    .select(['rp.id', 'rp.position_id', 'rp.talent_id', 't.name', 'rt.agreement_id', 'rp.score', 'rp.reserved', proposalState('rp').as('state')])
    // Unary + keeps SQLite off the (round_id, talent_id) index, which would walk the whole round:
    // a page's positions are few, so probe round_proposals_position for each instead.
    .where(sql<SqlBool>`+rp.round_id = ${roundId}`)
    .where(inIds('rp.position_id', positionIds))
    .orderBy('rp.position_id')
    .orderBy('rp.position_rank')
    .execute();
}

// ---------------------------------------------------------------- proposals

function proposalsWithNames(database: Database) {
  return database.db
    .selectFrom('round_proposals as rp')
    .innerJoin('rounds as r', 'r.id', 'rp.round_id')
    .innerJoin('positions as p', 'p.id', 'rp.position_id')
    .innerJoin('employers as e', 'e.id', 'p.employer_id')
    .innerJoin('talents as t', 't.id', 'rp.talent_id')
    .selectAll('rp')
    .select([
      'r.name as round_name',
      'r.status as round_status',
      'r.region_code as round_region_code',
      'p.title as position_title',
      'p.kind as position_kind',
      'p.region_code as position_region_code',
      'p.employer_id',
      'e.name as employer_name',
      'e.user_id as employer_user_id',
      't.name as talent_name',
      't.phone as talent_phone',
      't.user_id as talent_user_id',
      proposalState('rp').as('state'),
    ]);
}

export type ProposalRow = NonNullable<Awaited<ReturnType<ReturnType<typeof proposalsWithNames>['executeTakeFirst']>>>;

export async function findProposal(database: Database, id: string): Promise<ProposalRow | undefined> {
  return proposalsWithNames(database).where('rp.id', '=', id).executeTakeFirst();
}

export interface ProposalScope {
  talentId?: string;
  employerUserId?: string;
  roundId?: string;
  /** Only rounds that are published or closed. */
  publishedOnly: boolean;
}

export async function listProposals(
  database: Database,
  scope: ProposalScope,
  f: { state?: 'pending' | 'placed' | 'declined'; roundId?: string; positionId?: string; page: number; pageSize: number },
): Promise<{ items: ProposalRow[]; total: number }> {
  const where = (eb: any): Expression<SqlBool> => {
    const c: Expression<SqlBool>[] = [];
    if (scope.talentId) c.push(eb('rp.talent_id', '=', scope.talentId));
    if (scope.employerUserId) c.push(eb('e.user_id', '=', scope.employerUserId));
    if (scope.roundId) c.push(eb('rp.round_id', '=', scope.roundId));
    if (scope.publishedOnly) c.push(eb('r.status', 'in', ['published', 'closed']));
    if (f.roundId) c.push(eb('rp.round_id', '=', f.roundId));
    if (f.positionId) c.push(eb('rp.position_id', '=', f.positionId));
    if (f.state) c.push(eb(proposalState('rp'), '=', f.state));
    return eb.and(c);
  };
  const count = database.db
    .selectFrom('round_proposals as rp')
    .innerJoin('rounds as r', 'r.id', 'rp.round_id')
    .innerJoin('positions as p', 'p.id', 'rp.position_id')
    .innerJoin('employers as e', 'e.id', 'p.employer_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(where);
  const page = proposalsWithNames(database)
    .where(where)
    .orderBy('r.published_at', 'desc')
    .orderBy('rp.position_id')
    .orderBy('rp.position_rank')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const [counted, items] = await Promise.all([count.executeTakeFirstOrThrow(), page.execute()]);
  return { items, total: Number(counted.n) };
}

/**
 * One side's response to a proposal, as one atomic write (check results[0].numAffectedRows):
 *   1. the response, only if that side has not responded, the other side has not declined, no
 *      placement exists and the round is published;
 *   2. when both sides have now accepted: the placement (source 'round', source_id the proposal,
 *      kind employment, starting today), serving the talent's agreement awaiting placement whose
 *      target region contains the post (the agreement recorded for the round first);
 *   3. the proposal points at that placement;
 *   4. that agreement moves awaiting_placement → serving with its history row (placements helper).
 * Steps 2–4 are conditional in SQL, so they do nothing unless both have accepted.
 */
export function respondQueries(
  database: Database,
  e: { proposalId: string; side: 'talent' | 'employer'; response: 'accepted' | 'declined'; actorUserId: string; today: string; now: number },
): CompiledQuery[] {
  const mine = e.side === 'talent' ? ('talent_response' as const) : ('employer_response' as const);
  const theirs = e.side === 'talent' ? ('employer_response' as const) : ('talent_response' as const);
  const respond = database.db
    .updateTable('round_proposals')
    .set(e.side === 'talent' ? { talent_response: e.response, updated_at: e.now } : { employer_response: e.response, updated_at: e.now })
    .where('id', '=', e.proposalId)
    .where(mine, 'is', null)
    .where((eb) => eb.or([eb(theirs, 'is', null), eb(theirs, '=', 'accepted')]))
    .where('placement_id', 'is', null)
    .where(sql<SqlBool>`EXISTS (SELECT 1 FROM rounds r WHERE r.id = round_proposals.round_id AND r.status = 'published')`)
    .compile();
  if (e.response === 'declined') return [respond];
  const placementId = newId();
  const insert = sql`INSERT OR IGNORE INTO placements (id, talent_id, employer_id, position_id, kind, start_on, source, source_id, agreement_id, created_by, created_at, updated_at)
    SELECT ${placementId}, rp.talent_id, p.employer_id, p.id, 'employment', ${e.today}, 'round', rp.id,
      (SELECT ag.id FROM agreements ag
         LEFT JOIN round_talents rt ON rt.round_id = rp.round_id AND rt.talent_id = rp.talent_id
        WHERE ag.talent_id = rp.talent_id AND ag.status = 'awaiting_placement'
          AND substr(p.region_code, 1, length(ag.target_region_code)) = ag.target_region_code
        ORDER BY (ag.id = rt.agreement_id) DESC, ag.signed_on, ag.id LIMIT 1),
      ${e.actorUserId}, ${e.now}, ${e.now}
    FROM round_proposals rp JOIN positions p ON p.id = rp.position_id
    WHERE rp.id = ${e.proposalId} AND rp.talent_response = 'accepted' AND rp.employer_response = 'accepted' AND rp.placement_id IS NULL`.compile(database.db);
  const link = sql`UPDATE round_proposals SET placement_id = ${placementId}
    WHERE id = ${e.proposalId} AND placement_id IS NULL AND EXISTS (SELECT 1 FROM placements WHERE id = ${placementId})`.compile(database.db);
  return [respond, insert, link, ...startServiceQueries(database, { placementId, actorUserId: e.actorUserId, now: e.now, note: `round proposal ${e.proposalId}` })];
}

// ---------------------------------------------------------------- run inputs (a few bulk queries)

/** The round's positions with what the matching core needs, and the seats still free now. */
export async function loadRunPositions(database: Database, roundId: string) {
  const [rows, taken] = await Promise.all([
    database.db
      .selectFrom('round_positions as rp')
      .innerJoin('positions as p', 'p.id', 'rp.position_id')
      .select([
        'p.id',
        'rp.seats as round_seats',
        'rp.reserved_seats as round_reserved',
        'p.seats',
        'p.employer_id',
        'p.kind',
        'p.region_code',
        'p.min_education',
        'p.min_qualification',
        'p.service_areas',
        'p.languages',
        'p.status',
        'p.closes_on',
      ])
      .where('rp.round_id', '=', roundId)
      .execute(),
    database.db
      .selectFrom('placements as pl')
      .select(['pl.position_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('pl.kind', '=', 'employment')
      .where('pl.end_on', 'is', null)
      .where('pl.position_id', 'in', (eb) => eb.selectFrom('round_positions').select('position_id').where('round_id', '=', roundId))
      .groupBy('pl.position_id')
      .execute(),
  ]);
  const active = new Map(taken.map((r) => [r.position_id as string, Number(r.n)]));
  return rows.map((r) => ({ ...r, free_seats: r.seats - (active.get(r.id) ?? 0) }));
}

/** The round's talents with their profile fields and, if still awaiting placement, the agreement's target. */
export async function loadRunTalents(database: Database, roundId: string) {
  return database.db
    .selectFrom('round_talents as rt')
    .innerJoin('talents as t', 't.id', 'rt.talent_id')
    .leftJoin('agreements as ag', (j) => j.onRef('ag.id', '=', 'rt.agreement_id').on('ag.status', '=', 'awaiting_placement'))
    .select([
      't.id',
      't.education_level',
      't.qualification_level',
      't.service_areas',
      't.languages',
      't.region_code',
      't.preferred_regions',
      'ag.id as agreement_id',
      'ag.target_region_code',
      'ag.target_employer_id',
    ])
    .where('rt.round_id', '=', roundId)
    .execute();
}

/** Placements of the round's talents (for the history factors). */
export async function loadRunHistories(database: Database, roundId: string) {
  return database.db
    .selectFrom('round_talents as rt')
    .innerJoin('placements as pl', 'pl.talent_id', 'rt.talent_id')
    .leftJoin('positions as p', 'p.id', 'pl.position_id')
    .select(['pl.talent_id', 'pl.employer_id', 'pl.kind', 'p.kind as position_kind'])
    .where('rt.round_id', '=', roundId)
    .execute();
}

/** Every submitted choice of the round, by talent then rank. */
export async function loadRunChoices(database: Database, roundId: string) {
  return database.db.selectFrom('round_choices').select(['talent_id', 'position_id']).where('round_id', '=', roundId).orderBy('talent_id').orderBy('rank').execute();
}

/**
 * Stores a run as one atomic write, every statement conditional on the round still being runnable at
 * the revision the inputs were read at (a change of inputs meanwhile makes the whole write a no-op;
 * the LAST query's numAffectedRows says whether it counted). Rows are pre-serialised JSON arrays:
 *   positions  [positionId, seats, filled, reservedFilled, cutoff, generalCutoff, reservedCutoff, listsNaming?]
 *   talents    [talentId, listSource, unassignedReason, explanation | null]
 *   proposals  [id, talentId, positionId, score, reserved 0|1, positionRank, explanation]
 */
export function storeRunQueries(
  database: Database,
  e: {
    roundId: string;
    revision: number;
    statuses: readonly RoundStatus[];
    positions: string[];
    talents: string[];
    proposals: string[];
    digest: string;
    stats: string;
    /** The input snapshot the result was computed from. */
    inputsVersion: number;
    now: number;
  },
): CompiledQuery[] {
  const runnable = roundIn(e.roundId, e.statuses, e.revision);
  const q: CompiledQuery[] = [sql`DELETE FROM round_proposals WHERE round_id = ${e.roundId} AND ${runnable}`.compile(database.db)];
  // Updates by primary key as an UPSERT: every row already exists (the revision guard makes sure), so
  // each one conflicts and takes the DO UPDATE branch — one index probe per row, where UPDATE … FROM
  // json_each would join every row against every other. The inserted row's `seats` is never used (it
  // conflicts), but SQLite checks it before the conflict: a post with no free seat left runs with
  // 0 seats, so it is given as at least 1 (the round's own seats stay as they are).
  for (const chunk of jsonChunks(e.positions)) {
    q.push(
      sql`INSERT INTO round_positions (round_id, position_id, seats, run_seats, filled, reserved_filled, cutoff_score, general_cutoff, reserved_cutoff, lists_naming)
          SELECT ${e.roundId}, json_extract(value, '$[0]'), max(1, json_extract(value, '$[1]')), json_extract(value, '$[1]'), json_extract(value, '$[2]'),
                 json_extract(value, '$[3]'), json_extract(value, '$[4]'), json_extract(value, '$[5]'), json_extract(value, '$[6]'), json_extract(value, '$[7]')
          FROM json_each(${chunk}) WHERE ${runnable}
          ON CONFLICT (round_id, position_id) DO UPDATE SET run_seats = excluded.run_seats, filled = excluded.filled, lists_naming = excluded.lists_naming,
            reserved_filled = excluded.reserved_filled, cutoff_score = excluded.cutoff_score,
            general_cutoff = excluded.general_cutoff, reserved_cutoff = excluded.reserved_cutoff`.compile(database.db),
    );
  }
  for (const chunk of jsonChunks(e.talents)) {
    q.push(
      sql`INSERT INTO round_talents (round_id, talent_id, list_source, unassigned_reason, explanation)
          SELECT ${e.roundId}, json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]')
          FROM json_each(${chunk}) WHERE ${runnable}
          ON CONFLICT (round_id, talent_id) DO UPDATE SET list_source = excluded.list_source,
            unassigned_reason = excluded.unassigned_reason, explanation = excluded.explanation`.compile(database.db),
    );
  }
  for (const chunk of jsonChunks(e.proposals)) {
    q.push(
      sql`INSERT INTO round_proposals (id, round_id, talent_id, position_id, score, reserved, position_rank, explanation, created_at, updated_at)
          SELECT json_extract(value, '$[0]'), ${e.roundId}, json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]'),
                 json_extract(value, '$[4]'), json_extract(value, '$[5]'), json_extract(value, '$[6]'), ${e.now}, ${e.now}
          FROM json_each(${chunk}) WHERE ${runnable}`.compile(database.db),
    );
  }
  q.push(
    database.db
      .updateTable('rounds')
      .set({ status: 'run', run_at: e.now, result_digest: e.digest, run_stats: e.stats, run_inputs_version: e.inputsVersion, updated_at: e.now })
      .where('id', '=', e.roundId)
      .where('status', 'in', [...e.statuses])
      .where('revision', '=', e.revision)
      .compile(),
  );
  return q;
}
