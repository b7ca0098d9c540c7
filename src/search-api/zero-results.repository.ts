// The zero-result report's table (migration 0016): one row per normalised text, index and China date.
// Private to the search-api feature. Runtime-neutral (Node and D1).
import { sql } from 'kysely';
import type { Database } from '../lib/database';
import type { SearchEntity } from '../lib/search';

/** Counts one search (upsert per text, index and day), unless the day already holds `rowsPerDay`
 * other texts for the index. */
export async function countZeroResult(database: Database, text: string, entity: SearchEntity, day: string, rowsPerDay: number): Promise<void> {
  await sql`INSERT INTO search_zero_results (query, entity, day, count)
    SELECT ${text}, ${entity}, ${day}, 1
    WHERE (SELECT count(*) FROM search_zero_results WHERE day = ${day} AND entity = ${entity}) < ${rowsPerDay}
       OR EXISTS (SELECT 1 FROM search_zero_results WHERE day = ${day} AND entity = ${entity} AND query = ${text})
    ON CONFLICT (day, entity, query) DO UPDATE SET count = count + 1`.execute(database.db);
}

/** Deletes the days before `day`. */
export async function deleteZeroResultsBefore(database: Database, day: string): Promise<void> {
  await database.db.deleteFrom('search_zero_results').where('day', '<', day).execute();
}

/** Texts counted since `fromDay` with their summed counts, most frequent first. */
export async function zeroResultTotals(database: Database, fromDay: string, limit: number): Promise<{ query: string; entity: SearchEntity; count: number }[]> {
  const rows = await database.db
    .selectFrom('search_zero_results')
    .select(['query', 'entity', (eb) => eb.fn.sum<number>('count').as('total')])
    .where('day', '>=', fromDay)
    .groupBy(['query', 'entity'])
    .orderBy('total', 'desc')
    .orderBy('query')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ query: r.query, entity: r.entity, count: Number(r.total) }));
}
