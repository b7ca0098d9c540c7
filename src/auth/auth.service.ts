// Account logic shared by the JSON API and the web forms.
import type { CompiledQuery } from 'kysely';
import type { AppDeps, SessionUser } from '../lib/context';
import type { Role } from '../../db/schema';
import { AppError, fieldError, fieldIssueAt } from '../lib/errors';
import { newId } from '../lib/ids';
import { hashPassword, verifyPassword } from './password';
import { createSession, deleteOtherSessions } from './sessions';
import { accountKey, blockedFor, clearFailures, refundAttempt, reserveAttempt, reserveOrRefuse } from './rate-limit';
import { deviceNonce, newDeviceToken } from './device';
import { auditEntry } from '../lib/audit';
import { writeUnit } from '../lib/write-unit';
import { assertRegionExists } from '../regions';
import { unlockWrites } from './account-admin';

export interface NewAccount {
  email: string;
  password: string;
  displayName: string;
  role: Role;
  regionCode?: string | null;
}

export async function createAccount(deps: AppDeps, input: NewAccount): Promise<SessionUser> {
  const { user, insert } = await newAccountRow(deps, input);
  await deps.database.db.executeQuery(insert);
  return user;
}

/** Checks a new account (region, free email) and builds its insert, for a caller's write unit (the
 * admin console adds its audit row). A race on the email still fails on the unique index. */
export async function newAccountRow(deps: AppDeps, input: NewAccount): Promise<{ user: SessionUser; insert: CompiledQuery }> {
  const db = deps.database.db;
  if (input.regionCode) await assertRegionExists(deps.database, input.regionCode, 'regionCode');
  if (input.role === 'department' && !input.regionCode) throw fieldError('regionCode', 'region_needed');
  const existing = await db.selectFrom('users').select('id').where('email', '=', input.email).executeTakeFirst();
  if (existing) throw new AppError('conflict', 'An account with this email already exists', [fieldIssueAt('email', 'email_taken')]);
  const user = {
    id: newId(),
    email: input.email,
    role: input.role,
    display_name: input.displayName,
    region_code: input.role === 'department' ? (input.regionCode ?? null) : null,
  };
  const password_hash = await hashPassword(deps.scrypt, input.password, deps.config.passwordScryptN);
  return {
    user,
    insert: db
      .insertInto('users')
      .values({ ...user, password_hash, created_at: deps.now() })
      .compile(),
  };
}

// Verifying against a fixed hash when the account does not exist keeps the timing the same.
let dummyHash: Promise<string> | null = null;

export interface SignedIn {
  user: SessionUser;
  token: string;
  /** A fresh device cookie value for this browser (see device.ts). */
  device: string;
}

/**
 * Checks a password under the sign-in limits (issue 9 A4). A browser with a valid device cookie for
 * this account is limited on its own key; any other caller is limited per account and per address.
 * Each limit is reserved before the password is checked, and given back when it is right.
 */
export async function signIn(
  deps: AppDeps,
  email: string,
  password: string,
  address: string,
  deviceToken: string | null = null,
  userAgent: string | null = null,
): Promise<SignedIn> {
  const { maxPerAccount, maxPerAddress, windowMs } = deps.config.signin;
  const now = deps.now();
  const row = await deps.database.db
    .selectFrom('users')
    .select(['id', 'email', 'role', 'display_name', 'region_code', 'password_hash', 'disabled_at'])
    .where('email', '=', email)
    .executeTakeFirst();
  const nonce = row ? await deviceNonce(deps.config.dataKey, deviceToken, row.id) : null;
  const limits =
    row && nonce
      ? [{ key: `signin:device:${row.id}:${nonce}`, max: maxPerAccount }]
      : [
          { key: accountKey(email), max: maxPerAccount },
          { key: `signin:address:${address}`, max: maxPerAddress },
        ];
  const reserved: string[] = [];
  for (const { key, max } of limits) {
    if (await reserveAttempt(deps.database, key, max, windowMs, now)) {
      reserved.push(key);
      continue;
    }
    for (const k of reserved) await refundAttempt(deps.database, k);
    const wait = (await blockedFor(deps.database, key, max, windowMs, now)) ?? 1;
    throw new AppError('rate_limited', `Too many failed sign-ins; try again in ${wait} s`, undefined, { 'Retry-After': String(wait) });
  }
  dummyHash ??= hashPassword(deps.scrypt, 'not-a-password', deps.config.passwordScryptN);
  const { ok } = await verifyPassword(deps.scrypt, password, row?.password_hash ?? (await dummyHash));
  if (!row || !ok) throw new AppError('unauthenticated', 'Email or password is wrong').because('bad_credentials'); // the reservations stay as failures
  // Disabled by an admin: said only to someone who knows the password (the attempt is given back).
  if (row.disabled_at !== null) {
    for (const { key } of limits) await refundAttempt(deps.database, key);
    throw new AppError('forbidden', 'This account is disabled; ask the administrator').because('account_disabled');
  }
  // Right: the account's (or device's) failures are forgiven; the address only gets its attempt back.
  await clearFailures(deps.database, limits[0].key);
  for (const { key } of limits.slice(1)) await refundAttempt(deps.database, key);
  const { password_hash: _p, disabled_at: _d, ...user } = row;
  const token = await createSession(deps.database, user.id, now, userAgent);
  await deps.database.db.updateTable('users').set({ last_sign_in_at: now }).where('id', '=', user.id).execute();
  return { user, token, device: await newDeviceToken(deps.config.dataKey, user.id) };
}

export { accountKey };

/** An admin lifts an account's sign-in limits: strangers' failures and every device's lock-out. */
export async function unlockAccount(deps: AppDeps, admin: SessionUser, userId: string): Promise<void> {
  const row = await deps.database.db.selectFrom('users').select(['id', 'email']).where('id', '=', userId).executeTakeFirst();
  if (!row) throw new AppError('not_found', 'No such account');
  await writeUnit(deps.database, deps.now())
    .addAll(unlockWrites(deps.database, row))
    .add(auditEntry(deps.database, { actorUserId: admin.id, action: 'unlock_account', subjectType: 'user', subjectId: row.id, now: deps.now() }))
    .commit();
}

export async function changePassword(deps: AppDeps, user: SessionUser, sessionId: string | null, currentPassword: string, newPassword: string): Promise<void> {
  const row = await deps.database.db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
  const { ok } = await verifyPassword(deps.scrypt, currentPassword, row.password_hash);
  if (!ok) throw fieldError('currentPassword', 'wrong_password');
  const password_hash = await hashPassword(deps.scrypt, newPassword, deps.config.passwordScryptN);
  await deps.database.db.updateTable('users').set({ password_hash }).where('id', '=', user.id).execute();
  await deleteOtherSessions(deps.database, user.id, sessionId);
}
