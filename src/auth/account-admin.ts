// What the admin console (src/admin) does to an account, as write fragments it composes with its
// audit rows in one write unit: disable (sessions end with it) and enable, lift the sign-in limits,
// and whether the account is throttled now. The session check refuses a disabled account's
// sessions as well (sessions.ts), so a session created in a race is never valid.
import { sql, type CompiledQuery } from 'kysely';
import type { AppDeps } from '../lib/context';
import type { Database } from '../lib/database';
import { accountKey, blockedFor } from './rate-limit';

const deviceKeys = (userId: string) => {
  const prefix = `signin:device:${userId}:`;
  return { from: prefix, to: `${prefix}\uffff` };
};

/** Disables an account still enabled at write time (0 rows: it was disabled already) and ends its sessions. */
export function disableAccountWrites(database: Database, userId: string, now: number): { disable: CompiledQuery; endSessions: CompiledQuery } {
  return {
    disable: database.db.updateTable('users').set({ disabled_at: now }).where('id', '=', userId).where('disabled_at', 'is', null).compile(),
    endSessions: database.db.deleteFrom('sessions').where('user_id', '=', userId).compile(),
  };
}

/** Enables an account disabled at write time (0 rows: it was enabled already). */
export function enableAccountWrite(database: Database, userId: string): CompiledQuery {
  return database.db.updateTable('users').set({ disabled_at: null }).where('id', '=', userId).where('disabled_at', 'is not', null).compile();
}

/** SQL that holds when the account is disabled at `at` (by this unit): the condition of its audit row. */
export const accountDisabledAt = (userId: string, at: number | null) =>
  at === null
    ? sql<boolean>`EXISTS (SELECT 1 FROM users WHERE id = ${userId} AND disabled_at IS NULL)`
    : sql<boolean>`EXISTS (SELECT 1 FROM users WHERE id = ${userId} AND disabled_at = ${at})`;

/** Lifts an account's sign-in limits: failures by strangers on its address and every device's lock-out. */
export function unlockWrites(database: Database, user: { id: string; email: string }): CompiledQuery[] {
  const devices = deviceKeys(user.id);
  return [
    database.db.deleteFrom('rate_limits').where('key', '=', accountKey(user.email)).compile(),
    database.db.deleteFrom('rate_limits').where('key', '>=', devices.from).where('key', '<', devices.to).compile(),
  ];
}

/** Seconds until the account's sign-in is allowed again (the account's limit, or any device's), or null. */
export async function signInBlockedFor(deps: AppDeps, user: { id: string; email: string }): Promise<number | null> {
  const { maxPerAccount, windowMs } = deps.config.signin;
  const now = deps.now();
  const devices = deviceKeys(user.id);
  const rows = await deps.database.db
    .selectFrom('rate_limits')
    .select('key')
    .where((eb) => eb.or([eb('key', '=', accountKey(user.email)), eb.and([eb('key', '>=', devices.from), eb('key', '<', devices.to)])]))
    .execute();
  let wait: number | null = null;
  for (const { key } of rows) {
    const w = await blockedFor(deps.database, key, maxPerAccount, windowMs, now);
    if (w !== null) wait = Math.max(wait ?? 0, w);
  }
  return wait;
}

/** Accounts whose own sign-in limit is reached now (the admin console's count; devices not counted). */
export async function throttledAccountCount(deps: AppDeps): Promise<number> {
  const { maxPerAccount, windowMs } = deps.config.signin;
  const row = await deps.database.db
    .selectFrom('rate_limits')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('key', '>=', 'signin:account:')
    .where('key', '<', 'signin:account:\uffff')
    .where('failures', '>=', maxPerAccount)
    .where('window_start', '>', deps.now() - windowMs)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
