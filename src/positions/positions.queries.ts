// Finders for a department's placement form: an employer's open posts. Reads only; the placement
// service checks the chosen post again.
import type { AppDeps, SessionUser } from '../lib/context';
import { adminScope } from '../lib/scope';
import { chinaToday } from '../employers/access';
import { openPositionsOfEmployer } from './positions.repository';

export interface PositionChoice {
  id: string;
  title: string;
  regionName: string | null;
  seats: number;
}

/** Open posts of one employer of the caller's region subtree, sorted by title (at most 200);
 * nothing for callers without a region scope or an employer outside it. */
export async function openPositionsOf(deps: AppDeps, user: SessionUser | null, employerId: string): Promise<PositionChoice[]> {
  const scope = user ? adminScope(user) : null;
  if (scope === null || !employerId) return [];
  const rows = await openPositionsOfEmployer(deps.database, employerId, { root: scope, today: chinaToday(deps.now()), limit: 200 });
  return rows.map((r) => ({ id: r.id, title: r.title, regionName: r.region_name, seats: Number(r.seats) }));
}
