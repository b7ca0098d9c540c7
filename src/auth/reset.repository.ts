// password_resets (db/migrations/0018_mail_accounts.sql): the fragments of a reset's writes.
import { sql, type CompiledQuery } from 'kysely';
import type { Database } from '../lib/database';

export function insertReset(database: Database, r: { tokenHash: Uint8Array; userId: string; now: number; expiresAt: number }): CompiledQuery {
  return database.db.insertInto('password_resets').values({ token_hash: r.tokenHash, user_id: r.userId, created_at: r.now, expires_at: r.expiresAt }).compile();
}

export function findReset(database: Database, tokenHash: Uint8Array) {
  return database.db.selectFrom('password_resets').select(['user_id', 'expires_at', 'used_at']).where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** The use of a link: one row affected when this use is the one (unused, not expired). */
export function claimReset(database: Database, tokenHash: Uint8Array, claim: string, now: number): CompiledQuery {
  return database.db
    .updateTable('password_resets')
    .set({ used_at: now, claim })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .compile();
}

/** The writes that follow a claim, each conditional on it, so a lost race changes nothing. */
export function afterClaim(
  database: Database,
  c: { tokenHash: Uint8Array; claim: string; userId: string; passwordHash: string; accountKey: string; now: number },
): CompiledQuery[] {
  const claimed = sql<boolean>`EXISTS (SELECT 1 FROM password_resets WHERE token_hash = ${c.tokenHash} AND claim = ${c.claim})`;
  return [
    database.db.updateTable('users').set({ password_hash: c.passwordHash }).where('id', '=', c.userId).where(claimed).compile(),
    // Every session ends, and every other link of the account.
    database.db.deleteFrom('sessions').where('user_id', '=', c.userId).where(claimed).compile(),
    database.db.updateTable('password_resets').set({ used_at: c.now }).where('user_id', '=', c.userId).where('used_at', 'is', null).where(claimed).compile(),
    // The owner proved the mailbox: strangers' failed sign-ins no longer lock the account.
    database.db.deleteFrom('rate_limits').where('key', '=', c.accountKey).where(claimed).compile(),
  ];
}

export function findUserByEmail(database: Database, email: string) {
  return database.db.selectFrom('users').select(['id', 'email', 'display_name']).where('email', '=', email).executeTakeFirst();
}
