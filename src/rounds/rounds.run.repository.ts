// The run's bulk queries (split from rounds.repository.ts): what a first run reads from the registry,
// and the one atomic write that stores a run.
import { sql, type CompiledQuery } from 'kysely';
import type { Database } from '../lib/database';
import { jsonChunks, roundIn } from './rounds.repository';
import type { RoundStatus } from './rounds.schemas';

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

/** A round talent's profile fields and, if still awaiting placement, the agreement's target. */
export interface RunTalentRow {
  id: string;
  education_level: string | null;
  qualification_level: string;
  service_areas: string;
  languages: string;
  region_code: string | null;
  preferred_regions: string;
  agreement_id: string | null;
  target_region_code: string | null;
  target_employer_id: string | null;
}

/**
 * The round's talents with their profile fields and, if still awaiting placement, the agreement's
 * target. Each row comes back as one JSON array (parsed here) rather than ten columns: for 50,000
 * talents the driver's column-by-column rows cost two to three times as long as the query itself.
 */
export async function loadRunTalents(database: Database, roundId: string): Promise<RunTalentRow[]> {
  const { rows } = await sql<{ r: string }>`
    SELECT json_array(t.id, t.education_level, t.qualification_level, t.service_areas, t.languages, t.region_code, t.preferred_regions,
                      ag.id, ag.target_region_code, ag.target_employer_id) AS r
    FROM round_talents rt
    JOIN talents t ON t.id = rt.talent_id
    LEFT JOIN agreements ag ON ag.id = rt.agreement_id AND ag.status = 'awaiting_placement'
    WHERE rt.round_id = ${roundId}`.execute(database.db);
  return rows.map(({ r }) => {
    const a = JSON.parse(r) as (string | null)[];
    return {
      id: a[0]!,
      education_level: a[1],
      qualification_level: a[2]!,
      service_areas: a[3]!,
      languages: a[4]!,
      region_code: a[5],
      preferred_regions: a[6]!,
      agreement_id: a[7],
      target_region_code: a[8],
      target_employer_id: a[9],
    };
  });
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

/**
 * Every submitted list of the round: talent → post ids in rank order. One row per talent (its ranks
 * and posts as two JSON arrays, aggregated over the same rows so they pair up by index) instead of
 * one row per choice: a 400,000-choice round materialised row by row cost about 0.5 s and as much
 * again in garbage collection. The order inside a group is not guaranteed, so ranks sort it here
 * (the index round_choices_lists gives them in rank order, and covers the query).
 */
export async function loadRunLists(database: Database, roundId: string): Promise<Map<string, string[]>> {
  const { rows } = await sql<{ talent_id: string; ranks: string; posts: string }>`
    SELECT talent_id, json_group_array(rank) AS ranks, json_group_array(position_id) AS posts
    FROM round_choices WHERE round_id = ${roundId} GROUP BY talent_id ORDER BY talent_id`.execute(database.db);
  const lists = new Map<string, string[]>();
  for (const r of rows) {
    const ranks = JSON.parse(r.ranks) as number[];
    const posts = JSON.parse(r.posts) as string[];
    let sorted = true;
    for (let i = 1; i < ranks.length && sorted; i++) sorted = ranks[i - 1] < ranks[i];
    lists.set(
      r.talent_id,
      sorted
        ? posts
        : ranks
            .map((rank, i) => [rank, posts[i]] as const)
            .sort((a, b) => a[0] - b[0])
            .map(([, p]) => p),
    );
  }
  return lists;
}

/** Where a run's rows go: the round, if it is still runnable at the revision its inputs were read at. */
export interface RunTarget {
  roundId: string;
  revision: number;
  statuses: readonly RoundStatus[];
  now: number;
}

/**
 * The statements that store a run, one per chunk of rows (jsonChunks / JsonChunker), each
 * conditional on the round still being runnable at `revision` (a change of inputs meanwhile makes
 * the whole write a no-op). Add them in this order — positions, talents, then dropStaleProposals
 * after the last talent chunk; proposal chunks may come at any point — and end the write unit with
 * markRunIf, whose numAffectedRows says whether the write counted. Rows are JSON arrays:
 *   positions  [positionId, seats, filled, reservedFilled, cutoff, generalCutoff, reservedCutoff, listsNaming?]
 *   talents    [talentId, listSource, unassignedReason, explanation | null, input?] (input absent:
 *              the stored snapshot input is kept)
 *   proposals  [id, talentId, positionId, score, reserved 0|1, positionRank, explanation] (id: kept
 *              when the talent's proposal of the previous run is updated in place)
 */
export const storeRun = {
  // Updates by primary key as an UPSERT: every row already exists (the revision guard makes sure), so
  // each one conflicts and takes the DO UPDATE branch — one index probe per row, where UPDATE … FROM
  // json_each would join every row against every other. The inserted row's `seats` is never used (it
  // conflicts), but SQLite checks it before the conflict: a post with no free seat left runs with
  // 0 seats, so it is given as at least 1 (the round's own seats stay as they are).
  positions: (database: Database, e: RunTarget, chunk: string): CompiledQuery =>
    sql`INSERT INTO round_positions (round_id, position_id, seats, run_seats, filled, reserved_filled, cutoff_score, general_cutoff, reserved_cutoff, lists_naming)
        SELECT ${e.roundId}, json_extract(value, '$[0]'), max(1, json_extract(value, '$[1]')), json_extract(value, '$[1]'), json_extract(value, '$[2]'),
               json_extract(value, '$[3]'), json_extract(value, '$[4]'), json_extract(value, '$[5]'), json_extract(value, '$[6]'), json_extract(value, '$[7]')
        FROM json_each(${chunk}) WHERE ${roundIn(e.roundId, e.statuses, e.revision)}
        ON CONFLICT (round_id, position_id) DO UPDATE SET run_seats = excluded.run_seats, filled = excluded.filled, lists_naming = excluded.lists_naming,
          reserved_filled = excluded.reserved_filled, cutoff_score = excluded.cutoff_score,
          general_cutoff = excluded.general_cutoff, reserved_cutoff = excluded.reserved_cutoff`.compile(database.db),
  // A row whose outcome is what it already holds (a re-run on the same inputs: most rows) is not
  // rewritten: comparing costs far less than writing the row and its explanation again.
  talents: (database: Database, e: RunTarget, chunk: string): CompiledQuery =>
    sql`INSERT INTO round_talents (round_id, talent_id, list_source, unassigned_reason, explanation, input)
        SELECT ${e.roundId}, json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]'), json_extract(value, '$[4]')
        FROM json_each(${chunk}) WHERE ${roundIn(e.roundId, e.statuses, e.revision)}
        ON CONFLICT (round_id, talent_id) DO UPDATE SET list_source = excluded.list_source,
          unassigned_reason = excluded.unassigned_reason, explanation = excluded.explanation, input = coalesce(excluded.input, round_talents.input)
        WHERE round_talents.list_source IS NOT excluded.list_source OR round_talents.unassigned_reason IS NOT excluded.unassigned_reason
          OR round_talents.explanation IS NOT excluded.explanation OR (excluded.input IS NOT NULL AND round_talents.input IS NOT excluded.input)`.compile(database.db),
  // Proposals of the previous run that this one does not make again: every talent whose outcome
  // (written by the talents' statements before this one) is unassigned, and any talent no longer in
  // the round. The proposals this run makes belong to assigned talents, so their order does not matter.
  dropStaleProposals: (database: Database, e: RunTarget): CompiledQuery =>
    sql`DELETE FROM round_proposals WHERE round_id = ${e.roundId} AND ${roundIn(e.roundId, e.statuses, e.revision)}
          AND talent_id NOT IN (SELECT talent_id FROM round_talents WHERE round_id = ${e.roundId} AND unassigned_reason IS NULL)`.compile(database.db),
  // A talent has at most one proposal in a round: the previous run's row is updated in place, and
  // only when it differs (a re-run on the same inputs rewrites nothing; its proposal keeps its id).
  proposals: (database: Database, e: RunTarget, chunk: string): CompiledQuery =>
    sql`INSERT INTO round_proposals (id, round_id, talent_id, position_id, score, reserved, position_rank, explanation, created_at, updated_at)
        SELECT json_extract(value, '$[0]'), ${e.roundId}, json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]'),
               json_extract(value, '$[4]'), json_extract(value, '$[5]'), json_extract(value, '$[6]'), ${e.now}, ${e.now}
        FROM json_each(${chunk}) WHERE ${roundIn(e.roundId, e.statuses, e.revision)}
        ON CONFLICT (round_id, talent_id) DO UPDATE SET position_id = excluded.position_id, score = excluded.score, reserved = excluded.reserved,
          position_rank = excluded.position_rank, explanation = excluded.explanation, updated_at = excluded.updated_at
        WHERE round_proposals.position_id IS NOT excluded.position_id OR round_proposals.score IS NOT excluded.score
          OR round_proposals.reserved IS NOT excluded.reserved OR round_proposals.position_rank IS NOT excluded.position_rank
          OR round_proposals.explanation IS NOT excluded.explanation`.compile(database.db),
};

/** Every statement of a run at once (storeRun's, in order), for rows already serialised. */
export function storeRunQueries(database: Database, e: RunTarget & { positions: string[]; talents: string[]; proposals: string[] }): CompiledQuery[] {
  return [
    ...jsonChunks(e.positions).map((chunk) => storeRun.positions(database, e, chunk)),
    ...jsonChunks(e.talents).map((chunk) => storeRun.talents(database, e, chunk)),
    storeRun.dropStaleProposals(database, e),
    ...jsonChunks(e.proposals).map((chunk) => storeRun.proposals(database, e, chunk)),
  ];
}

/** The round update that ends a run's write unit: the round is run with this result, if it was still
 * runnable at `revision` (0 rows: it moved on, and nothing of the unit counted). */
export function markRunIf(
  database: Database,
  e: {
    roundId: string;
    revision: number;
    statuses: readonly RoundStatus[];
    digest: string;
    stats: string;
    /** The input snapshot the result was computed from. */
    inputsVersion: number;
    now: number;
  },
): CompiledQuery {
  return database.db
    .updateTable('rounds')
    .set({ status: 'run', run_at: e.now, result_digest: e.digest, run_stats: e.stats, run_inputs_version: e.inputsVersion, updated_at: e.now })
    .where('id', '=', e.roundId)
    .where('status', 'in', [...e.statuses])
    .where('revision', '=', e.revision)
    .compile();
}

/** The final timings beside the result, only on the run just stored (its digest and time). */
export function recordRunStats(database: Database, roundId: string, digest: string, runAt: number, stats: string): CompiledQuery {
  return database.db.updateTable('rounds').set({ run_stats: stats }).where('id', '=', roundId).where('result_digest', '=', digest).where('run_at', '=', runAt).compile();
}
