// Reads for the pages: an employer's open posts for a department's placement form (the placement
// service checks the chosen post again), and an employer's own position.
import type { AppDeps, SessionUser } from '../lib/context';
import { adminScope } from '../lib/scope';
import { chinaToday } from '../lib/dates';
import { forbidden } from '../lib/errors';
import { openPositionsOfEmployer } from './positions.repository';
import type { PositionDto } from './positions.schemas';
import { getPositionForViewer } from './positions.service';

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

/** One of the caller's own positions, for its edit and applicants pages; another employer's is
 * refused (403), an unknown one is not found. */
export async function getOwnPosition(deps: AppDeps, user: SessionUser | null, id: string): Promise<PositionDto> {
  const { position, isOwner } = await getPositionForViewer(deps, user, id);
  if (!isOwner) throw forbidden('Only the employer that posted this position may change it');
  return position;
}
