// View models of the round pages (web/pages/rounds/): everything one page shows, loaded in one call
// through the same service functions as the JSON API (so the same permission checks), so that the
// page's components are synchronous functions of their props (ARCHITECTURE.md, "Layers").
import type { AppDeps, SessionUser } from '../lib/context';
import { listOpenPositions } from '../positions';
import { getMyAdjustment } from './rounds.adjustment';
import { myNotices, type RoundNoticeDto } from './rounds.notices';
import { listPins, pinOptions, PIN_QUERY_MAX } from './rounds.pins';
import { getMyChoices, getRound, getRoundResult, listMyProposals, listMyRounds, listRoundPositions, listRoundTalents } from './rounds.service';
import type { Page } from './rounds.access';
import {
  EDITABLE_STATUSES,
  type ChoicesDto,
  type ProposalDto,
  type RoundDto,
  type RoundPositionDto,
  type RoundResultDto,
  type RoundTalentDto,
  type TalentRoundDto,
} from './rounds.schemas';
import type { AdjustmentDto, PinDto } from './rounds.extensions.schemas';

/** Every page of a paged service (page size 100). */
export async function allPages<T>(fetchPage: (page: number) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
  const out: T[] = [];
  for (let p = 1; ; p++) {
    const r = await fetchPage(p);
    out.push(...r.items);
    if (r.items.length === 0 || out.length >= r.total) return out;
  }
}

export interface DepartmentRoundQuery {
  outcome?: 'assigned' | 'unassigned';
  talentPage: number;
  positionPage: number;
  pinQuery: { talent: string; position: string };
}

export interface DepartmentRoundView {
  round: RoundDto;
  /** Before a run: the round's posts (a page of 50). */
  positions: Page<RoundPositionDto> | null;
  /** After a run: the result with a page of 20 posts, their cut-offs and holders. */
  result: RoundResultDto | null;
  /** A page of 20 talents (after a run, filtered by outcome). */
  talents: Page<RoundTalentDto>;
  pins: PinDto[];
  /** What the pin form offers, while pins can change. */
  pinOptions: Awaited<ReturnType<typeof pinOptions>> | null;
  /** While editable: open posts of the region not in the round yet (what "add" offers). */
  openToAdd: { id: string; title: string; employerName: string; seats: number }[];
}

/** The department's page of one round (department in scope; 404 otherwise). */
export async function departmentRoundView(deps: AppDeps, user: SessionUser | null, id: string, q: DepartmentRoundQuery): Promise<DepartmentRoundView> {
  const round = await getRound(deps, user, id);
  const editable = EDITABLE_STATUSES.includes(round.status);
  const ran = !editable;
  const pinsOpen = editable || round.status === 'run';
  const pinQuery = { talent: q.pinQuery.talent.slice(0, PIN_QUERY_MAX), position: q.pinQuery.position.slice(0, PIN_QUERY_MAX) };
  const [positions, result, talents, pins, options] = await Promise.all([
    ran ? Promise.resolve(null) : listRoundPositions(deps, user, id, { page: q.positionPage, pageSize: 50 }),
    ran ? getRoundResult(deps, user, id, { page: q.positionPage, pageSize: 20 }) : Promise.resolve(null),
    listRoundTalents(deps, user, id, { page: q.talentPage, pageSize: 20, outcome: ran ? q.outcome : undefined }),
    listPins(deps, user, id),
    pinsOpen ? pinOptions(deps, user, id, pinQuery) : Promise.resolve(null),
  ]);
  let openToAdd: DepartmentRoundView['openToAdd'] = [];
  if (editable) {
    const inRound = new Set((await allPages((n) => listRoundPositions(deps, user, id, { page: n, pageSize: 100 }))).map((p) => p.positionId));
    const open = await listOpenPositions(deps, { regionCode: round.regionCode, page: 1, pageSize: 100 });
    openToAdd = open.items.filter((p) => !inRound.has(p.id)).map((p) => ({ id: p.id, title: p.title, employerName: p.employerName, seats: p.seats }));
  }
  return { round, positions, result, talents, pins: pins.items, pinOptions: options, openToAdd };
}

export interface MyRoundView {
  item: TalentRoundDto;
  /** While collecting: every post of the round (what the choice selects offer). */
  positions: RoundPositionDto[];
  choices: ChoicesDto | null;
  proposal: ProposalDto | null;
  adjustment: AdjustmentDto | null;
}

/** The graduate's rounds page: a page of 20 of their rounds, each with what its card shows, and their notices. */
export async function myRoundsView(
  deps: AppDeps,
  user: SessionUser | null,
  page: number,
): Promise<{ rounds: Page<TalentRoundDto>; views: MyRoundView[]; notices: RoundNoticeDto[] }> {
  const rounds = await listMyRounds(deps, user, { page, pageSize: 20 });
  const views = await Promise.all(
    rounds.items.map(async (item): Promise<MyRoundView> => {
      const s = item.round.status;
      const [positions, choices, proposals, adjustment] = await Promise.all([
        s === 'collecting' ? allPages((p) => listRoundPositions(deps, user, item.round.id, { page: p, pageSize: 100 })) : Promise.resolve([]),
        s === 'collecting' || s === 'run' ? getMyChoices(deps, user, item.round.id) : Promise.resolve(null),
        item.proposal ? listMyProposals(deps, user, { roundId: item.round.id, page: 1, pageSize: 1 }) : Promise.resolve(null),
        s === 'collecting' || s === 'run' ? getMyAdjustment(deps, user, item.round.id) : Promise.resolve(null),
      ]);
      return { item, positions, choices, proposal: proposals?.items[0] ?? null, adjustment };
    }),
  );
  const notices = await myNotices(deps, user);
  return { rounds, views, notices };
}
