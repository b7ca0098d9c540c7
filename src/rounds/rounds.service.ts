// Placement rounds (匹配批次, issue #4 part 5), shared by the JSON API and the web pages.
//
// Lifecycle: draft → collecting → run → published → closed
//   draft       a department (or admin) creates the round for a region in its subtree and sets its
//               positions (open posts in that region, seats ≤ free seats, reserved ≤ seats) and its
//               talents (an explicit list and/or everyone with an agreement awaiting placement whose
//               target lies in the region); settings (name, weights, closing day) can change.
//   collecting  (open) talents in the round see its positions and submit or replace 1–30 ranked
//               choices until choicesCloseOn; talents without choices get a list derived from
//               scores. Positions, talents and settings can still change.
//   run         the department ran it (src/rounds/rounds.run.ts): proposals, cut-offs and reasons are
//               stored with a result digest; running again replaces the result (identical inputs →
//               identical digest). Inputs are frozen; only re-run or publish.
//   published   proposals are visible to their talent and employer, who respond. From here the round,
//               its positions, talents, choices and proposals are immutable: every mutating endpoint
//               answers 409 invalid_state and changes nothing (responses excepted).
//   closed      responses end; pending proposals lapse (they stay as they are, unanswerable).
//
// Acceptance rule: a proposal becomes a placement when BOTH the talent and the employer of the
// proposal's position have accepted, in either order. The second acceptance writes, in one atomic
// write: the response, the placement (source 'round', source_id = proposal id, kind employment, the
// position, starting today in China, serving the talent's agreement awaiting placement whose target
// region contains the post — the one recorded for the round first), the proposal's link to it, and
// the agreement's move awaiting_placement → serving with its event row. A decline by either side
// ends the proposal. Repeated or conflicting responses are 409 and change nothing.
//
// Visibility: a department (admin: all) sees rounds in its region subtree (404 outside); a talent
// sees rounds they are in once past draft, results once published, and only their own proposal; an
// employer sees only proposals for its own positions in published rounds (talent name, masked phone).
import type { AppDeps, SessionUser } from '../lib/context';
import { AppError, fieldError, forbidden, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import { publicationNotices } from './rounds.notify';
import { writeUnit } from '../lib/write-unit';
import { adminScope, canAdminister } from '../lib/scope';
import { isInSubtree } from '../lib/regions-range';
import { maskPhone } from '../lib/checksums';
import { chinaToday } from '../lib/dates';
import { requireRole, signedIn } from '../lib/guards';
import { assertVerified } from '../employers';
import { findEmployerByUser } from '../employers';
import { findTalentByUserId } from '../talents';
import { assertRegionExists } from '../regions';
import { resolveWeights } from '../matching';
import * as repo from './rounds.repository';
import { runStoredRound, weightOverrides } from './rounds.run';
import { decodeProposalExplanation, decodeUnassignedExplanation } from './rounds.explanations';
import { proposalBreakdown } from './rounds.snapshot';
import { assertApplied, assertStatus, departmentRound, isPublic, iso, myTalentId, talentRound, titled, withRegionNames, type Page, type PageArgs } from './rounds.access';

export type { Page } from './rounds.access';
export { getProposal, listEmployerProposals, listMyProposals, listRoundProposals, respondToProposal } from './rounds.proposals';
import {
  EDITABLE_STATUSES,
  MAX_CHOICES,
  MAX_ROUND_MEMBERS,
  type ChoicesDto,
  type CreateRoundData,
  type Decision,
  type ProposalDto,
  type ProposalListFilters,
  type RefusalDto,
  type RoundDto,
  type RoundListFilters,
  type RoundPositionDto,
  type RoundProposalFilters,
  type RoundResultDto,
  type RoundRunStats,
  type RoundStatus,
  type RoundTalentDto,
  type RoundTalentFilters,
  type RunResultDto,
  type SetRoundPositionsData,
  type SetRoundTalentsData,
  type TalentRoundDto,
  type UpdateRoundData,
} from './rounds.schemas';

// ---------------------------------------------------------------- mapping

function parseJson<T>(text: string | null): T | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

/** Results (stats, digest) are the department's until the round is published. */
function toRoundDto(row: repo.RoundRow, showResult: boolean): RoundDto {
  const overrides = weightOverrides(row.weights);
  const stats = showResult ? parseJson<RoundRunStats>(row.run_stats) : null;
  return {
    id: row.id,
    name: row.name,
    regionCode: row.region_code,
    regionName: row.region_name,
    status: row.status,
    weights: { ...resolveWeights(overrides) },
    weightOverrides: overrides,
    reservePolicy: row.reserve_policy,
    inputs: {
      version: row.inputs_version,
      takenAt: iso(row.inputs_at),
      resultCurrent: row.inputs_version > 0 && row.run_inputs_version === row.inputs_version,
    },
    followsRoundId: row.follows_round_id,
    choicesCloseOn: row.choices_close_on,
    departmentUserId: row.department_user_id,
    counts: {
      positions: Number(row.n_positions),
      seats: Number(row.n_seats),
      reservedSeats: Number(row.n_reserved),
      talents: Number(row.n_talents),
      directedTalents: Number(row.n_directed),
      talentsWithChoices: Number(row.n_with_choices),
      runSeats: showResult && row.n_run_seats !== null ? Number(row.n_run_seats) : null,
      runReservedSeats: showResult && row.n_run_reserved !== null ? Number(row.n_run_reserved) : null,
    },
    runAt: iso(row.run_at),
    publishedAt: iso(row.published_at),
    closedAt: iso(row.closed_at),
    resultDigest: showResult ? row.result_digest : null,
    stats,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
  };
}

// ---------------------------------------------------------------- rounds

/** Creates a draft round (department or admin) for `input.regionCode` (default: the department's
 * region), which must lie in the caller's subtree; weights override DEFAULT_WEIGHTS. */
export async function createRound(deps: AppDeps, user: SessionUser | null, input: CreateRoundData): Promise<RoundDto> {
  const me = requireRole(user, 'department', 'admin');
  const scope = adminScope(me);
  if (scope === null) throw forbidden('This department account has no region');
  const regionCode = input.regionCode ?? me.region_code;
  if (!regionCode) throw fieldError('regionCode', 'required');
  await assertRegionExists(deps.database, regionCode, 'regionCode');
  if (!canAdminister(me, regionCode)) throw fieldError('regionCode', 'within_your_region', { code: scope });
  const now = deps.now();
  const id = newId();
  await writeUnit(deps.database, now)
    .add(
      repo.insertRound(deps.database, {
        id,
        name: input.name,
        department_user_id: me.id,
        region_code: regionCode,
        status: 'draft',
        weights: JSON.stringify(input.weights ?? {}),
        reserve_policy: input.reservePolicy ?? 'reserved_first',
        choices_close_on: input.choicesCloseOn ?? null,
        run_at: null,
        published_at: null,
        result_digest: null,
        created_at: now,
        updated_at: now,
      }),
    )
    .commit();
  return getRound(deps, me, id);
}

/** Changes name, weights (null: defaults) or closing day while the round is draft or collecting. */
export async function updateRound(deps: AppDeps, user: SessionUser | null, id: string, input: UpdateRoundData): Promise<RoundDto> {
  const round = await departmentRound(deps, user, id);
  assertStatus(round, EDITABLE_STATUSES, 'change');
  const now = deps.now();
  const changes: Parameters<typeof repo.updateRoundIf>[3] = { updated_at: now };
  if (input.name !== undefined) changes.name = input.name;
  if (input.weights !== undefined) changes.weights = JSON.stringify(input.weights ?? {});
  if (input.reservePolicy !== undefined) changes.reserve_policy = input.reservePolicy;
  if (input.choicesCloseOn !== undefined) changes.choices_close_on = input.choicesCloseOn;
  const { updated } = await writeUnit(deps.database, now)
    .add('updated', repo.updateRoundIf(deps.database, id, EDITABLE_STATUSES, changes))
    .commit();
  assertApplied(updated);
  return getRound(deps, user, id);
}

/** Rounds in the department's region subtree (admins: all), newest first. */
export async function listRounds(deps: AppDeps, user: SessionUser | null, filters: RoundListFilters): Promise<Page<RoundDto>> {
  const me = requireRole(user, 'department', 'admin');
  const scope = adminScope(me);
  const { page, pageSize } = filters;
  if (scope === null) return { items: [], total: 0, page, pageSize };
  const { items, total } = await repo.listRounds(deps.database, scope, filters);
  return { items: items.map((r) => toRoundDto(r, true)), total, page, pageSize };
}

/** One round: departments in scope; graduates in the round once it is past draft (results only
 * once published). Employers are refused (403); everyone else gets 404. */
export async function getRound(deps: AppDeps, user: SessionUser | null, id: string): Promise<RoundDto> {
  const me = signedIn(user);
  if (me.role === 'graduate') {
    const { round } = await talentRound(deps, me, id);
    return toRoundDto(round, isPublic(round.status));
  }
  return toRoundDto(await departmentRound(deps, me, id), true);
}

/** Replaces the round's positions (draft or collecting). Each must be an open position in the
 * round's region; seats default to its free seats and may not exceed them; reservedSeats default to
 * the position's, capped by seats. includeAllOpen adds every open post in the region with a free
 * seat. Choices of posts that leave the round are dropped. */
export async function setRoundPositions(deps: AppDeps, user: SessionUser | null, id: string, input: SetRoundPositionsData): Promise<RoundDto> {
  const round = await departmentRound(deps, user, id);
  assertStatus(round, EDITABLE_STATUSES, 'change its positions');
  const today = chinaToday(deps.now());
  const items = input.positions ?? [];
  const found = new Map(
    (
      await repo.positionsForRound(
        deps.database,
        items.map((p) => p.positionId),
      )
    ).map((r) => [r.id, r]),
  );
  const rows: [string, number, number][] = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const p = found.get(item.positionId);
    if (!p || !isInSubtree(p.region_code, round.region_code)) throw fieldError(`positions.${i}.positionId`, 'no_position_in_round');
    if (seen.has(p.id)) throw fieldError(`positions.${i}.positionId`, 'position_twice');
    seen.add(p.id);
    if (p.status !== 'open' || p.closes_on < today) throw fieldError(`positions.${i}.positionId`, 'position_not_open');
    const free = Math.max(0, p.free_seats);
    const seats = item.seats ?? free;
    if (seats < 1) throw fieldError(`positions.${i}.seats`, 'no_free_seat');
    if (seats > free) throw fieldError(`positions.${i}.seats`, 'max_free_seats', { n: free });
    const reserved = item.reservedSeats ?? Math.min(p.reserved_seats, seats);
    if (reserved > seats) throw fieldError(`positions.${i}.reservedSeats`, 'not_more_than_seats');
    rows.push([p.id, seats, reserved]);
  });
  if (input.includeAllOpen) {
    for (const p of await repo.openPositionsIn(deps.database, round.region_code, today)) {
      if (!seen.has(p.id)) rows.push([p.id, p.free_seats, Math.min(p.reserved_seats, p.free_seats)]);
    }
  }
  const now = deps.now();
  const { revision } = await writeUnit(deps.database, now)
    .addAll(repo.replacePositionsQueries(deps.database, id, rows))
    .add('revision', repo.bumpRevisionIf(deps.database, id, EDITABLE_STATUSES, now))
    .commit();
  assertApplied(revision);
  return getRound(deps, user, id);
}

/** Replaces the round's talents (draft or collecting): `talentIds` (each living in the round's
 * region or with an agreement awaiting placement that fits it) plus, with includeAwaitingPlacement,
 * everyone whose agreement awaiting placement targets a region inside the round's, and with
 * includeSeeking everyone living in the round's region who seeks a post and is not employed. A talent's
 * fitting agreement (earliest signed) is recorded: it makes them directed in the run. */
export async function setRoundTalents(deps: AppDeps, user: SessionUser | null, id: string, input: SetRoundTalentsData): Promise<RoundDto> {
  const round = await departmentRound(deps, user, id);
  assertStatus(round, EDITABLE_STATUSES, 'change its talents');
  const ids = input.talentIds ?? [];
  const found = new Map((await repo.talentsForRound(deps.database, ids, round.region_code)).map((r) => [r.id, r]));
  const chosen = new Map<string, string | null>();
  ids.forEach((talentId, i) => {
    const t = found.get(talentId);
    if (!t || !(isInSubtree(t.region_code, round.region_code) || t.agreement_id)) throw fieldError(`talentIds.${i}`, 'no_talent_in_round');
    if (chosen.has(t.id)) throw fieldError(`talentIds.${i}`, 'duplicate');
    chosen.set(t.id, t.agreement_id);
  });
  if (input.includeAwaitingPlacement) {
    for (const [talentId, agreementId] of await repo.awaitingPlacementIn(deps.database, round.region_code)) {
      if (!chosen.has(talentId)) chosen.set(talentId, agreementId);
    }
  }
  if (input.includeSeeking) {
    for (const [talentId, agreementId] of await repo.seekingIn(deps.database, round.region_code)) {
      if (!chosen.has(talentId)) chosen.set(talentId, agreementId);
    }
  }
  if (chosen.size > MAX_ROUND_MEMBERS) throw fieldError('talentIds', 'max_round_talents', { n: MAX_ROUND_MEMBERS });
  const rows = [...chosen].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const now = deps.now();
  const { revision } = await writeUnit(deps.database, now)
    .addAll(repo.replaceTalentsQueries(deps.database, id, rows))
    .add('revision', repo.bumpRevisionIf(deps.database, id, EDITABLE_STATUSES, now))
    .commit();
  assertApplied(revision);
  return getRound(deps, user, id);
}

/** Opens a draft round for choices (draft → collecting); it needs at least one position and talent. */
export async function openRound(deps: AppDeps, user: SessionUser | null, id: string): Promise<RoundDto> {
  const round = await departmentRound(deps, user, id);
  assertStatus(round, ['draft'], 'open for choices');
  if (Number(round.n_positions) === 0 || Number(round.n_talents) === 0) {
    throw new AppError('invalid_state', 'Add positions and talents to the round before opening it');
  }
  const now = deps.now();
  const { opened } = await writeUnit(deps.database, now)
    .add('opened', repo.updateRoundIf(deps.database, id, ['draft'], { status: 'collecting', updated_at: now }))
    .commit();
  assertApplied(opened);
  return getRound(deps, user, id);
}

/** Runs the round (draft, collecting or run; a re-run replaces the unpublished result) from the
 * database and stores proposals, cut-offs and reasons. Returns the digest and stats with the phase
 * timings (load, build+score, match, explain, store). */
export async function runRoundById(deps: AppDeps, user: SessionUser | null, id: string): Promise<RunResultDto> {
  await departmentRound(deps, user, id);
  const run = await runStoredRound(deps, id);
  return { round: await getRound(deps, user, id), digest: run.digest, stats: run.stats };
}

/** Publishes a run round (run → published): proposals go out; the round is immutable from now on. */
export async function publishRound(deps: AppDeps, user: SessionUser | null, id: string): Promise<RoundDto> {
  const round = await departmentRound(deps, user, id);
  assertStatus(round, ['run'], 'be published');
  if (round.run_inputs_version !== round.inputs_version) {
    throw new AppError('invalid_state', 'The inputs changed after the last run (refreshed, or a pin added or removed); run the round again before publishing');
  }
  const now = deps.now();
  const { published } = await writeUnit(deps.database, now)
    .add('published', repo.updateRoundIf(deps.database, id, ['run'], { status: 'published', published_at: now, updated_at: now }))
    .addAll(await publicationNotices(deps, id, now))
    .changes('notifications', 'mail_outbox')
    .commit();
  assertApplied(published);
  return getRound(deps, user, id);
}

/** Closes a published round (published → closed): responses end; pending proposals lapse. */
export async function closeRound(deps: AppDeps, user: SessionUser | null, id: string): Promise<RoundDto> {
  const round = await departmentRound(deps, user, id);
  assertStatus(round, ['published'], 'be closed');
  const now = deps.now();
  const { closed } = await writeUnit(deps.database, now)
    .add('closed', repo.updateRoundIf(deps.database, id, ['published'], { status: 'closed', closed_at: now, updated_at: now }))
    .commit();
  assertApplied(closed);
  return getRound(deps, user, id);
}

// ---------------------------------------------------------------- positions, talents, result

function toRoundPositionDto(r: repo.RoundPositionRow, showResult: boolean): RoundPositionDto {
  return {
    positionId: r.position_id,
    title: r.title,
    kind: r.kind,
    regionCode: r.region_code,
    regionName: r.region_name,
    employerId: r.employer_id,
    employerName: r.employer_name,
    seats: r.seats,
    reservedSeats: r.reserved_seats,
    open: !!r.is_open,
    shrunkSeats: Number(r.shrunk_seats) || 0,
    result:
      showResult && r.run_seats !== null
        ? {
            seats: r.run_seats,
            filled: r.filled ?? 0,
            reservedFilled: r.reserved_filled ?? 0,
            cutoff: r.cutoff_score,
            generalCutoff: r.general_cutoff,
            reservedCutoff: r.reserved_cutoff,
          }
        : null,
  };
}

/** The round's positions, paged: departments in scope (with the last run's cut-offs) and talents in
 * the round (cut-offs once published). */
export async function listRoundPositions(deps: AppDeps, user: SessionUser | null, id: string, args: PageArgs): Promise<Page<RoundPositionDto>> {
  const me = signedIn(user);
  const round = me.role === 'graduate' ? (await talentRound(deps, me, id)).round : await departmentRound(deps, me, id);
  const showResult = me.role === 'graduate' ? isPublic(round.status) : round.status !== 'draft' && round.status !== 'collecting';
  const { items, total } = await repo.listRoundPositions(deps.database, id, args, chinaToday(deps.now()));
  return { items: items.map((r) => toRoundPositionDto(r, showResult)), total, page: args.page, pageSize: args.pageSize };
}

/** The round's talents, paged (department): directed or not, choices submitted and, after a run,
 * each one's proposal with its score breakdown, or why they are unassigned, and for both the posts
 * ranked above the outcome with the reason each refused. */
export async function listRoundTalents(deps: AppDeps, user: SessionUser | null, id: string, filters: RoundTalentFilters): Promise<Page<RoundTalentDto>> {
  await departmentRound(deps, user, id);
  const { items, total } = await repo.listRoundTalents(deps.database, id, filters);
  const parsed = items.map((r) => ({
    r,
    proposal: decodeProposalExplanation(r.proposal_explanation),
    talent: decodeUnassignedExplanation(r.talent_explanation),
  }));
  const withTitles = await titled(
    deps,
    parsed.flatMap((x) => [
      { roundId: id, talentId: x.r.talent_id, above: x.proposal?.above },
      { roundId: id, talentId: x.r.talent_id, above: x.talent?.above },
    ]),
  );
  const named = await withRegionNames(
    deps,
    parsed.map((x) => x.proposal?.adjustment ?? x.talent?.adjustment),
  );
  return {
    items: parsed.map(({ r, proposal, talent }) => ({
      talentId: r.talent_id,
      name: r.name,
      regionCode: r.region_code,
      directed: r.agreement_id !== null,
      agreementId: r.agreement_id,
      choices: Number(r.choices),
      listSource: r.list_source,
      proposal:
        r.proposal_id && proposal
          ? {
              proposalId: r.proposal_id,
              positionId: r.position_id!,
              positionTitle: r.position_title ?? '',
              employerName: r.employer_name ?? '',
              score: r.score!,
              seat: r.reserved ? 'reserved' : 'general',
              rank: proposal.rank,
              breakdown: proposalBreakdown(proposal.breakdown, { ...r, position_id: r.position_id! }),
              state: r.proposal_state ?? 'pending',
              pinned: proposal.pinned,
              adjustment: named(proposal.adjustment),
              viaAdjustment: proposal.viaAdjustment,
            }
          : null,
      adjustment: named(proposal?.adjustment ?? talent?.adjustment),
      unassignedReason: r.proposal_id ? null : (r.unassigned_reason as RoundTalentDto['unassignedReason']),
      above: withTitles(proposal?.above ?? talent?.above),
    })),
    total,
    page: filters.page,
    pageSize: filters.pageSize,
  };
}

/** The last run's result (department): the round with stats and digest, and a page of positions
 * with seats used, cut-offs and holders (best first). 409 before the round has run. */
export async function getRoundResult(deps: AppDeps, user: SessionUser | null, id: string, args: PageArgs): Promise<RoundResultDto> {
  const round = await departmentRound(deps, user, id);
  if (round.status === 'draft' || round.status === 'collecting') throw new AppError('invalid_state', 'The round has not run yet');
  const { items, total } = await repo.listRoundPositions(deps.database, id, args, chinaToday(deps.now()));
  const holders = await repo.holdersOf(
    deps.database,
    id,
    items.map((r) => r.position_id),
  );
  const byPosition = new Map<string, typeof holders>();
  for (const h of holders) {
    let l = byPosition.get(h.position_id);
    if (!l) byPosition.set(h.position_id, (l = []));
    l.push(h);
  }
  return {
    round: toRoundDto(round, true),
    positions: {
      items: items.map((r) => ({
        ...toRoundPositionDto(r, true),
        holders: (byPosition.get(r.position_id) ?? []).map((h) => ({
          proposalId: h.id,
          talentId: h.talent_id,
          talentName: h.name,
          directed: h.agreement_id !== null,
          score: h.score,
          seat: h.reserved ? ('reserved' as const) : ('general' as const),
          state: h.state ?? 'pending',
        })),
      })),
      total,
      page: args.page,
      pageSize: args.pageSize,
    },
  };
}

// ---------------------------------------------------------------- talents: my rounds and choices

/** Rounds the signed-in graduate is in (past draft), with their choices count and, once published,
 * their proposal or why they have none. */
export async function listMyRounds(deps: AppDeps, user: SessionUser | null, args: PageArgs): Promise<Page<TalentRoundDto>> {
  const me = requireRole(user, 'graduate');
  const talentId = await myTalentId(deps, me);
  if (!talentId) return { items: [], total: 0, ...args };
  const { items, total } = await repo.listTalentRounds(deps.database, talentId, args);
  // An unplaced talent reads why each post of their list did not take them, as a department does.
  const unplaced = items.map((r) => (isPublic(r.status) && !r.proposal_id ? decodeUnassignedExplanation(r.talent_explanation)?.above : undefined));
  const withTitles = await titled(
    deps,
    items.map((r, i) => ({ roundId: r.id, talentId, above: unplaced[i] })),
  );
  return {
    items: items.map((r, i) => {
      const visible = isPublic(r.status);
      return {
        round: toRoundDto(r, visible),
        choices: Number(r.my_choices),
        proposal:
          visible && r.proposal_id
            ? { id: r.proposal_id, positionId: r.proposal_position_id!, positionTitle: r.proposal_position_title ?? '', state: r.proposal_state ?? 'pending' }
            : null,
        unassignedReason: visible && !r.proposal_id ? r.unassigned_reason : null,
        listSource: visible ? ((r.list_source as 'submitted' | 'derived' | null) ?? null) : null,
        above: withTitles(unplaced[i]),
      };
    }),
    total,
    ...args,
  };
}

/** The graduate's ranked choices in a round they are in (empty: their list will be derived). */
export async function getMyChoices(deps: AppDeps, user: SessionUser | null, roundId: string): Promise<ChoicesDto> {
  const me = requireRole(user, 'graduate');
  const { round, talentId } = await talentRound(deps, me, roundId);
  const rows = await repo.choicesOf(deps.database, roundId, talentId);
  return {
    roundId,
    positions: rows.map((r) => ({ rank: r.rank, positionId: r.position_id, title: r.title, employerName: r.employer_name })),
    editable: choicesOpen(round, chinaToday(deps.now())),
  };
}

export const choicesOpen = (round: repo.RoundRow, today: string) => round.status === 'collecting' && (!round.choices_close_on || today <= round.choices_close_on);

/** Submits or replaces the graduate's ranked choices (1–30 distinct positions of the round, most
 * preferred first) while the round is collecting and its closing day has not passed. */
export async function submitChoices(deps: AppDeps, user: SessionUser | null, roundId: string, positionIds: string[]): Promise<ChoicesDto> {
  const me = requireRole(user, 'graduate');
  const { round, talentId } = await talentRound(deps, me, roundId);
  if (positionIds.length < 1) throw fieldError('positionIds', 'min_choices');
  if (positionIds.length > MAX_CHOICES) throw fieldError('positionIds', 'max_choices', { n: MAX_CHOICES });
  const seen = new Set<string>();
  positionIds.forEach((p, i) => {
    if (seen.has(p)) throw fieldError(`positionIds.${i}`, 'position_twice');
    seen.add(p);
  });
  assertChoicesOpen(round, chinaToday(deps.now()));
  const inRound = new Set((await repo.roundPositionsByIds(deps.database, roundId, positionIds)).map((r) => r.position_id));
  positionIds.forEach((p, i) => {
    if (!inRound.has(p)) throw fieldError(`positionIds.${i}`, 'not_in_round');
  });
  await replaceChoices(deps, roundId, talentId, positionIds);
  return getMyChoices(deps, me, roundId);
}

/** Withdraws the graduate's choices (their list will be derived from scores) while collecting. */
export async function withdrawChoices(deps: AppDeps, user: SessionUser | null, roundId: string): Promise<ChoicesDto> {
  const me = requireRole(user, 'graduate');
  const { round, talentId } = await talentRound(deps, me, roundId);
  assertChoicesOpen(round, chinaToday(deps.now()));
  await replaceChoices(deps, roundId, talentId, []);
  return getMyChoices(deps, me, roundId);
}

/** One talent's choices as one write unit, counted only while the round still collects them. */
async function replaceChoices(deps: AppDeps, roundId: string, talentId: string, positionIds: string[]): Promise<void> {
  const now = deps.now();
  const { revision } = await writeUnit(deps.database, now)
    .addAll(repo.replaceChoicesQueries(deps.database, roundId, talentId, positionIds))
    .add('revision', repo.bumpRevisionIf(deps.database, roundId, ['collecting'], now))
    .commit();
  assertApplied(revision);
}

export function assertChoicesOpen(round: repo.RoundRow, today: string): void {
  assertStatus(round, ['collecting'], 'take choices');
  if (round.choices_close_on && today > round.choices_close_on) throw new AppError('invalid_state', `Choices closed on ${round.choices_close_on}`);
}
