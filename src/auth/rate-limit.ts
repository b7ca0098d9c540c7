// Sign-in failure limits, kept in the database so they hold across processes and Worker isolates.
// A fixed window: at most `max` attempts that fail within `windowMs`, then refuse until the window
// ends. An attempt is reserved atomically before its password is checked (one conditional upsert,
// the same on SQLite and D1), so parallel attempts cannot all pass a limit read before any of them
// failed. A successful attempt gives its reservation back.
import { sql } from 'kysely';
import type { Database } from '../lib/database';
import { AppError } from '../lib/errors';

/** The key of an account's sign-in failures from browsers without its device cookie. */
export const accountKey = (email: string) => `signin:account:${email.toLowerCase()}`;

/** Seconds to wait if the key is blocked, else null. */
export async function blockedFor(database: Database, key: string, max: number, windowMs: number, now: number): Promise<number | null> {
  const row = await database.db.selectFrom('rate_limits').selectAll().where('key', '=', key).executeTakeFirst();
  if (!row || now - row.window_start >= windowMs || row.failures < max) return null;
  return Math.max(1, Math.ceil((row.window_start + windowMs - now) / 1000));
}

/** Counts one attempt against the key unless it is blocked; true when the attempt may go ahead. */
export async function reserveAttempt(database: Database, key: string, max: number, windowMs: number, now: number): Promise<boolean> {
  const row = await database.db
    .insertInto('rate_limits')
    .values({ key, failures: 1, window_start: now })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({
          failures: sql`CASE WHEN ${now} - rate_limits.window_start >= ${windowMs} THEN 1 ELSE rate_limits.failures + 1 END`,
          window_start: sql`CASE WHEN ${now} - rate_limits.window_start >= ${windowMs} THEN ${now} ELSE rate_limits.window_start END`,
        })
        .where(sql<boolean>`${now} - rate_limits.window_start >= ${windowMs} OR rate_limits.failures < ${max}`),
    )
    .returning('failures')
    .executeTakeFirst();
  return row !== undefined;
}

/** Gives back one reserved attempt (the attempt succeeded, or another limit refused it). */
export async function refundAttempt(database: Database, key: string): Promise<void> {
  await database.db.updateTable('rate_limits').set({ failures: sql`failures - 1` }).where('key', '=', key).where('failures', '>', 0).execute();
}

export async function clearFailures(database: Database, key: string): Promise<void> {
  await database.db.deleteFrom('rate_limits').where('key', '=', key).execute();
}

/** Counts one attempt against the key, or refuses with 429 and Retry-After when the key is at its
 * limit (`what` names the attempts in the message: "sign-ups from this address"). */
export async function reserveOrRefuse(database: Database, key: string, limit: { max: number; windowMs: number }, now: number, what: string): Promise<void> {
  if (await reserveAttempt(database, key, limit.max, limit.windowMs, now)) return;
  const wait = (await blockedFor(database, key, limit.max, limit.windowMs, now)) ?? 1;
  throw new AppError('rate_limited', `Too many ${what}; try again in ${wait} s`, undefined, { 'Retry-After': String(wait) });
}
