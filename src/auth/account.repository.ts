// The account page's reads and write fragments: sessions and email changes (0018_mail_accounts.sql).
import { sql, type CompiledQuery } from 'kysely';
import type { Database } from '../lib/database';

export function sessionsOf(database: Database, userId: string) {
  return database.db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_verified_at', 'user_agent'])
    .where('user_id', '=', userId)
    .orderBy('last_verified_at', 'desc')
    .orderBy('id')
    .execute();
}

/** Ends one session of this user (0 rows when it is not theirs). */
export async function deleteSessionOf(database: Database, userId: string, sessionId: string): Promise<number> {
  const r = await database.db.deleteFrom('sessions').where('id', '=', sessionId).where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteSessionsExcept(database: Database, userId: string, keep: string | null): Promise<number> {
  let q = database.db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keep) q = q.where('id', '!=', keep);
  return Number((await q.executeTakeFirst()).numDeletedRows);
}

export function insertEmailChange(database: Database, e: { tokenHash: Uint8Array; userId: string; newEmail: string; now: number; expiresAt: number }): CompiledQuery {
  return database.db
    .insertInto('email_changes')
    .values({ token_hash: e.tokenHash, user_id: e.userId, new_email: e.newEmail, created_at: e.now, expires_at: e.expiresAt })
    .compile();
}

export function findEmailChange(database: Database, tokenHash: Uint8Array) {
  return database.db
    .selectFrom('email_changes')
    .innerJoin('users', 'users.id', 'email_changes.user_id')
    .select(['email_changes.user_id', 'email_changes.new_email', 'email_changes.expires_at', 'email_changes.used_at', 'users.email as old_email', 'users.display_name'])
    .where('email_changes.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export function claimEmailChange(database: Database, tokenHash: Uint8Array, claim: string, now: number): CompiledQuery {
  return database.db
    .updateTable('email_changes')
    .set({ used_at: now, claim })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .compile();
}

export const emailChangeClaimed = (tokenHash: Uint8Array, claim: string) => sql<boolean>`EXISTS (SELECT 1 FROM email_changes WHERE token_hash = ${tokenHash} AND claim = ${claim})`;

/** The new address, if this unit's claim holds and no other account has it meanwhile. */
export function applyEmailChange(database: Database, c: { tokenHash: Uint8Array; claim: string; userId: string; newEmail: string; now: number }): CompiledQuery[] {
  const claimed = emailChangeClaimed(c.tokenHash, c.claim);
  return [
    database.db
      .updateTable('users')
      .set({ email: c.newEmail })
      .where('id', '=', c.userId)
      .where(claimed)
      .where(sql<boolean>`NOT EXISTS (SELECT 1 FROM users AS other WHERE other.email = ${c.newEmail})`)
      .compile(),
    // Other pending changes of the account end.
    database.db.updateTable('email_changes').set({ used_at: c.now }).where('user_id', '=', c.userId).where('used_at', 'is', null).where(claimed).compile(),
  ];
}
