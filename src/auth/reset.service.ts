// Password reset by mail (issue #11 §1; ARCHITECTURE.md, "Mail"). A link carries a random token;
// only its SHA-256 is stored. It works once, for 30 minutes, and using it ends every session of the
// account. Asking for a link never says whether the address has an account: the answer is the same,
// and only an existing account gets mail. Requests are limited per address.
import type { CompiledQuery } from 'kysely';
import type { AppDeps } from '../lib/context';
import { AppError, fieldError } from '../lib/errors';
import { newId } from '../lib/ids';
import { auditEntry } from '../lib/audit';
import { writeUnit } from '../lib/write-unit';
import { mailAvailable, mailRow } from '../mail';
import { hashPassword } from './password';
import { reserveOrRefuse } from './rate-limit';
import { LINK_TOKEN_MAX_CHARS, hashLinkToken, newLinkToken } from './link-token';
import { accountKey } from './auth.service';
import * as repo from './reset.repository';

export const RESET_LIMITS = { ttlMs: 30 * 60_000, perAddress: 3, windowMs: 60 * 60_000 } as const;

/** Where links in mail point: PUBLIC_ORIGIN, or outside production the address the request came to.
 * In production a link never takes the request's Host header, which a stranger could set. */
export function linkOrigin(deps: AppDeps, requestOrigin: string): string {
  if (deps.config.publicOrigin) return deps.config.publicOrigin.replace(/\/$/, '');
  if (deps.config.mode !== 'production') return requestOrigin;
  throw new AppError('mail_not_configured', 'Links in mail need PUBLIC_ORIGIN to be set');
}

export async function requestPasswordReset(deps: AppDeps, email: string, requestOrigin: string): Promise<void> {
  if (!mailAvailable(deps)) throw new AppError('mail_not_configured', 'Password reset by mail is not set up on this server; ask your administrator');
  const origin = linkOrigin(deps, requestOrigin);
  const now = deps.now();
  await reserveOrRefuse(deps.database, `reset:${email}`, { max: RESET_LIMITS.perAddress, windowMs: RESET_LIMITS.windowMs }, now, 'reset requests for this address');
  const user = await repo.findUserByEmail(deps.database, email);
  if (!user) return;
  await writeUnit(deps.database, now)
    .addAll(await resetLinkRows(deps, user, origin, now))
    .commit();
}

/** A fresh reset link for `user` and the mail that carries it, to add to a write unit: the page's
 * own request, or an admin's (src/admin, which adds its audit row to the same unit). */
export async function resetLinkRows(
  deps: AppDeps,
  user: { id: string; email: string; display_name: string },
  origin: string,
  now: number,
  byAdmin = false,
): Promise<CompiledQuery[]> {
  const token = newLinkToken();
  const link = `${origin}/password/reset?token=${token}`;
  const text = [
    `${user.display_name}，您好：`,
    '',
    byAdmin
      ? '管理员为您的社工人才库账号发起了密码重置。请在 30 分钟内打开下面的链接设置新密码，链接只能使用一次：'
      : '有人（希望是您本人）请求重置您在社工人才库的密码。请在 30 分钟内打开下面的链接设置新密码，链接只能使用一次：',
    link,
    '如果不是您本人操作，请忽略本邮件，您的密码不会改变。',
    '',
    `Hello ${user.display_name},`,
    byAdmin
      ? 'The administrator started a password reset for your account. Open the link above within 30 minutes to set a new password; it works once.'
      : 'Someone (we hope you) asked to reset your password. Open the link above within 30 minutes to set a new one; it works once.',
    'If it was not you, ignore this mail: your password stays as it is.',
  ].join('\n');
  return [
    repo.insertReset(deps.database, { tokenHash: await hashLinkToken(token), userId: user.id, now, expiresAt: now + RESET_LIMITS.ttlMs }),
    await mailRow(deps, { to: user.email, subject: '重置密码 / Reset your password', text, kind: 'password_reset' }, now),
  ];
}

/** Whether a link's token can still be used (the page says so before asking for a password). */
export async function resetTokenUsable(deps: AppDeps, token: string): Promise<boolean> {
  if (!token || token.length > LINK_TOKEN_MAX_CHARS) return false;
  const found = await repo.findReset(deps.database, await hashLinkToken(token));
  return found !== undefined && found.used_at === null && found.expires_at > deps.now();
}

const invalidToken = () => fieldError('token', 'link_invalid');

/** Sets a new password with a link's token; every session of the account ends. */
export async function resetPassword(deps: AppDeps, token: string, newPassword: string): Promise<void> {
  if (token.length > LINK_TOKEN_MAX_CHARS) throw invalidToken();
  const tokenHash = await hashLinkToken(token);
  const found = await repo.findReset(deps.database, tokenHash);
  if (!found || found.used_at !== null || found.expires_at <= deps.now()) throw invalidToken();
  const user = await deps.database.db.selectFrom('users').select(['id', 'email']).where('id', '=', found.user_id).executeTakeFirst();
  if (!user) throw invalidToken();
  const passwordHash = await hashPassword(deps.scrypt, newPassword, deps.config.passwordScryptN);
  const now = deps.now();
  const claim = newId();
  const { claimed } = await writeUnit(deps.database, now)
    .add('claimed', repo.claimReset(deps.database, tokenHash, claim, now))
    .addAll(repo.afterClaim(deps.database, { tokenHash, claim, userId: user.id, passwordHash, accountKey: accountKey(user.email), now }))
    .commit();
  if (claimed.numAffectedRows !== 1) throw invalidToken();
  await writeUnit(deps.database, now)
    .add(auditEntry(deps.database, { actorUserId: user.id, action: 'password_reset', subjectType: 'user', subjectId: user.id, now }))
    .commit();
}
