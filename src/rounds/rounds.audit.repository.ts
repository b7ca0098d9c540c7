// Queries of the round audit features (public report, round file).
import { sql } from 'kysely';
import type { Database } from '../lib/database';

/** Per post of the round, what the public report shows (no talent). */
export async function reportRows(database: Database, roundId: string) {
  return database.db
    .selectFrom('round_positions as rp')
    .innerJoin('positions as p', 'p.id', 'rp.position_id')
    .innerJoin('employers as e', 'e.id', 'p.employer_id')
    .innerJoin('regions as g', 'g.code', 'p.region_code')
    .select([
      'rp.position_id',
      'rp.seats',
      'rp.reserved_seats',
      'rp.run_seats',
      'rp.filled',
      'rp.reserved_filled',
      'rp.cutoff_score',
      'rp.general_cutoff',
      'rp.reserved_cutoff',
      sql<number>`COALESCE(rp.lists_naming, 0)`.as('lists_naming'),
      sql<number>`(SELECT COUNT(*) FROM round_proposals x WHERE x.round_id = rp.round_id AND x.position_id = rp.position_id
        AND json_extract(x.explanation, '$.pinned') IS NOT NULL)`.as('pinned'),
      'p.title',
      'e.name as employer_name',
      'g.full_name as region_name',
    ])
    .where('rp.round_id', '=', roundId)
    .orderBy('p.region_code')
    .orderBy('rp.position_id')
    .execute();
}

/** Talents who chose 服从调剂, and proposals that came from it (the post is in the adjustment part of the list). */
export async function adjustmentCounts(database: Database, roundId: string): Promise<{ willing: number; placed: number }> {
  const [willing, placed] = await Promise.all([
    database.db
      .selectFrom('round_adjustments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('round_id', '=', roundId)
      .executeTakeFirstOrThrow(),
    database.db
      .selectFrom('round_proposals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('round_id', '=', roundId)
      .where(sql<boolean>`json_extract(explanation, '$.rank') >= json_extract(explanation, '$.adjust[1]')`)
      .executeTakeFirstOrThrow(),
  ]);
  return { willing: Number(willing.n), placed: Number(placed.n) };
}

/** The round's proposals: talent, post, score, seat. */
export async function proposalRows(database: Database, roundId: string) {
  return database.db.selectFrom('round_proposals').select(['talent_id', 'position_id', 'score', 'reserved']).where('round_id', '=', roundId).orderBy('talent_id').execute();
}
