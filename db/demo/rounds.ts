// One placement round (匹配批次) of the showcase city's department, collecting ranked choices: open
// posts of the city with the seats still free (net of the people already placed on them) and some
// reserved for directed graduates; the directed graduates of the city awaiting placement and other
// local graduates looking for work; ranked choices from about half of them, over posts they are
// eligible for (the matching core's own hard constraints), best-scoring first with a little taste.
import { MatchContext, quickScore, type MatchTalent } from '../../src/matching/index';
import type { Talent } from '../schema';
import { graduationMs, type AgreementPlan } from './agreements';
import type { UserRow } from './departments';
import type { PlacementBook } from './placements';
import type { PositionPlan } from './positions';
import { DAY, HOUR, isoDate, type Rng } from './random';

/** The columns of migration 0003 (later migrations add columns with defaults). */
export interface RoundRow {
  id: string;
  name: string;
  department_user_id: string;
  region_code: string;
  status: 'collecting';
  weights: string;
  choices_close_on: string | null;
  run_at: number | null;
  published_at: number | null;
  result_digest: string | null;
  created_at: number;
  updated_at: number;
}

export interface RoundPositionRow {
  round_id: string;
  position_id: string;
  seats: number;
  reserved_seats: number;
  cutoff_score: number | null;
  filled: number | null;
}

export interface RoundTalentRow {
  round_id: string;
  talent_id: string;
  agreement_id: string | null;
  unassigned_reason: string | null;
}

export interface RoundChoiceRow {
  round_id: string;
  talent_id: string;
  rank: number;
  position_id: string;
}

export interface RoundPlan {
  round: RoundRow;
  /** The showcase employer's post the showcase graduate gets if she ranks it first: it keeps a
   * reserved seat for every directed graduate in the round who might outscore her there, and one for her. */
  showcasePositionId: string;
  positions: RoundPositionRow[];
  talents: RoundTalentRow[];
  choices: RoundChoiceRow[];
}

export interface RoundInput {
  rng: Rng;
  now: number;
  city: { code: string; name: string };
  department: UserRow;
  positions: PositionPlan[];
  /** Posts that must be in the round if they have a free seat (the showcase employer's). */
  mustInclude: string[];
  agreements: AgreementPlan[];
  talents: Talent[];
  book: PlacementBook;
  /** Must be in the round, without choices yet (the showcase graduate, so they can rank posts). */
  showcaseTalentId: string;
  /** The showcase employer: one of its posts is sized so the showcase graduate gets it as her first choice. */
  showcaseEmployerId: string;
}

/** Scores in the run may exceed the quick estimate here by this much (history of post kinds). */
const RIVAL_MARGIN = 10;

const MAX_CHOICES = 8;

export function planCollectingRound(input: RoundInput): RoundPlan {
  const { rng, now, city, department, book } = input;
  const id = rng.id();
  const createdAt = now - rng.int(3, 8) * DAY - rng.int(1, 6) * HOUR;
  const round: RoundRow = {
    id,
    name: `${city.name}${new Date(now).getUTCFullYear()}年基层社会工作岗位统一匹配（第一批）`,
    department_user_id: department.id,
    region_code: city.code,
    status: 'collecting',
    weights: '{}',
    choices_close_on: isoDate(book.todayMs + 7 * DAY),
    run_at: null,
    published_at: null,
    result_digest: null,
    created_at: createdAt,
    updated_at: createdAt + rng.int(2, 30) * HOUR,
  };

  // Posts: open in the city until at least the day choices close, with seats nobody fills yet.
  const taken = new Map<string, number>();
  for (const p of book.rows) if (p.position_id && p.kind === 'employment' && p.end_on === null) taken.set(p.position_id, (taken.get(p.position_id) ?? 0) + 1);
  const free = (p: PositionPlan) => p.row.seats - (taken.get(p.row.id) ?? 0);
  const open = input.positions.filter((p) => p.row.status === 'open' && p.row.region_code.startsWith(city.code) && p.row.closes_on >= round.choices_close_on! && free(p) >= 1);
  const must = open.filter((p) => input.mustInclude.includes(p.row.id));
  const others = shuffle(
    rng,
    open.filter((p) => !input.mustInclude.includes(p.row.id)),
  );
  const chosen = [...must, ...others.slice(0, Math.max(0, Math.min(40, Math.max(8, Math.ceil(open.length * 0.35))) - must.length))];
  const positions: RoundPositionRow[] = chosen.map((p) => ({
    round_id: id,
    position_id: p.row.id,
    seats: free(p),
    reserved_seats: Math.min(p.row.reserved_seats, free(p)),
    cutoff_score: null,
    filled: null,
  }));
  if (positions.length > 0 && !positions.some((p) => p.reserved_seats > 0)) {
    // The department keeps at least one seat for directed graduates.
    positions.reduce((a, b) => (b.seats > a.seats ? b : a)).reserved_seats = 1;
  }
  const seats = positions.reduce((n, p) => n + p.seats, 0);

  // Talents: directed graduates awaiting a post that this city's posts can serve, then other local
  // graduates who are looking, up to about one and a half applicants per seat.
  const talentById = new Map(input.talents.map((t) => [t.id, t]));
  const directed = input.agreements.filter(
    (a) =>
      a.row.status === 'awaiting_placement' &&
      (a.row.target_region_code.startsWith(city.code) || (city.code.startsWith(a.row.target_region_code) && a.talent.region_code!.startsWith(city.code))),
  );
  const inRound = new Map<string, string | null>();
  for (const a of directed) if (!inRound.has(a.row.talent_id)) inRound.set(a.row.talent_id, a.row.id);
  const withAgreement = new Set(input.agreements.map((a) => a.row.talent_id));
  const locals = shuffle(
    rng,
    input.talents.filter(
      (t) =>
        t.region_code!.startsWith(city.code) &&
        !withAgreement.has(t.id) &&
        (t.availability === 'available' || t.availability === 'later') &&
        !book.hasOpenEmployment(t.id) &&
        graduationMs(t.graduation_year!) <= book.todayMs,
    ),
  );
  const wanted = Math.max(inRound.size + 5, Math.ceil(seats * 1.5));
  for (const t of locals) {
    if (inRound.size >= wanted) break;
    inRound.set(t.id, null);
  }
  const talents: RoundTalentRow[] = [...inRound].map(([talent_id, agreement_id]) => ({ round_id: id, talent_id, agreement_id, unassigned_reason: null }));

  // Choices: about half have ranked some eligible posts.
  const ctx = new MatchContext();
  const prepared = chosen.map((p, i) =>
    ctx.position({
      id: p.row.id,
      employerId: p.row.employer_id,
      kind: p.row.kind,
      regionCode: p.row.region_code,
      seats: positions[i].seats,
      reservedSeats: positions[i].reserved_seats,
      minEducation: p.row.min_education,
      minQualification: p.row.min_qualification,
      serviceAreas: p.areas,
      languages: JSON.parse(p.row.languages) as string[],
      open: true,
    }),
  );
  const agreementById = new Map(input.agreements.map((a) => [a.row.id, a.row]));
  const kindOf = new Map(input.positions.map((p) => [p.row.id, p.row.kind]));
  const prepare = (rt: RoundTalentRow) => ctx.talent(matchTalent(talentById.get(rt.talent_id)!, rt.agreement_id ? agreementById.get(rt.agreement_id)! : null, book, kindOf));

  // The walk-through: the showcase graduate ranks a post of the showcase employer first and gets it
  // (see demo.ts). In the run, a directed graduate holds one of a post's reserved seats while fewer
  // than that many directed proposers rank above them, so the post chosen (the one with the fewest
  // directed rivals scoring near or above her) reserves a seat for each rival and one for her.
  const me = talents.find((rt) => rt.talent_id === input.showcaseTalentId);
  if (!me) throw new Error('The showcase graduate is not in the round');
  const prepMe = prepare(me);
  const directedRivals = talents.filter((rt) => rt.agreement_id !== null && rt !== me).map(prepare);
  let best: { i: number; rivals: number } | null = null;
  chosen.forEach((p, i) => {
    if (p.row.employer_id !== input.showcaseEmployerId) return;
    const mine = quickScore(ctx, prepMe, prepared[i]);
    if (mine < 0) return;
    const rivals = directedRivals.filter((r) => quickScore(ctx, r, prepared[i]) >= mine - RIVAL_MARGIN).length;
    if (!best || rivals < best.rivals) best = { i, rivals };
  });
  if (!best) throw new Error('The showcase graduate is eligible for none of the showcase employer’s posts in the round');
  const { i: showcaseIndex, rivals } = best as { i: number; rivals: number };
  const post = chosen[showcaseIndex];
  const need = rivals + 1;
  if (positions[showcaseIndex].seats < need) {
    post.row.seats += need - positions[showcaseIndex].seats;
    positions[showcaseIndex].seats = need;
  }
  positions[showcaseIndex].reserved_seats = need;
  post.row.reserved_seats = Math.min(post.row.seats, Math.max(post.row.reserved_seats, need));

  const choices: RoundChoiceRow[] = [];
  for (const rt of talents) {
    if (rt.talent_id === input.showcaseTalentId || !rng.chance(0.5)) continue;
    const t = talentById.get(rt.talent_id)!;
    const agreement = rt.agreement_id ? agreementById.get(rt.agreement_id)! : null;
    const prepTalent = ctx.talent(matchTalent(t, agreement, book, kindOf));
    const ranked = prepared
      .map((p) => ({ p, score: quickScore(ctx, prepTalent, p) }))
      .filter((x) => x.score >= 0)
      .map((x) => ({ ...x, taste: x.score + rng.next() * 25 }))
      .sort((a, b) => b.taste - a.taste || (a.p.id < b.p.id ? -1 : 1));
    const n = Math.min(ranked.length, rng.int(1, MAX_CHOICES));
    for (let i = 0; i < n; i++) choices.push({ round_id: id, talent_id: t.id, rank: i + 1, position_id: ranked[i].p.id });
  }
  return { round, showcasePositionId: post.row.id, positions, talents, choices };
}

function matchTalent(
  t: Talent,
  agreement: { target_region_code: string; target_employer_id: string | null } | null,
  book: PlacementBook,
  kindOf: Map<string, string>,
): MatchTalent {
  const history = book.byTalent.get(t.id) ?? [];
  const kinds = new Set(history.map((p) => (p.position_id ? kindOf.get(p.position_id) : undefined)).filter((k): k is string => k !== undefined));
  return {
    id: t.id,
    educationLevel: t.education_level,
    qualificationLevel: t.qualification_level,
    serviceAreas: JSON.parse(t.service_areas) as string[],
    languages: JSON.parse(t.languages) as string[],
    regionCode: t.region_code,
    preferredRegions: JSON.parse(t.preferred_regions) as string[],
    directed: agreement ? { targetRegionCode: agreement.target_region_code, targetEmployerId: agreement.target_employer_id } : null,
    history: {
      employerIds: history.filter((p) => p.kind === 'employment').map((p) => p.employer_id),
      positionKinds: [...kinds],
      internshipEmployerIds: history.filter((p) => p.kind === 'internship').map((p) => p.employer_id),
    },
  };
}

function shuffle<T>(rng: Rng, items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
