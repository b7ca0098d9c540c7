// mail_outbox rows (db/migrations/0018_mail_accounts.sql). Private to src/mail.
import { sql, type CompiledQuery, type RawBuilder } from 'kysely';
import type { Database } from '../lib/database';
import type { MailStatus } from '../../db/schema';

export interface NewMail {
  id: string;
  to: string;
  subject: string;
  bodySealed: string;
  kind: string;
  now: number;
}

export function insertMail(database: Database, m: NewMail): CompiledQuery {
  return database.db
    .insertInto('mail_outbox')
    .values({ id: m.id, to_address: m.to, subject: m.subject, body_sealed: m.bodySealed, kind: m.kind, status: 'waiting', next_attempt_at: m.now, created_at: m.now })
    .compile();
}

/** The same row, written only when `condition` holds at write time (e.g. a claim in the same unit). */
export function insertMailIf(database: Database, m: NewMail, condition: RawBuilder<boolean>): CompiledQuery {
  return sql`INSERT INTO mail_outbox (id, to_address, subject, body_sealed, kind, status, attempts, next_attempt_at, created_at)
    SELECT ${m.id}, ${m.to}, ${m.subject}, ${m.bodySealed}, ${m.kind}, 'waiting', 0, ${m.now}, ${m.now} WHERE ${condition}`.compile(database.db);
}

export function dueMail(database: Database, now: number, limit: number) {
  return database.db
    .selectFrom('mail_outbox')
    .select(['id', 'to_address', 'subject', 'body_sealed', 'attempts'])
    .where('status', '=', 'waiting')
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
}

/** Sent: the body (which may hold a single-use link) is dropped. */
export async function markSent(database: Database, id: string, now: number): Promise<void> {
  await database.db
    .updateTable('mail_outbox')
    .set({ status: 'sent', sent_at: now, body_sealed: null, last_error: null })
    .where('id', '=', id)
    .where('status', '=', 'waiting')
    .execute();
}

export async function markAttemptFailed(database: Database, id: string, attempts: number, status: MailStatus, nextAttemptAt: number, error: string): Promise<void> {
  await database.db
    .updateTable('mail_outbox')
    .set({ status, attempts, next_attempt_at: nextAttemptAt, last_error: error.slice(0, 300), ...(status === 'failed' ? { body_sealed: null } : {}) })
    .where('id', '=', id)
    .where('status', '=', 'waiting')
    .execute();
}

export function recentMail(database: Database, limit: number) {
  return database.db
    .selectFrom('mail_outbox')
    .select(['id', 'to_address', 'subject', 'body_sealed', 'kind', 'status', 'created_at'])
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function countWaiting(database: Database): Promise<number> {
  const row = await database.db
    .selectFrom('mail_outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'waiting')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
