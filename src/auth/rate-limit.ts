// Sign-in failure limits, per account and per address, kept in the database so they hold across
// processes and Worker isolates. A fixed window: after `max` failures within `windowMs`, refuse
// until the window ends.
import { sql } from 'kysely';
import type { Database } from '../lib/database';

/** Seconds to wait if the key is blocked, else null. */
export async function blockedFor(database: Database, key: string, max: number, windowMs: number, now: number): Promise<number | null> {
  const row = await database.db.selectFrom('rate_limits').selectAll().where('key', '=', key).executeTakeFirst();
  if (!row || now - row.window_start >= windowMs || row.failures < max) return null;
  return Math.max(1, Math.ceil((row.window_start + windowMs - now) / 1000));
}

export async function recordFailure(database: Database, key: string, windowMs: number, now: number): Promise<void> {
  await database.db
    .insertInto('rate_limits')
    .values({ key, failures: 1, window_start: now })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql`CASE WHEN ${now} - rate_limits.window_start >= ${windowMs} THEN 1 ELSE rate_limits.failures + 1 END`,
        window_start: sql`CASE WHEN ${now} - rate_limits.window_start >= ${windowMs} THEN ${now} ELSE rate_limits.window_start END`,
      }),
    )
    .execute();
}

export async function clearFailures(database: Database, key: string): Promise<void> {
  await database.db.deleteFrom('rate_limits').where('key', '=', key).execute();
}
