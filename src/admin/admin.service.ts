// The admin console: department accounts (create, list) and unlocking an account. Admins only.
import { createAccount, unlockAccount } from '../auth';
import type { AppDeps, SessionUser } from '../lib/context';
import { requireRole } from '../lib/guards';
import * as repo from './admin.repository';

export async function createDepartment(
  deps: AppDeps,
  user: SessionUser | null,
  input: { email: string; password: string; displayName: string; regionCode: string },
): Promise<SessionUser> {
  requireRole(user, 'admin');
  return createAccount(deps, { ...input, role: 'department' });
}

export async function listDepartments(deps: AppDeps, user: SessionUser | null) {
  requireRole(user, 'admin');
  return repo.listDepartmentUsers(deps.database);
}

export async function unlockUser(deps: AppDeps, user: SessionUser | null, userId: string): Promise<void> {
  const admin = requireRole(user, 'admin');
  await unlockAccount(deps, admin, userId);
}
