// Queries of 服从调剂 (round_adjustments) and pinned placements (round_pins), issue #13 items 5 and 6.
// Writes come back as compiled queries carrying the round-status condition, like rounds.repository.ts.
import { sql, type CompiledQuery } from 'kysely';
import type { Database } from '../lib/database';
import { roundIn } from './rounds.repository';
import type { RoundStatus } from './rounds.schemas';

/** Statuses in which pins may change: before publication. */
export const PIN_STATUSES: readonly RoundStatus[] = ['draft', 'collecting', 'run'];

// ---------------------------------------------------------------- 服从调剂

export async function adjustmentOf(database: Database, roundId: string, talentId: string) {
  return database.db
    .selectFrom('round_adjustments as a')
    .innerJoin('regions as g', 'g.code', 'a.region_code')
    .select(['a.region_code', 'g.full_name as region_name'])
    .where('a.round_id', '=', roundId)
    .where('a.talent_id', '=', talentId)
    .executeTakeFirst();
}

/** Every region a talent may pick: the round's region and, inside it, each region holding a post of the round. */
export async function adjustmentRegions(database: Database, roundId: string, roundRegion: string): Promise<{ code: string; name: string }[]> {
  const rows = await database.db
    .selectFrom('round_positions as rp')
    .innerJoin('positions as p', 'p.id', 'rp.position_id')
    .select('p.region_code')
    .distinct()
    .where('rp.round_id', '=', roundId)
    .execute();
  const codes = new Set<string>([roundRegion]);
  for (const r of rows) {
    for (const n of [2, 4, 6, 9]) if (n > roundRegion.length && r.region_code.length >= n && r.region_code.startsWith(roundRegion)) codes.add(r.region_code.slice(0, n));
  }
  const named = await database.db
    .selectFrom('regions')
    .select(['code', 'full_name'])
    .where('code', 'in', [...codes].slice(0, 500))
    .orderBy('code')
    .execute();
  return named.map((r) => ({ code: r.code, name: r.full_name }));
}

/** Sets (regionCode) or clears (null) the talent's 服从调剂 while the round collects choices. End the
 * unit with bumpRevisionIf(…, ['collecting'], …) and check it. */
export function setAdjustmentQueries(database: Database, roundId: string, talentId: string, regionCode: string | null): CompiledQuery[] {
  const collecting = roundIn(roundId, ['collecting']);
  const q: CompiledQuery[] = [sql`DELETE FROM round_adjustments WHERE round_id = ${roundId} AND talent_id = ${talentId} AND ${collecting}`.compile(database.db)];
  if (regionCode !== null) {
    q.push(sql`INSERT INTO round_adjustments (round_id, talent_id, region_code) SELECT ${roundId}, ${talentId}, ${regionCode} WHERE ${collecting}`.compile(database.db));
  }
  return q;
}

/** talent id → region code, for the run. */
export async function loadAdjustments(database: Database, roundId: string): Promise<Map<string, string>> {
  const rows = await database.db.selectFrom('round_adjustments').select(['talent_id', 'region_code']).where('round_id', '=', roundId).execute();
  return new Map(rows.map((r) => [r.talent_id, r.region_code]));
}

// ---------------------------------------------------------------- pins

export async function listPins(database: Database, roundId: string) {
  return database.db
    .selectFrom('round_pins as x')
    .innerJoin('talents as t', 't.id', 'x.talent_id')
    .innerJoin('positions as p', 'p.id', 'x.position_id')
    .innerJoin('employers as e', 'e.id', 'p.employer_id')
    .select(['x.talent_id', 't.name as talent_name', 'x.position_id', 'p.title as position_title', 'e.name as employer_name', 'x.reason', 'x.created_at'])
    .where('x.round_id', '=', roundId)
    .orderBy('x.created_at')
    .orderBy('x.talent_id')
    .execute();
}

export type PinRow = Awaited<ReturnType<typeof listPins>>[number];

/** talent id → { positionId, reason }, for the run. */
export async function loadPins(database: Database, roundId: string): Promise<Map<string, { positionId: string; reason: string }>> {
  const rows = await database.db.selectFrom('round_pins').select(['talent_id', 'position_id', 'reason']).where('round_id', '=', roundId).execute();
  return new Map(rows.map((r) => [r.talent_id, { positionId: r.position_id, reason: r.reason }]));
}

/** Whether the talent holds an employment placement that has not ended. */
export async function isEmployed(database: Database, talentId: string): Promise<boolean> {
  const row = await database.db
    .selectFrom('placements')
    .select('id')
    .where('talent_id', '=', talentId)
    .where('kind', '=', 'employment')
    .where('end_on', 'is', null)
    .executeTakeFirst();
  return !!row;
}

/** The round update that ends a pin write: bumps the revision and, after a run, marks the stored
 * result as not computed from the current inputs (it must run again before publication). */
export function pinsChanged(database: Database, roundId: string, now: number, only?: ReturnType<typeof sql>): CompiledQuery {
  return database.db
    .updateTable('rounds')
    .set({ updated_at: now, revision: sql`revision + 1`, run_inputs_version: sql`CASE WHEN status = 'run' THEN NULL ELSE run_inputs_version END` })
    .where('id', '=', roundId)
    .where('status', 'in', [...PIN_STATUSES])
    .$if(!!only, (qb) => qb.where(only! as never))
    .compile();
}

type NewPin = { roundId: string; talentId: string; positionId: string; reason: string; userId: string; now: number };

/** Adds a pin (0 rows if the talent is pinned already or the round moved on: check it). Follow it
 * with pinAdded in the same unit. */
export function insertPinIf(database: Database, e: NewPin): CompiledQuery {
  return sql`INSERT OR IGNORE INTO round_pins (round_id, talent_id, position_id, reason, created_by, created_at)
    SELECT ${e.roundId}, ${e.talentId}, ${e.positionId}, ${e.reason}, ${e.userId}, ${e.now} WHERE ${roundIn(e.roundId, PIN_STATUSES)}`.compile(database.db);
}

/** The round update after insertPinIf: only if that statement added the pin (not one that was there already). */
export function pinAdded(database: Database, e: NewPin): CompiledQuery {
  return pinsChanged(
    database,
    e.roundId,
    e.now,
    sql`EXISTS (SELECT 1 FROM round_pins WHERE round_id = ${e.roundId} AND talent_id = ${e.talentId} AND created_by = ${e.userId} AND created_at = ${e.now})`,
  );
}

/** Removes a pin (0 rows = there was none, or the round moved on: check it). Follow it with pinsChanged. */
export function deletePinIf(database: Database, roundId: string, talentId: string): CompiledQuery {
  return sql`DELETE FROM round_pins WHERE round_id = ${roundId} AND talent_id = ${talentId} AND ${roundIn(roundId, PIN_STATUSES)}`.compile(database.db);
}

const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Talents of the round not pinned yet whose name contains `q` (all when empty), at most `limit`. */
export async function pinnableTalents(database: Database, roundId: string, q: string, limit: number) {
  let query = database.db
    .selectFrom('round_talents as rt')
    .innerJoin('talents as t', 't.id', 'rt.talent_id')
    .select(['t.id', 't.name', 'rt.agreement_id'])
    .where('rt.round_id', '=', roundId)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('round_pins as x').select('x.talent_id').where('x.round_id', '=', roundId).whereRef('x.talent_id', '=', 'rt.talent_id'))),
    );
  if (q) query = query.where(sql<boolean>`t.name LIKE ${like(q)} ESCAPE '\\'`);
  return query.orderBy('t.name').orderBy('t.id').limit(limit).execute();
}

/** Posts of the round whose title or employer name contains `q` (all when empty), at most `limit`. */
export async function pinnablePositions(database: Database, roundId: string, q: string, limit: number) {
  let query = database.db
    .selectFrom('round_positions as rp')
    .innerJoin('positions as p', 'p.id', 'rp.position_id')
    .innerJoin('employers as e', 'e.id', 'p.employer_id')
    .innerJoin('regions as g', 'g.code', 'p.region_code')
    .select(['p.id', 'p.title', 'e.name as employer_name', 'g.full_name as region_name', 'rp.seats'])
    .where('rp.round_id', '=', roundId);
  if (q) query = query.where(sql<boolean>`(p.title LIKE ${like(q)} ESCAPE '\\' OR e.name LIKE ${like(q)} ESCAPE '\\')`);
  return query.orderBy('p.region_code').orderBy('p.id').limit(limit).execute();
}
