// Sessions after Lucia's guide (ARCHITECTURE.md, "Sign-in and sessions"): token "id.secret"; the database keeps the id, the
// SHA-256 of the secret, created-at and last-verified-at. Sessions end after 10 days without use;
// last-verified-at is refreshed at most hourly.
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { Database } from '../lib/database';
import { constantTimeEqual, sha256 } from '../lib/crypto';
import type { SessionUser } from '../lib/context';

export const SESSION_INACTIVITY_MS = 10 * 24 * 60 * 60 * 1000;
export const SESSION_REFRESH_MS = 60 * 60 * 1000;
export const SESSION_COOKIE = 'session';

function randomBase32(byteCount: number): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(byteCount)));
}

/** The longest User-Agent kept with a session (the account page shows it as "Chrome · Android"). */
export const USER_AGENT_MAX_CHARS = 300;

export async function createSession(database: Database, userId: string, now: number, userAgent: string | null = null): Promise<string> {
  const id = randomBase32(16);
  const secret = randomBase32(32);
  const secretHash = await sha256(new TextEncoder().encode(secret));
  const user_agent = userAgent ? userAgent.slice(0, USER_AGENT_MAX_CHARS) : null;
  await database.db.insertInto('sessions').values({ id, user_id: userId, secret_hash: secretHash, created_at: now, last_verified_at: now, user_agent }).execute();
  return `${id}.${secret}`;
}

export interface ValidSession {
  sessionId: string;
  user: SessionUser;
  /** True when last-verified-at moved on, so the cookie should be sent again with a fresh expiry. */
  refreshed: boolean;
}

export async function validateSessionToken(database: Database, token: string, now: number): Promise<ValidSession | null> {
  const dot = token.indexOf('.');
  if (dot < 1 || token.length > 200) return null;
  const id = token.slice(0, dot);
  const secret = token.slice(dot + 1);
  const row = await database.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id as session_id', 'sessions.secret_hash', 'sessions.last_verified_at', 'users.id', 'users.email', 'users.role', 'users.display_name', 'users.region_code'])
    .where('sessions.id', '=', id)
    .where('users.disabled_at', 'is', null) // a disabled account's sessions are invalid (migration 0023)
    .executeTakeFirst();
  if (!row) return null;
  const given = await sha256(new TextEncoder().encode(secret));
  if (!constantTimeEqual(given, new Uint8Array(row.secret_hash))) return null;
  if (now - row.last_verified_at >= SESSION_INACTIVITY_MS) {
    await database.db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  let refreshed = false;
  if (now - row.last_verified_at >= SESSION_REFRESH_MS) {
    await database.db.updateTable('sessions').set({ last_verified_at: now }).where('id', '=', id).execute();
    refreshed = true;
  }
  const { session_id, secret_hash: _h, last_verified_at: _l, ...user } = row;
  return { sessionId: session_id, user, refreshed };
}

export async function deleteSession(database: Database, sessionId: string): Promise<void> {
  await database.db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Ends every session of a user but one (the one that changed the password). */
export async function deleteOtherSessions(database: Database, userId: string, keepSessionId: string | null): Promise<void> {
  let q = database.db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepSessionId) q = q.where('id', '!=', keepSessionId);
  await q.execute();
}
