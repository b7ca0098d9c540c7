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
import { subtreeRange } from '../lib/regions-range';
import type { RoundStatus } from './rounds.schemas';

/** Characters of JSON per bound parameter (D1 caps a string value at 2,000,000 bytes; UTF-8 ≤ 3×). */
export const JSON_CHUNK_CHARS = 500_000;

/** Packs pre-serialised JSON rows into JSON array strings of at most `maxChars` characters each,
 * handing each chunk to `flush` as soon as it is full (a streamed write runs it while the next rows
 * are built). */
export class JsonChunker {
  private part: string[] = [];
  private size = 2;

  constructor(
    private readonly flush: (chunk: string) => void,
    private readonly maxChars = JSON_CHUNK_CHARS,
  ) {}

  push(row: string): void {
    if (this.part.length > 0 && this.size + row.length + 1 > this.maxChars) this.end();
    this.part.push(row);
    this.size += row.length + 1;
  }

  /** Flushes the rows pushed since the last chunk. */
  end(): void {
    if (this.part.length > 0) this.flush(`[${this.part.join(',')}]`);
    this.part = [];
    this.size = 2;
  }
}

/** Packs pre-serialised JSON rows into JSON array strings of at most `maxChars` characters each. */
export function jsonChunks(rows: readonly string[], maxChars = JSON_CHUNK_CHARS): string[] {
  const out: string[] = [];
  const chunker = new JsonChunker((chunk) => out.push(chunk), maxChars);
  for (const r of rows) chunker.push(r);
  chunker.end();
  return out;
}

/** `column IN (the ids)`, the ids bound as one JSON parameter. */
export const inIds = (column: string, ids: readonly string[]) => sql<SqlBool>`${sql.ref(column)} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`;

/** The inputs a proposal's breakdown is derived from (rounds.snapshot.ts proposalBreakdown), for a
 * query with the proposal as `rp`: the talent's and the post's frozen inputs, and the round's
 * settings when its result was computed from the current snapshot. */
export const breakdownInputs = () => [
  sql<string | null>`(SELECT x.input FROM round_talents x WHERE x.round_id = rp.round_id AND x.talent_id = rp.talent_id)`.as('talent_input'),
  sql<string | null>`(SELECT x.input FROM round_positions x WHERE x.round_id = rp.round_id AND x.position_id = rp.position_id)`.as('position_input'),
  sql<string | null>`(SELECT x.input_settings FROM rounds x WHERE x.id = rp.round_id AND x.run_inputs_version = x.inputs_version)`.as('result_settings'),
];

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
  // What the last run could fill: each post's seats capped by its free seats in the frozen inputs (null before a run).
  sql<number | null>`(SELECT SUM(x.run_seats) FROM round_positions x WHERE x.round_id = ${rid})`.as('n_run_seats'),
  // Its reserved seats, read from the inputs the run read (null once they were refreshed after it).
  sql<number | null>`(SELECT SUM(MIN(x.run_seats, json_extract(x.input, '$.reservedSeats'))) FROM round_positions x
    WHERE x.round_id = ${rid} AND x.run_seats IS NOT NULL
      AND EXISTS (SELECT 1 FROM rounds y WHERE y.id = ${rid} AND y.run_inputs_version = y.inputs_version))`.as('n_run_reserved'),
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
  const count = database.db
    .selectFrom('rounds as r')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(where);
  const page = roundsWithNames(database)
    .where(where)
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const [counted, items] = await Promise.all([count.executeTakeFirstOrThrow(), page.execute()]);
  return { items, total: Number(counted.n) };
}

/** Rounds a talent is in, past the draft stage, with their choices count and proposal. */
export async function listTalentRounds(database: Database, talentId: string, f: { page: number; pageSize: number }) {
  const base = database.db.selectFrom('round_talents as rt').innerJoin('rounds as r', 'r.id', 'rt.round_id').where('rt.talent_id', '=', talentId).where('r.status', '!=', 'draft');
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
      'rt.explanation as talent_explanation',
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

/** Only the revision (inputs changed), while the round is in one of `statuses`. Put it LAST in the
 * write unit, named: its numAffectedRows says whether the round was still editable, i.e. whether
 * the write counted (the statements before it carry the same condition). */
export function bumpRevisionIf(database: Database, id: string, statuses: readonly RoundStatus[], now: number): CompiledQuery {
  return updateRoundIf(database, id, statuses, { updated_at: now });
}

// ---------------------------------------------------------------- positions of a round

/** Position rows with what setting them into a round checks: region, status, free seats. */
export async function positionsForRound(database: Database, ids: string[]) {
  if (ids.length === 0) return [];
  return database.db
    .selectFrom('positions as p')
    .select(['p.id', 'p.region_code', 'p.status', 'p.closes_on', 'p.seats', 'p.reserved_seats', sql<number>`p.seats - ${activeEmployment(sql.ref('p.id'))}`.as('free_seats')])
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
 * positions that leave the round go too. End the unit with bumpRevisionIf and check it. */
export function replacePositionsQueries(database: Database, roundId: string, rows: [string, number, number][]): CompiledQuery[] {
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
    sql`DELETE FROM round_pins WHERE round_id = ${roundId} AND ${editable}
        AND position_id NOT IN (SELECT position_id FROM round_positions WHERE round_id = ${roundId})`.compile(database.db),
  ];
}

export async function listRoundPositions(database: Database, roundId: string, f: { page: number; pageSize: number }, today: string) {
  const count = database.db
    .selectFrom('round_positions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('round_id', '=', roundId);
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
      // Seats taken since the round opened (issue #11 §7): its seats (capped by the snapshot's free
      // seats once run) less the post's free seats now, not counting this round's own placements.
      sql<number>`MAX(0, MIN(rp.seats, COALESCE(json_extract(rp.input, '$.freeSeats'), rp.seats)) - MAX(0, p.seats - (SELECT COUNT(*) FROM placements pl
        WHERE pl.position_id = p.id AND pl.kind = 'employment' AND pl.end_on IS NULL
          AND NOT (pl.source = 'round' AND pl.source_id IN (SELECT rpr.id FROM round_proposals rpr WHERE rpr.round_id = rp.round_id)))))`.as('shrunk_seats'),
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

/** The round's post ids in the order a run sorts them (plain string comparison, as src/matching):
 * stored refusals name a post by its index in this list. */
export async function roundPositionIdsInOrder(database: Database, roundId: string): Promise<string[]> {
  const rows = await database.db.selectFrom('round_positions').select('position_id').where('round_id', '=', roundId).execute();
  return rows.map((r) => r.position_id).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Full names of regions by code. */
export async function regionFullNames(database: Database, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await database.db.selectFrom('regions').select(['code', 'full_name']).where(inIds('code', codes)).execute();
  return new Map(rows.map((r) => [r.code, r.full_name]));
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
      not(
        exists(
          selectFrom('placements as pl').select(sql.lit(1).as('one')).whereRef('pl.talent_id', '=', 't.id').where('pl.kind', '=', 'employment').where('pl.end_on', 'is', null),
        ),
      ),
    )
    .execute();
  return new Map(rows.map((r) => [r.id, r.agreement_id]));
}

/** Availability codes of talents looking for a post. */
export const SEEKING_AVAILABILITY = ['available', 'later'] as const;

/** Replaces the round's talents: rows are [talentId, agreementId | null]. Choices of talents that
 * leave go too. End the unit with bumpRevisionIf and check it. */
export function replaceTalentsQueries(database: Database, roundId: string, rows: [string, string | null][]): CompiledQuery[] {
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
    sql`DELETE FROM round_adjustments WHERE round_id = ${roundId} AND ${editable}
        AND talent_id NOT IN (SELECT talent_id FROM round_talents WHERE round_id = ${roundId})`.compile(database.db),
    sql`DELETE FROM round_pins WHERE round_id = ${roundId} AND ${editable}
        AND talent_id NOT IN (SELECT talent_id FROM round_talents WHERE round_id = ${roundId})`.compile(database.db),
  ];
}

/** SQL for a proposal's state: placed, declined (by either side) or pending. */
export const proposalState = (alias: string) =>
  sql<'pending' | 'placed' | 'declined' | null>`CASE WHEN ${sql.ref(`${alias}.id`)} IS NULL THEN NULL
    WHEN ${sql.ref(`${alias}.placement_id`)} IS NOT NULL THEN 'placed'
    WHEN ${sql.ref(`${alias}.talent_response`)} = 'declined' OR ${sql.ref(`${alias}.employer_response`)} = 'declined' THEN 'declined'
    ELSE 'pending' END`;

export async function listRoundTalents(database: Database, roundId: string, f: { outcome?: 'assigned' | 'unassigned'; directed?: boolean; page: number; pageSize: number }) {
  const where = (eb: any): Expression<SqlBool> => {
    const c: Expression<SqlBool>[] = [eb('rt.round_id', '=', roundId)];
    if (f.directed === true) c.push(eb('rt.agreement_id', 'is not', null));
    if (f.directed === false) c.push(eb('rt.agreement_id', 'is', null));
    if (f.outcome === 'assigned') c.push(eb('rp.id', 'is not', null));
    if (f.outcome === 'unassigned') c.push(eb.and([eb('rp.id', 'is', null), eb('rt.list_source', 'is not', null)]));
    return eb.and(c);
  };
  const joined = () =>
    database.db.selectFrom('round_talents as rt').leftJoin('round_proposals as rp', (j) => j.onRef('rp.round_id', '=', 'rt.round_id').onRef('rp.talent_id', '=', 'rt.talent_id'));
  const count = joined()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(where);
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
      ...breakdownInputs(),
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

/** Replaces one talent's choices while the round collects them. End the unit with
 * bumpRevisionIf(…, ['collecting'], …) and check it. */
export function replaceChoicesQueries(database: Database, roundId: string, talentId: string, positionIds: string[]): CompiledQuery[] {
  const collecting = roundIn(roundId, ['collecting']);
  const queries: CompiledQuery[] = [sql`DELETE FROM round_choices WHERE round_id = ${roundId} AND talent_id = ${talentId} AND ${collecting}`.compile(database.db)];
  if (positionIds.length > 0) {
    queries.push(
      sql`INSERT INTO round_choices (round_id, talent_id, rank, position_id)
          SELECT ${roundId}, ${talentId}, CAST(key AS INTEGER) + 1, value FROM json_each(${JSON.stringify(positionIds)})
          WHERE ${collecting} AND value IN (SELECT position_id FROM round_positions WHERE round_id = ${roundId})`.compile(database.db),
    );
  }
  return queries;
}

// ---------------------------------------------------------------- result

export async function holdersOf(database: Database, roundId: string, positionIds: string[]) {
  if (positionIds.length === 0) return [];
  return (
    database.db
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
      .execute()
  );
}
