// Notifications (issue #11 §2; ARCHITECTURE.md, "Notifications"): a feature that causes one adds
// `await notificationRows(deps, …)` to its write unit, with the condition that says its write
// happened (for example "this history row exists"), so a notification exists exactly when its cause
// committed. People who opt in get the same text by mail, from the same unit.
import { sql, type CompiledQuery, type RawBuilder } from 'kysely';
import type { AppDeps, SessionUser } from '../lib/context';
import { newId } from '../lib/ids';
import { requireRole } from '../lib/guards';
import { mailRowIf } from '../mail';
import { notificationText, type Lang, type NotificationKind } from './notifications.texts';
import * as repo from './notifications.repository';

export const NOTIFICATION_LIMITS = { page: 50, markMany: 100, paramChars: 300 } as const;

export interface NotificationInput {
  userId: string;
  kind: NotificationKind;
  params: Record<string, string>;
  /** A path inside the site (e.g. /me/applications). */
  link: string | null;
}

const ALWAYS = sql<boolean>`1`;

/** The rows of one notification for the recipient's write unit: the message, and its mail when the
 * recipient opted in. `condition` is SQL that holds when the cause was written in this unit. */
export async function notificationRows(deps: AppDeps, n: NotificationInput, now: number, condition: RawBuilder<boolean> = ALWAYS): Promise<CompiledQuery[]> {
  const to = await repo.recipient(deps.database, n.userId);
  if (!to) return [];
  const params = Object.fromEntries(Object.entries(n.params).map(([k, v]) => [k, String(v).slice(0, NOTIFICATION_LIMITS.paramChars)]));
  const rows = [repo.insertNotificationIf(deps.database, { id: newId(), userId: n.userId, kind: n.kind, params: JSON.stringify(params), link: n.link, now }, condition)];
  if (to.email_notifications) {
    rows.push(await mailRowIf(deps, { to: to.email, subject: MAIL_SUBJECT, text: mailText(deps, n.kind, params, n.link), kind: `notification:${n.kind}` }, now, condition));
  }
  return rows;
}

/** The rows of one kind of notification for many recipients at once (a round's publication): the
 * messages in one INSERT … SELECT from `source` (columns user_id, params — a JSON object text — and
 * link), and the mail of those who opt in, all under `condition`. */
export async function notificationRowsFrom(
  deps: AppDeps,
  kind: NotificationKind,
  source: RawBuilder<unknown>,
  now: number,
  condition: RawBuilder<boolean>,
): Promise<CompiledQuery[]> {
  const rows = [repo.insertNotificationsFrom(deps.database, kind, source, now, condition)];
  for (const r of await repo.optedInOf(deps.database, source)) {
    const params = JSON.parse(r.params) as Record<string, string>;
    rows.push(await mailRowIf(deps, { to: r.email, subject: MAIL_SUBJECT, text: mailText(deps, kind, params, r.link), kind: `notification:${kind}` }, now, condition));
  }
  return rows;
}

const MAIL_SUBJECT = '社工人才库消息 / A message from shegong';

function mailText(deps: AppDeps, kind: NotificationKind, params: Record<string, string>, path: string | null): string {
  const link = path && deps.config.publicOrigin ? `${deps.config.publicOrigin.replace(/\/$/, '')}${path}` : null;
  return [notificationText(kind, params, 'zh'), '', notificationText(kind, params, 'en'), ...(link ? ['', link] : [])].join('\n');
}

export interface NotificationView {
  id: string;
  kind: string;
  text: string;
  link: string | null;
  createdAt: number;
  read: boolean;
}

function anyone(user: SessionUser | null): SessionUser {
  return requireRole(user, 'graduate', 'employer', 'department', 'admin');
}

export async function listMyNotifications(deps: AppDeps, user: SessionUser | null, lang: Lang, opts: { unreadOnly?: boolean; limit?: number } = {}) {
  const me = anyone(user);
  const rows = await repo.listFor(deps.database, me.id, {
    unreadOnly: opts.unreadOnly ?? false,
    limit: Math.min(opts.limit ?? NOTIFICATION_LIMITS.page, NOTIFICATION_LIMITS.page),
  });
  const items: NotificationView[] = rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    text: notificationText(r.kind, JSON.parse(r.params) as Record<string, string>, lang),
    link: r.link,
    createdAt: r.created_at,
    read: r.read_at !== null,
  }));
  return { items, unread: await repo.countUnread(deps.database, me.id) };
}

export function unreadCount(deps: AppDeps, user: SessionUser): Promise<number> {
  return repo.countUnread(deps.database, user.id);
}

export async function markMyNotificationsRead(deps: AppDeps, user: SessionUser | null, ids: string[] | 'all'): Promise<{ marked: number; unread: number }> {
  const me = anyone(user);
  const marked = await repo.markRead(deps.database, me.id, ids, deps.now());
  return { marked, unread: await repo.countUnread(deps.database, me.id) };
}

export async function getNotificationSettings(deps: AppDeps, user: SessionUser | null): Promise<{ email: boolean }> {
  const me = anyone(user);
  return { email: Boolean((await repo.recipient(deps.database, me.id))?.email_notifications) };
}

export async function setNotificationSettings(deps: AppDeps, user: SessionUser | null, email: boolean): Promise<{ email: boolean }> {
  const me = anyone(user);
  await repo.setEmailOptIn(deps.database, me.id, email);
  return { email };
}
