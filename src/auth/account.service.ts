// The account page (issue #11 §1; ARCHITECTURE.md, "Mail"): the sessions signed in, signing out the
// others, and a change of email that takes effect when a link sent to the new address is opened.
// The old address is told. Every call acts on the caller's own account only.
import Bowser from 'bowser';
import { sql, type CompiledQuery, type RawBuilder } from 'kysely';
import type { AppDeps, SessionUser } from '../lib/context';
import { AppError, fieldError, fieldIssueAt, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import { writeUnit } from '../lib/write-unit';
import { mailAvailable, mailRow, mailRowIf } from '../mail';
import { verifyPassword } from './password';
import { reserveOrRefuse } from './rate-limit';
import { LINK_TOKEN_MAX_CHARS, hashLinkToken, newLinkToken } from './link-token';
import { linkOrigin } from './reset.service';
import * as repo from './account.repository';

export const EMAIL_CHANGE_LIMITS = { ttlMs: 24 * 60 * 60_000, perAccount: 3, windowMs: 60 * 60_000 } as const;

export interface SessionView {
  id: string;
  current: boolean;
  createdAt: number;
  lastActiveAt: number;
  /** "Chrome · Android", or null when the browser did not say. */
  device: string | null;
}

function deviceOf(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const p = Bowser.getParser(userAgent);
  const parts = [p.getBrowserName(), p.getOSName()].filter((x) => x);
  return parts.length ? parts.join(' · ') : null;
}

export async function listSessions(deps: AppDeps, user: SessionUser, currentSessionId: string | null): Promise<SessionView[]> {
  const rows = await repo.sessionsOf(deps.database, user.id);
  return rows.map((r) => ({ id: r.id, current: r.id === currentSessionId, createdAt: r.created_at, lastActiveAt: r.last_verified_at, device: deviceOf(r.user_agent) }));
}

/** Signs out every other session of the caller; returns how many ended. */
export function signOutOthers(deps: AppDeps, user: SessionUser, currentSessionId: string | null): Promise<number> {
  return repo.deleteSessionsExcept(deps.database, user.id, currentSessionId);
}

/** Signs out one of the caller's sessions; another user's session is "not found". */
export async function signOutSession(deps: AppDeps, user: SessionUser, sessionId: string): Promise<void> {
  if ((await repo.deleteSessionOf(deps.database, user.id, sessionId)) === 0) throw notFound('Session');
}

/** Sends a confirmation link to the new address. Whether another account has that address is not
 * said here (it would tell a caller who is registered); the link says so to the address's owner. */
export async function requestEmailChange(deps: AppDeps, user: SessionUser, newEmail: string, currentPassword: string, requestOrigin: string): Promise<void> {
  if (!mailAvailable(deps)) throw new AppError('mail_not_configured', 'Changing the email needs mail, which is not set up on this server');
  const origin = linkOrigin(deps, requestOrigin);
  const row = await deps.database.db.selectFrom('users').select(['password_hash', 'email']).where('id', '=', user.id).executeTakeFirstOrThrow();
  if (!(await verifyPassword(deps.scrypt, currentPassword, row.password_hash)).ok) throw fieldError('currentPassword', 'wrong_password');
  if (newEmail === row.email) throw fieldError('newEmail', 'same_email');
  const now = deps.now();
  await reserveOrRefuse(deps.database, `email-change:${user.id}`, { max: EMAIL_CHANGE_LIMITS.perAccount, windowMs: EMAIL_CHANGE_LIMITS.windowMs }, now, 'email changes');
  const token = newLinkToken();
  const link = `${origin}/account/email/confirm?token=${token}`;
  const text = [
    `${user.display_name}，您好：`,
    '',
    `有人（希望是您本人）请求把社工人才库账号的邮箱改为 ${newEmail}。请在 24 小时内打开下面的链接确认：`,
    link,
    '如果不是您本人操作，请忽略本邮件。',
    '',
    `Hello ${user.display_name},`,
    `Someone (we hope you) asked to change the email of a shegong account to ${newEmail}. Open the link above within 24 hours to confirm.`,
    'If it was not you, ignore this mail.',
  ].join('\n');
  await writeUnit(deps.database, now)
    .add(repo.insertEmailChange(deps.database, { tokenHash: await hashLinkToken(token), userId: user.id, newEmail, now, expiresAt: now + EMAIL_CHANGE_LIMITS.ttlMs }))
    .add(await mailRow(deps, { to: newEmail, subject: '确认新邮箱 / Confirm your new email', text, kind: 'email_change' }, now))
    .commit();
}

const invalidToken = () => fieldError('token', 'link_invalid');

/** Opens a confirmation link: the account takes the new address and the old one is told. */
export async function confirmEmailChange(deps: AppDeps, token: string): Promise<{ email: string }> {
  if (!token || token.length > LINK_TOKEN_MAX_CHARS) throw invalidToken();
  const tokenHash = await hashLinkToken(token);
  const found = await repo.findEmailChange(deps.database, tokenHash);
  const now = deps.now();
  if (!found || found.used_at !== null || found.expires_at <= now) throw invalidToken();
  const claim = newId();
  const changed = sql<boolean>`${repo.emailChangeClaimed(tokenHash, claim)} AND EXISTS (SELECT 1 FROM users WHERE id = ${found.user_id} AND email = ${found.new_email})`;
  const notice = [
    `${found.display_name}，您好：`,
    '',
    `您的社工人才库账号的邮箱已改为 ${found.new_email}。如果不是您本人操作，请立即联系管理员。`,
    '',
    `Hello ${found.display_name},`,
    `The email of your shegong account is now ${found.new_email}. If it was not you, contact the administrator at once.`,
  ].join('\n');
  const [setEmail, endOthers] = repo.applyEmailChange(deps.database, { tokenHash, claim, userId: found.user_id, newEmail: found.new_email, now });
  const { claimed, changedEmail } = await writeUnit(deps.database, now)
    .add('claimed', repo.claimEmailChange(deps.database, tokenHash, claim, now))
    .add('changedEmail', setEmail)
    .add(endOthers)
    .add(await mailRowIf(deps, { to: found.old_email, subject: '账号邮箱已更改 / Your email was changed', text: notice, kind: 'email_changed' }, now, changed))
    .add(auditEntryIf(deps, found.user_id, now, changed))
    .changes('mail_outbox', 'audit_log')
    .commit();
  if (claimed.numAffectedRows !== 1) throw invalidToken();
  if (changedEmail.numAffectedRows !== 1) throw new AppError('conflict', 'Another account has this email now', [fieldIssueAt('token', 'email_taken_since')]);
  return { email: found.new_email };
}

/** The audit record of the change, written only when the change was (same unit). */
function auditEntryIf(deps: AppDeps, userId: string, now: number, condition: RawBuilder<boolean>): CompiledQuery {
  return sql`INSERT INTO audit_log (id, actor_user_id, action, subject_type, subject_id, detail, created_at)
    SELECT ${newId()}, ${userId}, 'email_change', 'user', ${userId}, NULL, ${now} WHERE ${condition}`.compile(deps.database.db);
}
