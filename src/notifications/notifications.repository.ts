// notifications (db/migrations/0019_notifications.sql). Private to src/notifications.
import { sql, type CompiledQuery, type RawBuilder } from 'kysely';
import type { Database } from '../lib/database';

export interface NewNotification {
  id: string;
  userId: string;
  kind: string;
  params: string;
  link: string | null;
  now: number;
}

/** The row, written only when `condition` holds at write time (the cause happened in this unit). */
export function insertNotificationIf(database: Database, n: NewNotification, condition: RawBuilder<boolean>): CompiledQuery {
  return sql`INSERT INTO notifications (id, user_id, kind, params, link, created_at, read_at)
    SELECT ${n.id}, ${n.userId}, ${n.kind}, ${n.params}, ${n.link}, ${n.now}, NULL WHERE ${condition}`.compile(database.db);
}

/** One row per recipient that `source` selects — columns user_id, params (a JSON object text) and
 * link — written only when `condition` holds. Ids are random like newId's (16 base32 characters). */
export function insertNotificationsFrom(database: Database, kind: string, source: RawBuilder<unknown>, now: number, condition: RawBuilder<boolean>): CompiledQuery {
  return sql`INSERT INTO notifications (id, user_id, kind, params, link, created_at, read_at)
    SELECT lower(hex(randomblob(10))), s.user_id, ${kind}, s.params, s.link, ${now}, NULL
    FROM (${source}) AS s WHERE s.user_id IS NOT NULL AND ${condition}`.compile(database.db);
}

/** The recipients of `source` who opted in to mail, with their rows (for the mail of a bulk notice). */
export function optedInOf(database: Database, source: RawBuilder<unknown>) {
  return sql<{ email: string; params: string; link: string | null }>`SELECT u.email, s.params, s.link
    FROM (${source}) AS s JOIN users u ON u.id = s.user_id WHERE u.email_notifications = 1`
    .execute(database.db)
    .then((r) => r.rows);
}

export function recipient(database: Database, userId: string) {
  return database.db.selectFrom('users').select(['id', 'email', 'display_name', 'email_notifications']).where('id', '=', userId).executeTakeFirst();
}

export function listFor(database: Database, userId: string, opts: { unreadOnly: boolean; limit: number; before?: number }) {
  let q = database.db
    .selectFrom('notifications')
    .select(['id', 'kind', 'params', 'link', 'created_at', 'read_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    // Two written in the same millisecond: the later insert first.
    .orderBy(sql`rowid`, 'desc')
    .limit(opts.limit);
  if (opts.unreadOnly) q = q.where('read_at', 'is', null);
  if (opts.before !== undefined) q = q.where('created_at', '<', opts.before);
  return q.execute();
}

export async function countUnread(database: Database, userId: string): Promise<number> {
  const row = await database.db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks the caller's own notifications read: these ids, or all. Another user's ids change nothing. */
export async function markRead(database: Database, userId: string, ids: string[] | 'all', now: number): Promise<number> {
  let q = database.db.updateTable('notifications').set({ read_at: now }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (ids !== 'all') {
    if (ids.length === 0) return 0;
    q = q.where('id', 'in', ids);
  }
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}

export async function setEmailOptIn(database: Database, userId: string, on: boolean): Promise<void> {
  await database.db
    .updateTable('users')
    .set({ email_notifications: on ? 1 : 0 })
    .where('id', '=', userId)
    .execute();
}
