// sign_ups (db/migrations/0024_sign_ups.sql): the fragments of a confirmed sign-up's writes.
import { sql, type CompiledQuery } from 'kysely';
import type { Database } from '../lib/database';

export interface PendingSignUp {
  tokenHash: Uint8Array;
  email: string;
  passwordHash: string;
  displayName: string;
  role: 'graduate' | 'employer';
  now: number;
  expiresAt: number;
}

export function insertSignUp(database: Database, s: PendingSignUp): CompiledQuery {
  return database.db
    .insertInto('sign_ups')
    .values({
      token_hash: s.tokenHash,
      email: s.email,
      password_hash: s.passwordHash,
      display_name: s.displayName,
      role: s.role,
      created_at: s.now,
      expires_at: s.expiresAt,
    })
    .compile();
}

export function findSignUp(database: Database, tokenHash: Uint8Array) {
  return database.db
    .selectFrom('sign_ups')
    .select(['email', 'password_hash', 'display_name', 'role', 'expires_at', 'used_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** The use of a link: one row affected when this use is the one (unused, not expired). */
export function claimSignUp(database: Database, tokenHash: Uint8Array, claim: string, now: number): CompiledQuery {
  return database.db.updateTable('sign_ups').set({ used_at: now, claim }).where('token_hash', '=', tokenHash).where('used_at', 'is', null).where('expires_at', '>', now).compile();
}

/** The account, created only when this use won the claim and the address is still free (two links
 * for one address: the first one used makes the account). */
export function insertUserIfClaimed(
  database: Database,
  u: { id: string; tokenHash: Uint8Array; claim: string; email: string; passwordHash: string; displayName: string; role: 'graduate' | 'employer'; now: number },
): CompiledQuery {
  return sql`INSERT INTO users (id, email, password_hash, role, display_name, region_code, created_at, last_sign_in_at)
    SELECT ${u.id}, ${u.email}, ${u.passwordHash}, ${u.role}, ${u.displayName}, NULL, ${u.now}, ${u.now}
    WHERE EXISTS (SELECT 1 FROM sign_ups WHERE token_hash = ${u.tokenHash} AND claim = ${u.claim})
      AND NOT EXISTS (SELECT 1 FROM users WHERE email = ${u.email})`.compile(database.db);
}

/** Every other pending link of the address ends with the one used. */
export function endOtherSignUps(database: Database, email: string, now: number): CompiledQuery {
  return database.db.updateTable('sign_ups').set({ used_at: now }).where('email', '=', email).where('used_at', 'is', null).compile();
}

export function userExists(database: Database, email: string) {
  return database.db.selectFrom('users').select(['id', 'display_name']).where('email', '=', email).executeTakeFirst();
}
