// Access and shared mapping of the rounds feature (split from rounds.service.ts): who may see or
// administer a round, status guards, and refusals with the names of their posts.
import type { AppDeps, SessionUser } from '../lib/context';
import type { WriteResult } from '../lib/database';
import { AppError, notFound } from '../lib/errors';
import { canAdminister } from '../lib/scope';
import { requireRole } from '../lib/guards';
import { findTalentByUserId } from '../talents';
import * as repo from './rounds.repository';
import type { StoredRefusal } from './rounds.explanations';
import { addRefusalBreakdowns } from './rounds.snapshot';
import type { RefusalDto, RoundStatus } from './rounds.schemas';

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
export type PageArgs = { page: number; pageSize: number };
export const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export const isPublic = (status: RoundStatus) => status === 'published' || status === 'closed';

/** Adds position titles, employer and region names to refusals (one query for everything on a page). */
/** The stored 服从调剂 of explanations with region names (one query for everything on a page). */
export async function withRegionNames(
  deps: AppDeps,
  list: ({ regionCode: string; from: number } | null | undefined)[],
): Promise<(a: { regionCode: string; from: number } | null | undefined) => { regionCode: string; regionName: string | null; from: number } | null> {
  const names = await repo.regionFullNames(deps.database, [...new Set(list.filter((a) => a).map((a) => a!.regionCode))]);
  return (a) => (a ? { ...a, regionName: names.get(a.regionCode) ?? null } : null);
}

/** Names the posts of stored refusals: resolves each post index to its id (the round's posts in id
 * order, read once per round) and adds titles, employer and region names (one query for the page).
 * Lists that name their talent get score breakdowns for refusals against a cut-off. */
export async function titled(
  deps: AppDeps,
  lists: { roundId: string; talentId?: string; above: StoredRefusal[] | null | undefined }[],
): Promise<(refusals: StoredRefusal[] | null | undefined) => RefusalDto[]> {
  const indexed = [...new Set(lists.filter((l) => l.above?.some((r) => r.positionIndex !== undefined)).map((l) => l.roundId))];
  const idsOf = new Map(await Promise.all(indexed.map(async (roundId) => [roundId, await repo.roundPositionIdsInOrder(deps.database, roundId)] as const)));
  const ids = new Set<string>();
  for (const l of lists) {
    for (const r of l.above ?? []) {
      if (r.positionIndex !== undefined) r.positionId = idsOf.get(l.roundId)?.[r.positionIndex] ?? '';
      ids.add(r.positionId);
    }
  }
  const [titles] = await Promise.all([repo.positionTitles(deps.database, [...ids]), addRefusalBreakdowns(deps.database, lists)]);
  return (refusals) =>
    (refusals ?? []).map(({ positionIndex: _index, ...r }) => {
      const p = titles.get(r.positionId);
      const comparedFor: RefusalDto['comparedFor'] =
        r.reason === 'full' || r.reason === 'reserved' ? ('reservedCutoff' in r && r.reservedCutoff !== undefined ? ['reserved', 'general'] : ['general']) : undefined;
      return { ...r, positionTitle: p?.title ?? null, employerName: p?.employerName ?? null, regionName: p?.regionName ?? null, ...(comparedFor ? { comparedFor } : {}) };
    });
}

/** A round the department (or admin) may administer; 404 outside its region subtree. */
export async function departmentRound(deps: AppDeps, user: SessionUser | null, id: string): Promise<repo.RoundRow> {
  const me = requireRole(user, 'department', 'admin');
  const round = await repo.findRound(deps.database, id);
  if (!round || !canAdminister(me, round.region_code)) throw notFound('Round');
  return round;
}

export async function myTalentId(deps: AppDeps, me: SessionUser): Promise<string | null> {
  const talent = await findTalentByUserId(deps.database, me.id);
  return talent?.id ?? null;
}

/** A round the graduate is in, past draft; 404 otherwise. */
export async function talentRound(deps: AppDeps, me: SessionUser, id: string): Promise<{ round: repo.RoundRow; talentId: string }> {
  const talentId = await myTalentId(deps, me);
  const round = talentId ? await repo.findRound(deps.database, id) : undefined;
  if (!round || !talentId || round.status === 'draft' || !(await repo.isRoundTalent(deps.database, id, talentId))) throw notFound('Round');
  return { round, talentId };
}

export function assertStatus(round: { status: RoundStatus }, allowed: readonly RoundStatus[], action: string): void {
  if (!allowed.includes(round.status)) {
    throw new AppError('invalid_state', `A ${round.status} round cannot ${action} (allowed when ${allowed.join(' or ')})`);
  }
}

/** The named statement that ends a conditional write unit (the round's revision or status update)
 * affected no row: the round moved on meanwhile, and the unit changed nothing. */
export function assertApplied(result: WriteResult): void {
  if (result.numAffectedRows === 0) throw new AppError('invalid_state', 'The round changed meanwhile; load it again');
}
