// Finders for choosing an employer in a department's form (agreements, placements): verified
// employers of the caller's region subtree. Reads only; every choice is checked again by the
// service that records it.
import type { AppDeps, SessionUser } from '../lib/context';
import { isInSubtree } from '../lib/regions-range';
import { adminScope } from '../lib/scope';
import { findVerifiedEmployers, findVerifiedEmployerWithRegion } from './employers.repository';

export interface EmployerChoice {
  id: string;
  name: string;
  regionName: string | null;
}

/** Longest name search a finder accepts. */
export const EMPLOYER_FIND_MAX = 50;

/** Verified employers of the caller's region (optionally only inside `within`, when that lies in
 * the caller's region), whose name or region's full name contains `q`; sorted by name; at most
 * `limit`. Nothing for callers without a region scope. */
export async function findEmployersInScope(deps: AppDeps, user: SessionUser | null, q: string, within?: string, limit = 20): Promise<EmployerChoice[]> {
  const scope = user ? adminScope(user) : null;
  if (scope === null) return [];
  const root = within && (scope === '' || isInSubtree(within, scope)) ? within : scope;
  const rows = await findVerifiedEmployers(deps.database, { root, q: q.slice(0, EMPLOYER_FIND_MAX), limit: Math.min(100, limit) });
  return rows.map((r) => ({ id: r.id, name: r.name, regionName: r.region_name }));
}

/** The chosen employer, if verified and in the caller's scope; otherwise null. */
export async function employerChoiceInScope(deps: AppDeps, user: SessionUser | null, id: string): Promise<EmployerChoice | null> {
  const scope = user ? adminScope(user) : null;
  if (!id || scope === null) return null;
  const r = await findVerifiedEmployerWithRegion(deps.database, id);
  if (!r || (scope !== '' && !isInSubtree(r.region_code, scope))) return null;
  return { id: r.id, name: r.name, regionName: r.region_name };
}
