// Region scope of department accounts: a department sees its region subtree and nothing outside.
import type { SessionUser } from './context';
import { AppError } from './errors';
import { isInSubtree } from './regions-range';

/** The region subtree a user may administer: a department's region, '' (everything) for admins. */
export function adminScope(user: SessionUser): string | null {
  if (user.role === 'admin') return '';
  if (user.role === 'department') return user.region_code ?? null;
  return null;
}

export function canAdminister(user: SessionUser, regionCode: string | null | undefined): boolean {
  const scope = adminScope(user);
  if (scope === null) return false;
  return scope === '' || isInSubtree(regionCode, scope);
}

/** Outside the caller's region, objects are reported as not found, so their existence does not leak. */
export function assertCanAdminister(user: SessionUser, regionCode: string | null | undefined, what: string): void {
  if (!canAdminister(user, regionCode)) throw new AppError('not_found', `${what} not found`);
}
