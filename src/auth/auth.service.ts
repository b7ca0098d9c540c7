// Account logic shared by the JSON API and the web forms.
import type { AppDeps, SessionUser } from '../lib/context';
import type { Role } from '../../db/schema';
import { AppError, fieldError } from '../lib/errors';
import { newId } from '../lib/ids';
import { hashPassword, verifyPassword } from './password';
import { createSession, deleteOtherSessions } from './sessions';
import { blockedFor, clearFailures, recordFailure } from './rate-limit';
import { assertRegionExists } from '../regions/regions.repository';

export interface NewAccount {
  email: string;
  password: string;
  displayName: string;
  role: Role;
  regionCode?: string | null;
}

export async function createAccount(deps: AppDeps, input: NewAccount): Promise<SessionUser> {
  const db = deps.database.db;
  if (input.regionCode) await assertRegionExists(deps.database, input.regionCode, 'regionCode');
  if (input.role === 'department' && !input.regionCode) throw fieldError('regionCode', 'A department account needs a region');
  const existing = await db.selectFrom('users').select('id').where('email', '=', input.email).executeTakeFirst();
  if (existing) throw new AppError('conflict', 'An account with this email already exists', [{ path: 'email', message: 'already registered' }]);
  const user = {
    id: newId(),
    email: input.email,
    role: input.role,
    display_name: input.displayName,
    region_code: input.role === 'department' ? input.regionCode ?? null : null,
  };
  const password_hash = await hashPassword(deps.scrypt, input.password, deps.config.passwordScryptN);
  await db.insertInto('users').values({ ...user, password_hash, created_at: deps.now() }).execute();
  return user;
}

export async function register(deps: AppDeps, input: NewAccount): Promise<{ user: SessionUser; token: string }> {
  if (input.role !== 'graduate' && input.role !== 'employer') throw fieldError('role', 'Only graduate or employer accounts can sign up');
  const user = await createAccount(deps, input);
  const token = await createSession(deps.database, user.id, deps.now());
  return { user, token };
}

// Verifying against a fixed hash when the account does not exist keeps the timing the same.
let dummyHash: Promise<string> | null = null;

export async function signIn(
  deps: AppDeps,
  email: string,
  password: string,
  address: string,
): Promise<{ user: SessionUser; token: string }> {
  const { maxPerAccount, maxPerAddress, windowMs } = deps.config.signin;
  const now = deps.now();
  const accountKey = `signin:account:${email.toLowerCase()}`;
  const addressKey = `signin:address:${address}`;
  const wait =
    (await blockedFor(deps.database, accountKey, maxPerAccount, windowMs, now)) ??
    (await blockedFor(deps.database, addressKey, maxPerAddress, windowMs, now));
  if (wait !== null) {
    throw new AppError('rate_limited', `Too many failed sign-ins; try again in ${wait} s`, undefined, { 'Retry-After': String(wait) });
  }
  const row = await deps.database.db
    .selectFrom('users')
    .select(['id', 'email', 'role', 'display_name', 'region_code', 'password_hash'])
    .where('email', '=', email)
    .executeTakeFirst();
  dummyHash ??= hashPassword(deps.scrypt, 'not-a-password', deps.config.passwordScryptN);
  const { ok } = await verifyPassword(deps.scrypt, password, row?.password_hash ?? (await dummyHash));
  if (!row || !ok) {
    await recordFailure(deps.database, accountKey, windowMs, now);
    await recordFailure(deps.database, addressKey, windowMs, now);
    throw new AppError('unauthenticated', 'Email or password is wrong');
  }
  await clearFailures(deps.database, accountKey);
  const { password_hash: _p, ...user } = row;
  const token = await createSession(deps.database, user.id, now);
  return { user, token };
}

export async function changePassword(
  deps: AppDeps,
  user: SessionUser,
  sessionId: string | null,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const row = await deps.database.db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
  const { ok } = await verifyPassword(deps.scrypt, currentPassword, row.password_hash);
  if (!ok) throw fieldError('currentPassword', 'is wrong');
  const password_hash = await hashPassword(deps.scrypt, newPassword, deps.config.passwordScryptN);
  await deps.database.db.updateTable('users').set({ password_hash }).where('id', '=', user.id).execute();
  await deleteOtherSessions(deps.database, user.id, sessionId);
}
