// Round proposals (split from rounds.service.ts): who sees a proposal, the acceptance rule's write,
// and the lists of proposals for talents, employers and departments.
import type { AppDeps, SessionUser } from '../lib/context';
import { AppError, notFound } from '../lib/errors';
import { canAdminister } from '../lib/scope';
import { maskPhone } from '../lib/checksums';
import { chinaToday } from '../lib/dates';
import { requireRole, signedIn } from '../lib/guards';
import { responseNotice } from './rounds.notify';
import { writeUnit } from '../lib/write-unit';
import { assertVerified } from '../employers';
import { findEmployerByUser } from '../employers';
import { newId } from '../lib/ids';
import { closeOtherApplicationsQueries } from '../placements';
import * as repo from './rounds.proposals.repository';
import { decodeProposalExplanation, type ProposalExplanation, type StoredRefusal } from './rounds.explanations';
import { proposalBreakdown } from './rounds.snapshot';
import { departmentRound, isPublic, iso, myTalentId, titled, withRegionNames, type Page } from './rounds.access';
import type { Decision, ProposalDto, ProposalListFilters, RefusalDto, RoundProposalFilters } from './rounds.schemas';

type Viewer = 'talent' | 'employer' | 'department';

type Named = Awaited<ReturnType<typeof withRegionNames>>;

function toProposalDto(
  row: repo.ProposalRow,
  ex: ProposalExplanation | null,
  viewer: Viewer,
  withTitles: (r: StoredRefusal[] | null | undefined) => RefusalDto[],
  named: Named,
): ProposalDto {
  const published = row.round_status === 'published';
  const mine = viewer === 'talent' ? row.talent_response : viewer === 'employer' ? row.employer_response : 'n/a';
  const theirs = viewer === 'talent' ? row.employer_response : row.talent_response;
  const private_ = viewer !== 'employer';
  return {
    id: row.id,
    round: { id: row.round_id, name: row.round_name, status: row.round_status },
    position: { id: row.position_id, title: row.position_title, kind: row.position_kind, regionCode: row.position_region_code },
    employer: { id: row.employer_id, name: row.employer_name },
    talent: {
      id: row.talent_id,
      name: row.talent_name,
      phone: row.talent_phone ? (viewer === 'employer' ? maskPhone(row.talent_phone) : row.talent_phone) : null,
    },
    score: row.score,
    seat: row.reserved ? 'reserved' : 'general',
    breakdown: proposalBreakdown(ex?.breakdown ?? [], row),
    rank: private_ ? (ex?.rank ?? null) : null,
    above: private_ ? withTitles(ex?.above) : null,
    pinned: private_ ? (ex?.pinned ?? null) : null,
    adjustment: private_ ? named(ex?.adjustment) : null,
    viaAdjustment: private_ ? (ex?.viaAdjustment ?? false) : false,
    talentResponse: row.talent_response,
    employerResponse: row.employer_response,
    state: row.state ?? 'pending',
    placementId: row.placement_id,
    respondable: published && mine === null && theirs !== 'declined' && row.placement_id === null,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
  };
}

async function toProposalDtos(deps: AppDeps, rows: repo.ProposalRow[], viewer: Viewer): Promise<ProposalDto[]> {
  // The employer sees the breakdown only; the rest of the explanation is the talent's.
  const explanations = rows.map((r) => decodeProposalExplanation(r.explanation));
  const own = viewer === 'employer' ? [] : explanations;
  const withTitles = await titled(
    deps,
    own.map((x, i) => ({ roundId: rows[i].round_id, talentId: rows[i].talent_id, above: x?.above })),
  );
  const named = await withRegionNames(
    deps,
    own.map((x) => x?.adjustment),
  );
  return rows.map((r, i) => toProposalDto(r, explanations[i], viewer, withTitles, named));
}

/** Who the caller is to this proposal, or null if they may not see it (→ 404). Talents and
 * employers see proposals only once the round is published. */
async function viewerOf(deps: AppDeps, me: SessionUser, row: repo.ProposalRow): Promise<Viewer | null> {
  if (me.role === 'graduate') return row.talent_user_id === me.id && isPublic(row.round_status) ? 'talent' : null;
  if (me.role === 'employer') return row.employer_user_id === me.id && isPublic(row.round_status) ? 'employer' : null;
  return canAdminister(me, row.round_region_code) ? 'department' : null;
}

/** One proposal: its talent or employer (once published), or a department in scope. */
export async function getProposal(deps: AppDeps, user: SessionUser | null, id: string): Promise<ProposalDto> {
  const me = signedIn(user);
  const row = await repo.findProposal(deps.database, id);
  const viewer = row ? await viewerOf(deps, me, row) : null;
  if (!row || !viewer) throw notFound('Proposal');
  return (await toProposalDtos(deps, [row], viewer))[0];
}

/**
 * The talent or the employer of the proposal's position accepts or declines it (published rounds).
 * When both have accepted, the placement is created and the agreement moves to serving in the same
 * atomic write (see the acceptance rule at the top of this file). A second response by the same
 * side, a response after the other side declined or after the placement exists, or in a round that
 * is not published is 409 and changes nothing. Departments and admins do not respond (403).
 */
export async function respondToProposal(deps: AppDeps, user: SessionUser | null, proposalId: string, decision: Decision): Promise<ProposalDto> {
  const me = requireRole(user, 'graduate', 'employer');
  const row = await repo.findProposal(deps.database, proposalId);
  const viewer = row ? await viewerOf(deps, me, row) : null;
  if (!row || (viewer !== 'talent' && viewer !== 'employer')) throw notFound('Proposal');
  if (viewer === 'employer') assertVerified((await findEmployerByUser(deps.database, me.id))?.status, 'respond to round proposals');
  if (row.round_status !== 'published') throw new AppError('invalid_state', `The round is ${row.round_status}; responses are closed`);
  const mine = viewer === 'talent' ? row.talent_response : row.employer_response;
  const theirs = viewer === 'talent' ? row.employer_response : row.talent_response;
  if (mine !== null) throw new AppError('invalid_state', `You already ${mine} this proposal`);
  if (theirs === 'declined') throw new AppError('invalid_state', `The ${viewer === 'talent' ? 'employer' : 'talent'} declined this proposal`);
  if (row.placement_id) throw new AppError('invalid_state', 'The proposal is already a placement');
  const now = deps.now();
  const response = { proposalId, side: viewer, response: decision === 'accept' ? ('accepted' as const) : ('declined' as const), actorUserId: me.id, today: chinaToday(now), now };
  const unit = writeUnit(deps.database, now).add('responded', repo.respondIf(deps.database, response));
  if (response.response === 'accepted') {
    // The placement, and (only if it was written) the talent's open applications elsewhere closed.
    const placementId = newId();
    unit.addAll(repo.placeIfBothAcceptedQueries(deps.database, response, placementId)).changes('placements');
    const others = await closeOtherApplicationsQueries(deps, { placementId, talentId: row.talent_id, employerId: row.employer_id, now });
    unit.addAll(others).changes('notifications', 'mail_outbox');
  }
  unit.addAll(await responseNotice(deps, response)).changes('notifications', 'mail_outbox');
  const { responded } = await unit.commit();
  if (responded.numAffectedRows === 0) throw new AppError('invalid_state', 'The proposal changed meanwhile; load it again');
  return getProposal(deps, me, proposalId);
}

/** The signed-in graduate's proposals in published (and closed) rounds. */
export async function listMyProposals(deps: AppDeps, user: SessionUser | null, filters: ProposalListFilters): Promise<Page<ProposalDto>> {
  const me = requireRole(user, 'graduate');
  const { page, pageSize } = filters;
  const talentId = await myTalentId(deps, me);
  if (!talentId) return { items: [], total: 0, page, pageSize };
  const { items, total } = await repo.listProposals(deps.database, { talentId, publishedOnly: true }, filters);
  return { items: await toProposalDtos(deps, items, 'talent'), total, page, pageSize };
}

/** Proposals for the signed-in employer's positions in published (and closed) rounds, with the
 * talent's name and masked phone. */
export async function listEmployerProposals(deps: AppDeps, user: SessionUser | null, filters: ProposalListFilters): Promise<Page<ProposalDto>> {
  const me = requireRole(user, 'employer');
  const { items, total } = await repo.listProposals(deps.database, { employerUserId: me.id, publishedOnly: true }, filters);
  return { items: await toProposalDtos(deps, items, 'employer'), total, page: filters.page, pageSize: filters.pageSize };
}

/** A round's proposals, paged (department in scope), by position then the position's order. */
export async function listRoundProposals(deps: AppDeps, user: SessionUser | null, id: string, filters: RoundProposalFilters): Promise<Page<ProposalDto>> {
  await departmentRound(deps, user, id);
  const { items, total } = await repo.listProposals(deps.database, { roundId: id, publishedOnly: false }, filters);
  return { items: await toProposalDtos(deps, items, 'department'), total, page: filters.page, pageSize: filters.pageSize };
}
