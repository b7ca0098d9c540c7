// The admin console's accounts (issue #11 §3): department accounts (list, create), users found by
// email, and what an admin does to an account — disable (its sessions end), enable, unlock a
// throttled sign-in, send a password reset link. Admins only; every change writes its audit row in
// the same write unit, conditional on the change having happened.
import { accountDisabledAt, disableAccountWrites, enableAccountWrite, linkOrigin, newAccountRow, resetLinkRows, signInBlockedFor, unlockAccount } from '../auth';
import type { AppDeps, SessionUser } from '../lib/context';
import { AppError, notFound } from '../lib/errors';
import { requireRole } from '../lib/guards';
import { auditEntry } from '../lib/audit';
import { writeUnit } from '../lib/write-unit';
import { mailAvailable } from '../mail';
import { regionFullNames } from '../regions';
import * as repo from './admin.repository';
import { auditIf } from './admin.audit.repository';
import { USER_SEARCH_LIMIT, type AdminUser } from './admin.schemas';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

async function toAdminUsers(deps: AppDeps, rows: repo.UserRow[]): Promise<AdminUser[]> {
  const names = await regionFullNames(
    deps,
    rows.map((r) => r.region_code).filter((c): c is string => c !== null),
  );
  return Promise.all(
    rows.map(async (r) => ({
      id: r.id,
      email: r.email,
      role: r.role,
      displayName: r.display_name,
      regionCode: r.region_code,
      regionName: r.region_code ? (names.get(r.region_code) ?? null) : null,
      createdAt: new Date(r.created_at).toISOString(),
      lastSignInAt: iso(r.last_sign_in_at),
      disabled: r.disabled_at !== null,
      disabledAt: iso(r.disabled_at),
      signInBlockedForSeconds: await signInBlockedFor(deps, r),
    })),
  );
}

export async function createDepartment(
  deps: AppDeps,
  user: SessionUser | null,
  input: { email: string; password: string; displayName: string; regionCode: string },
): Promise<SessionUser> {
  const admin = requireRole(user, 'admin');
  const { user: created, insert } = await newAccountRow(deps, { ...input, role: 'department' });
  const now = deps.now();
  await writeUnit(deps.database, now)
    .add(insert)
    .add(auditEntry(deps.database, { actorUserId: admin.id, action: 'department_create', subjectType: 'user', subjectId: created.id, detail: input.regionCode, now }))
    .commit();
  return created;
}

export async function listDepartments(deps: AppDeps, user: SessionUser | null): Promise<AdminUser[]> {
  requireRole(user, 'admin');
  return toAdminUsers(deps, await repo.listDepartmentUsers(deps.database));
}

/** Accounts whose email contains `email` (the exact address first), at most USER_SEARCH_LIMIT. */
export async function findUsers(deps: AppDeps, user: SessionUser | null, email: string): Promise<AdminUser[]> {
  requireRole(user, 'admin');
  return toAdminUsers(deps, await repo.findUsersByEmail(deps.database, email, USER_SEARCH_LIMIT));
}

export async function getUser(deps: AppDeps, user: SessionUser | null, id: string): Promise<AdminUser> {
  requireRole(user, 'admin');
  const row = await repo.findUser(deps.database, id);
  if (!row) throw notFound('Account');
  return (await toAdminUsers(deps, [row]))[0];
}

async function target(deps: AppDeps, id: string) {
  const row = await repo.findUser(deps.database, id);
  if (!row) throw notFound('Account');
  return row;
}

/** Disables an account: sign-in is refused and its sessions end (same unit). Not the caller's own. */
export async function disableUser(deps: AppDeps, user: SessionUser | null, id: string): Promise<void> {
  const admin = requireRole(user, 'admin');
  if (id === admin.id) throw new AppError('invalid_state', 'You cannot disable the account you are signed in with').because('own_account');
  const row = await target(deps, id);
  if (row.disabled_at !== null) throw new AppError('invalid_state', 'This account is disabled already');
  const now = deps.now();
  const { disable, endSessions } = disableAccountWrites(deps.database, row.id, now);
  const { disabled } = await writeUnit(deps.database, now)
    .add('disabled', disable)
    .add(endSessions)
    .add(auditIf(deps.database, { actorUserId: admin.id, action: 'account_disable', subjectType: 'user', subjectId: row.id, now }, accountDisabledAt(row.id, now)))
    .changes('audit_log')
    .commit();
  if (disabled.numAffectedRows !== 1) throw new AppError('invalid_state', 'This account is disabled already');
}

export async function enableUser(deps: AppDeps, user: SessionUser | null, id: string): Promise<void> {
  const admin = requireRole(user, 'admin');
  const row = await target(deps, id);
  if (row.disabled_at === null) throw new AppError('invalid_state', 'This account is enabled already');
  const now = deps.now();
  const { enabled } = await writeUnit(deps.database, now)
    .add('enabled', enableAccountWrite(deps.database, row.id))
    .add(auditIf(deps.database, { actorUserId: admin.id, action: 'account_enable', subjectType: 'user', subjectId: row.id, now }, accountDisabledAt(row.id, null)))
    .changes('audit_log')
    .commit();
  if (enabled.numAffectedRows !== 1) throw new AppError('invalid_state', 'This account is enabled already');
}

export async function unlockUser(deps: AppDeps, user: SessionUser | null, userId: string): Promise<void> {
  const admin = requireRole(user, 'admin');
  await unlockAccount(deps, admin, userId);
}

/** Mails the account a password reset link (30 minutes, once), the same link as "forgot password":
 * the admin never sees a password. Needs mail (SMTP, or the development mailbox outside production). */
export async function sendResetLink(deps: AppDeps, user: SessionUser | null, id: string, requestOrigin: string): Promise<{ sentTo: string }> {
  const admin = requireRole(user, 'admin');
  const row = await target(deps, id);
  if (!mailAvailable(deps)) throw new AppError('mail_not_configured', 'Mail is not set up on this server; the reset link cannot be sent');
  const origin = linkOrigin(deps, requestOrigin);
  const now = deps.now();
  await writeUnit(deps.database, now)
    .addAll(await resetLinkRows(deps, row, origin, now, true))
    .add(auditEntry(deps.database, { actorUserId: admin.id, action: 'account_reset_link', subjectType: 'user', subjectId: row.id, now }))
    .commit();
  return { sentTo: row.email };
}
