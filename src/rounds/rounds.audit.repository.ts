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
      'rp.reserved_seats',
      'rp.run_seats',
      'rp.filled',
      'rp.reserved_filled',
      'rp.cutoff_score',
      'rp.general_cutoff',
      'rp.reserved_cutoff',
      sql<number>`COALESCE(rp.lists_naming, 0)`.as('lists_naming'),
      'p.title',
      'e.name as employer_name',
      'g.full_name as region_name',
    ])
    .where('rp.round_id', '=', roundId)
    .orderBy('p.region_code')
    .orderBy('rp.position_id')
    .execute();
}

/** The round's proposals: talent, post, score, seat. */
export async function proposalRows(database: Database, roundId: string) {
  return database.db
    .selectFrom('round_proposals')
    .select(['talent_id', 'position_id', 'score', 'reserved'])
    .where('round_id', '=', roundId)
    .orderBy('talent_id')
    .execute();
}
