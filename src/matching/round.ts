// A placement round over plain data: build every talent's list (submitted, or derived from
// scores), run deferred acceptance, explain every outcome. Three steps so a caller (and the
// benchmark) can time them apart: buildRound → solveRound → explainRound; runRound does all three.
//
// Determinism: talents and positions are put in id order first, so the result does not depend
// on the order of the input arrays; the matching itself is the unique applicant-optimal stable
// matching, so it does not depend on the order of proposals either.
//
// Position tie-break (strict order of candidates at equal score), documented for users:
//   1. higher score; 2. directed talents before non-directed; 3. smaller talent id (plain
//   string comparison, i.e. UTF-16 code units; ids are ASCII).
// Talent-side tie-break for derived lists: higher score, then smaller position id.
import { deferredAcceptance, type DeferredAcceptanceInput, type DeferredAcceptanceResult } from './deferred-acceptance';
import { MatchContext, type PreparedPosition, type PreparedTalent } from './prepared';
import { MAX_LIST_LENGTH, PositionIndex } from './rank';
import { eligibilityReasons, explainPair, pointsOf } from './score';
import { AdjustmentIndex, lookup, seatPins, type IdMap, type PinnedSeat } from './extensions';
import type { FactorPoints, IneligibleReason, MatchPosition, MatchTalent, ReservePolicy, Weights } from './types';

export interface RoundInput {
  talents: readonly MatchTalent[];
  positions: readonly MatchPosition[];
  weights?: Partial<Weights> | null;
  /** Submitted ranked lists: talent id → position ids, most preferred first. Talents without one
   * get a derived list. Duplicates are dropped (first kept); unknown ids are reported, not used. */
  rankings?: ReadonlyMap<string, readonly string[]> | Readonly<Record<string, readonly string[]>> | null;
  /** Length of derived lists, at most 30 (default 30). */
  derivedListLength?: number;
  /** Reading of reserved seats (default reserved_first). */
  reservePolicy?: ReservePolicy | null;
  /** 服从调剂: talent id → region code; the talent's list continues with the eligible posts inside
   * that region it does not name, by score (extensions.ts). */
  adjustments?: IdMap<string>;
  /** Pinned placements: talent id → position id; each takes a seat before the matching (extensions.ts). */
  pins?: IdMap<string>;
}

export interface BuiltRound {
  ctx: MatchContext;
  talents: PreparedTalent[];
  positions: PreparedPosition[];
  /** Effective list of each talent (position ids as given, deduplicated), and whether submitted. */
  lists: string[][];
  submitted: boolean[];
  /** Rank (index in lists[t]) of each core entry. */
  listRank: Int32Array;
  core: DeferredAcceptanceInput;
  /** Pairs scored while building (derived lists + submitted entries). */
  pairsScored: number;
  /** Per position: how many lists name it (submitted, derived or 服从调剂 entries; eligible or not). */
  listsNaming: Int32Array;
  /** Per talent: index in lists[t] where the 服从调剂 entries start (−1: none), and its region. */
  adjustFrom: Int32Array;
  adjustRegion: (string | null)[];
  /** Per talent: the pinned seat, or null. */
  pinned: (PinnedSeat | null)[];
  /** Per position: seats and reserved seats before pins (the core's are what the pins left). */
  seatsBeforePins: Int32Array;
  reservedBeforePins: Int32Array;
}

/** Why a post the talent ranked above their outcome did not take them. */
export type Refusal =
  | { positionId: string; rank: number; reason: 'not_in_round' }
  | { positionId: string; rank: number; reason: 'ineligible'; score: number; ineligible: IneligibleReason[] }
  | {
      positionId: string;
      rank: number;
      /** full: every seat open to the talent is held by someone the post ranks higher;
       *  reserved: the only seats left are reserved, and held by directed talents. */
      reason: 'full' | 'reserved';
      score: number;
      /** Lowest score in the general part (what a non-directed talent had to beat), null if it has no seat. */
      cutoff: number | null;
      /** Directed talents only, at posts with reserved seats: lowest score among the reserved holders. */
      reservedCutoff?: number;
      /** The talent's score equals the cut-off it lost to: lost on the tie-break. */
      tie: boolean;
    };

/**
 * A refusal as plain values, for a caller that encodes about a million of them (a stored run): no
 * object per refusal. Called in rank order, once per post above the outcome, so the n-th call is
 * rank n. j is the post's index among the round's positions (id order). A full refusal's
 * reservedCutoff is null where the Refusal has none; its tie is score = cutoff or reservedCutoff.
 */
export interface RefusalSink {
  notInRound(positionId: string): void;
  ineligible(j: number, score: number, reasons: IneligibleReason[]): void;
  reserved(j: number, score: number): void;
  full(j: number, score: number, cutoff: number | null, reservedCutoff: number | null): void;
}

export type UnassignedReason =
  | 'empty_list' // submitted an empty list
  | 'no_eligible_position' // no list submitted and no post in the round they are eligible for
  | 'none_eligible' // submitted a list, and is eligible for none of its posts
  | 'all_refused'; // every eligible post on the list refused them

export interface TalentOutcome {
  talentId: string;
  directed: boolean;
  /** Placed by a pin before the matching (list empty, rank null). */
  pinned: boolean;
  /** 服从调剂: the region, and the index in `list` where its entries start. */
  adjustment: { regionCode: string; from: number } | null;
  listSource: 'submitted' | 'derived';
  list: string[];
  positionId: string | null;
  seat: 'reserved' | 'general' | null;
  /** Index of the assigned post in `list`. */
  rank: number | null;
  score: number | null;
  /** Built when first read (a run that stores no breakdown does not build one). */
  breakdown: FactorPoints[] | null;
  /** Every post on the list above the assigned one (the whole list when unassigned), and why not.
   * Built when first read; RoundResult.eachRefusal gives the same without the objects. */
  above: Refusal[];
  unassignedReason: UnassignedReason | null;
}

export interface HeldCandidate {
  talentId: string;
  score: number;
  seat: 'reserved' | 'general';
}

export interface PositionOutcome {
  positionId: string;
  /** Seats and reserved seats of the post in the round, pins included. */
  seats: number;
  reservedSeats: number;
  /** Best first (the position's order); pinned talents are not among them. */
  held: HeldCandidate[];
  /** Talents pinned to the post (talent id order within directed first). */
  pinned: HeldCandidate[];
  /** Reserved seats taken, by holders and pins. */
  reservedFilled: number;
  full: boolean;
  /** Lowest held score when full, null when a seat is left. */
  cutoff: number | null;
  /** Lowest score in the general part when full (null if not full or no general seat). */
  generalCutoff: number | null;
  /** Lowest score among reserved holders when every reserved seat is held by a directed talent. */
  reservedCutoff: number | null;
}

export interface RoundStats {
  talents: number;
  directedTalents: number;
  positions: number;
  seats: number;
  reservedSeats: number;
  listEntries: number;
  pairsScored: number;
  proposals: number;
  matched: number;
  matchedDirected: number;
  reservedFilled: number;
  unfilledSeats: number;
}

export interface RoundResult {
  /** In talent id order. */
  talents: TalentOutcome[];
  /** In position id order. */
  positions: PositionOutcome[];
  stats: RoundStats;
  /** talents[i].above, handed to `sink` value by value (not enumerable). */
  readonly eachRefusal: (talentIndex: number, sink: RefusalSink) => void;
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function assertUnique(items: readonly { id: string }[], what: string) {
  for (let i = 1; i < items.length; i++) if (items[i].id === items[i - 1].id) throw new RangeError(`duplicate ${what} id ${items[i].id}`);
}

function submittedList(rankings: RoundInput['rankings'], id: string): readonly string[] | undefined {
  if (!rankings) return undefined;
  if (rankings instanceof Map) return rankings.get(id);
  const r = rankings as Readonly<Record<string, readonly string[]>>;
  return Object.prototype.hasOwnProperty.call(r, id) ? r[id] : undefined;
}

export function buildRound(input: RoundInput): BuiltRound {
  const ctx = new MatchContext(input.weights);
  const seated = seatPins(input.talents, input.positions, input.pins, input.weights);
  const talents = [...input.talents].sort(byId).map((t) => ctx.talent(t));
  const positions = [...seated.positions].sort(byId).map((p) => ctx.position(p));
  const before = new Map(input.positions.map((p) => [p.id, p]));
  const seatsBeforePins = Int32Array.from(positions, (p) => Math.max(0, before.get(p.id)!.seats));
  const reservedBeforePins = Int32Array.from(positions, (p, j) => Math.min(Math.max(0, before.get(p.id)!.reservedSeats), seatsBeforePins[j]));
  const pinned = talents.map((t) => seated.pinned.get(t.id) ?? null);
  const adjustFrom = new Int32Array(talents.length).fill(-1);
  const adjustRegion: (string | null)[] = new Array(talents.length).fill(null);
  const adjust = new AdjustmentIndex(positions);
  assertUnique(talents, 'talent');
  assertUnique(positions, 'position');
  const n = talents.length;
  const m = positions.length;
  const k = Math.max(0, Math.min(MAX_LIST_LENGTH, Math.floor(input.derivedListLength ?? MAX_LIST_LENGTH)));

  const positionIndex = new Map<string, number>();
  positions.forEach((p, j) => positionIndex.set(p.id, j));
  const index = new PositionIndex(ctx, positions);
  const listed = new Int32Array(m).fill(-1); // talent that last listed each position: drops duplicates

  const listStart = new Int32Array(n + 1);
  const listsNaming = new Int32Array(m);
  // Room for every list as given or derived (服从调剂 entries may still grow it).
  let cap = 16;
  for (const t of talents) cap += submittedList(input.rankings, t.id)?.length ?? k;
  let listPosition = new Int32Array(cap);
  let listScore = new Float64Array(cap);
  let listRank = new Int32Array(cap);
  let used = 0;
  const grow = () => {
    cap *= 2;
    const lp = new Int32Array(cap);
    lp.set(listPosition);
    const ls = new Float64Array(cap);
    ls.set(listScore);
    const lr = new Int32Array(cap);
    lr.set(listRank);
    listPosition = lp;
    listScore = ls;
    listRank = lr;
  };

  const lists: string[][] = new Array(n);
  const submitted: boolean[] = new Array(n);
  let pairsScored = 0;
  for (let i = 0; i < n; i++) {
    const t = talents[i];
    listStart[i] = used;
    const given = submittedList(input.rankings, t.id);
    if (pinned[i]) {
      // A pinned talent does not compete: no list.
      lists[i] = [];
      submitted[i] = given !== undefined;
      continue;
    }
    if (given !== undefined) {
      const list: string[] = [];
      let unknown: Set<string> | null = null;
      const score = index.scorer(t);
      lists[i] = list;
      submitted[i] = true;
      for (const id of given) {
        const j = positionIndex.get(id);
        if (j === undefined) {
          unknown ??= new Set();
          if (!unknown.has(id)) unknown.add(id), list.push(id);
          continue;
        }
        if (listed[j] === i) continue;
        listed[j] = i;
        listsNaming[j]++;
        const r = list.length;
        list.push(id);
        pairsScored++;
        const s = score(j);
        if (s < 0) continue;
        if (used === cap) grow();
        listPosition[used] = j;
        listScore[used] = s;
        listRank[used] = r;
        used++;
      }
    } else {
      const top = index.top(t, k);
      pairsScored += top.scored;
      lists[i] = top.positions.map((j) => positions[j].id);
      submitted[i] = false;
      for (let r = 0; r < top.positions.length; r++) {
        if (used === cap) grow();
        listed[top.positions[r]] = i;
        listsNaming[top.positions[r]]++;
        listPosition[used] = top.positions[r];
        listScore[used] = top.scores[r];
        listRank[used] = r;
        used++;
      }
    }
    const region = lookup(input.adjustments, t.id);
    if (region) {
      const list = lists[i];
      adjustFrom[i] = list.length;
      adjustRegion[i] = region;
      const ext = adjust.extend(region, index.scorer(t), (j) => listed[j] === i);
      pairsScored += ext.scored;
      for (let x = 0; x < ext.positions.length; x++) {
        const j = ext.positions[x];
        listed[j] = i;
        listsNaming[j]++;
        if (used === cap) grow();
        listPosition[used] = j;
        listScore[used] = ext.scores[x];
        listRank[used] = list.length;
        list.push(positions[j].id);
        used++;
      }
    }
  }
  listStart[n] = used;

  // tieRank: directed talents first, then id order (talents are already in id order).
  const tieRank = new Int32Array(n);
  let next = 0;
  for (let i = 0; i < n; i++) if (talents[i].directed) tieRank[i] = next++;
  for (let i = 0; i < n; i++) if (!talents[i].directed) tieRank[i] = next++;

  const core: DeferredAcceptanceInput = {
    talentCount: n,
    positionCount: m,
    listStart,
    listPosition: listPosition.subarray(0, used),
    listScore: listScore.subarray(0, used),
    directed: Uint8Array.from(talents, (t) => (t.directed ? 1 : 0)),
    tieRank,
    seats: Int32Array.from(positions, (p) => p.seats),
    reserved: Int32Array.from(positions, (p) => p.reserved),
    reservePolicy: input.reservePolicy ?? 'reserved_first',
  };
  return {
    ctx,
    talents,
    positions,
    lists,
    submitted,
    listRank: listRank.subarray(0, used),
    core,
    pairsScored,
    listsNaming,
    adjustFrom,
    adjustRegion,
    pinned,
    seatsBeforePins,
    reservedBeforePins,
  };
}

export function solveRound(built: BuiltRound): DeferredAcceptanceResult {
  return deferredAcceptance(built.core);
}

export function explainRound(built: BuiltRound, da: DeferredAcceptanceResult): RoundResult {
  const { ctx, talents, positions, lists, submitted, listRank, core } = built;
  const { listStart, listPosition, listScore, tieRank, seats, reserved } = core;
  const { reservedCount, generalCount, reservedStart, reservedHeld, reservedScore, generalStart, generalHeld, generalScore } = da;
  const m = positions.length;
  const positionIndex = new Map<string, number>();
  positions.forEach((p, j) => positionIndex.set(p.id, j));

  // Seats the general part may use: all but the reserved seats held by directed talents.
  const full = (j: number) => reservedCount[j] + generalCount[j] === seats[j];
  const generalCap = (j: number) => seats[j] - reservedCount[j];
  const worse = (a: number, as: number, b: number, bs: number) => as < bs || (as === bs && tieRank[a] > tieRank[b]);

  const generalFirst = core.reservePolicy === 'general_first';
  // General-first only: per full position, whom a non-directed candidate had to beat (the worst
  // non-directed holder past the first g_j, else the g_j-th holder; −1: nobody, every seat is
  // reserved and held by a directed talent) and the last holder (what a directed one had to beat).
  const gfCutT = new Int32Array(m).fill(-1);
  const gfCutS = new Float64Array(m);
  const gfLastT = new Int32Array(m).fill(-1);
  const gfLastS = new Float64Array(m);
  const gfRestNonDirected = new Uint8Array(m);

  const pinnedAt: HeldCandidate[][] = Array.from({ length: m }, () => []);
  talents.forEach((t, i) => {
    const pin = built.pinned[i];
    if (pin) pinnedAt[positionIndex.get(pin.positionId)!].push({ talentId: t.id, score: pin.score, seat: pin.seat });
  });
  const positionOutcomes: PositionOutcome[] = new Array(m);
  let reservedFilledTotal = 0;
  let unfilledSeats = 0;
  for (let j = 0; j < m; j++) {
    const held: { t: number; s: number; seat: 'reserved' | 'general' }[] = [];
    for (let x = 0; x < reservedCount[j]; x++) held.push({ t: reservedHeld[reservedStart[j] + x], s: reservedScore[reservedStart[j] + x], seat: 'reserved' });
    for (let x = 0; x < generalCount[j]; x++) held.push({ t: generalHeld[generalStart[j] + x], s: generalScore[generalStart[j] + x], seat: 'general' });
    held.sort((a, b) => b.s - a.s || tieRank[a.t] - tieRank[b.t]);
    const isFull = full(j);
    if (generalFirst && isFull && held.length > 0) {
      const g = seats[j] - reserved[j];
      gfLastT[j] = held[held.length - 1].t;
      gfLastS[j] = held[held.length - 1].s;
      for (let k = held.length - 1; k >= g; k--) {
        if (!talents[held[k].t].directed) {
          gfCutT[j] = held[k].t;
          gfCutS[j] = held[k].s;
          gfRestNonDirected[j] = 1;
          break;
        }
      }
      if (gfCutT[j] < 0 && g > 0) {
        gfCutT[j] = held[g - 1].t;
        gfCutS[j] = held[g - 1].s;
      }
    }
    const pinnedReserved = pinnedAt[j].filter((h) => h.seat === 'reserved').length;
    reservedFilledTotal += reservedCount[j] + pinnedReserved;
    unfilledSeats += seats[j] - held.length;
    positionOutcomes[j] = {
      positionId: positions[j].id,
      seats: built.seatsBeforePins[j],
      reservedSeats: built.reservedBeforePins[j],
      held: held.map((h) => ({ talentId: talents[h.t].id, score: h.s, seat: h.seat })),
      pinned: pinnedAt[j],
      reservedFilled: reservedCount[j] + pinnedReserved,
      full: isFull,
      cutoff: isFull && held.length > 0 ? held[held.length - 1].s : null,
      generalCutoff: generalFirst ? (gfCutT[j] >= 0 ? gfCutS[j] : null) : isFull && generalCount[j] > 0 ? generalScore[generalStart[j]] : null,
      reservedCutoff: reserved[j] > 0 && reservedCount[j] === reserved[j] ? reservedScore[reservedStart[j]] : null,
    };
  }

  /** Why position j refused talent i with score s, handed to `sink`; throws if it would in fact
   * take them (a bug). */
  function refuse(i: number, j: number, s: number, sink: RefusalSink): void {
    if (generalFirst) {
      refuseGeneralFirst(i, j, s, sink);
      return;
    }
    const cap = generalCap(j);
    const gTop = generalStart[j];
    const beatsGeneral = generalCount[j] < cap || (generalCount[j] > 0 && worse(generalHeld[gTop], generalScore[gTop], i, s));
    if (talents[i].directed && reserved[j] > 0) {
      const rTop = reservedStart[j];
      const beatsReserved = reservedCount[j] < reserved[j] || worse(reservedHeld[rTop], reservedScore[rTop], i, s);
      if (beatsReserved || beatsGeneral) throw new Error(`internal: position ${positions[j].id} would take talent ${talents[i].id}`);
      sink.full(j, s, generalCount[j] > 0 ? generalScore[gTop] : null, reservedScore[rTop]);
      return;
    }
    if (beatsGeneral) throw new Error(`internal: position ${positions[j].id} would take talent ${talents[i].id}`);
    if (cap === 0) sink.reserved(j, s);
    else sink.full(j, s, generalScore[gTop], null);
  }

  function refuseGeneralFirst(i: number, j: number, s: number, sink: RefusalSink): void {
    const bug = () => new Error(`internal: position ${positions[j].id} would take talent ${talents[i].id}`);
    if (!full(j)) throw bug();
    if (talents[i].directed) {
      // Taken unless every holder past the general seats is directed and all rank above them.
      if (gfRestNonDirected[j] || worse(gfLastT[j], gfLastS[j], i, s)) throw bug();
      sink.full(j, s, gfLastS[j], reserved[j] > 0 ? gfLastS[j] : null);
      return;
    }
    if (gfCutT[j] < 0) {
      sink.reserved(j, s);
      return;
    }
    if (worse(gfCutT[j], gfCutS[j], i, s)) throw bug();
    sink.full(j, s, gfCutS[j], null);
  }

  /** The refusals of talent i, best rank first: every post on the list above the outcome. */
  function eachRefusal(i: number, sink: RefusalSink): void {
    if (built.pinned[i]) return;
    const t = talents[i];
    const list = lists[i];
    const e = da.matchedEntry[i];
    const assignedRank = e >= 0 ? listRank[e] : list.length;
    let entry = listStart[i];
    for (let r = 0; r < assignedRank; r++) {
      if (entry < listStart[i + 1] && listRank[entry] === r) {
        refuse(i, listPosition[entry], listScore[entry], sink);
        entry++;
        continue;
      }
      const j = positionIndex.get(list[r]);
      if (j === undefined) sink.notInRound(list[r]);
      else sink.ineligible(j, pointsOf(ctx, t, positions[j]), eligibilityReasons(t, positions[j]));
    }
  }

  /** eachRefusal as Refusal objects (TalentOutcome.above, built when first read). */
  function refusals(i: number): Refusal[] {
    const out: Refusal[] = [];
    const id = (j: number) => positions[j].id;
    eachRefusal(i, {
      notInRound: (positionId) => out.push({ positionId, rank: out.length, reason: 'not_in_round' }),
      ineligible: (j, score, ineligible) => out.push({ positionId: id(j), rank: out.length, reason: 'ineligible', score, ineligible }),
      reserved: (j, score) => out.push({ positionId: id(j), rank: out.length, reason: 'reserved', score, cutoff: null, tie: false }),
      full: (j, score, cutoff, reservedCutoff) =>
        out.push({
          positionId: id(j),
          rank: out.length,
          reason: 'full',
          score,
          cutoff,
          ...(reservedCutoff !== null ? { reservedCutoff } : {}),
          tie: score === cutoff || score === reservedCutoff,
        }),
    });
    return out;
  }

  const talentOutcomes: TalentOutcome[] = new Array(talents.length);
  let matched = 0;
  let matchedDirected = 0;
  for (let i = 0; i < talents.length; i++) {
    const t = talents[i];
    const list = lists[i];
    const pin = built.pinned[i];
    let above: Refusal[] | undefined;
    let breakdown: FactorPoints[] | null | undefined;
    if (pin) {
      matched++;
      if (t.directed) matchedDirected++;
      const j = positionIndex.get(pin.positionId)!;
      talentOutcomes[i] = {
        talentId: t.id,
        directed: t.directed,
        pinned: true,
        adjustment: null,
        listSource: submitted[i] ? 'submitted' : 'derived',
        list,
        positionId: pin.positionId,
        seat: pin.seat,
        rank: null,
        score: pin.score,
        get breakdown() {
          return (breakdown ??= explainPair(ctx, t, positions[j]).breakdown);
        },
        above: [],
        unassignedReason: null,
      };
      continue;
    }
    const e = da.matchedEntry[i];
    let unassignedReason: UnassignedReason | null = null;
    if (e < 0) {
      const eligibleEntries = listStart[i + 1] - listStart[i];
      unassignedReason = list.length === 0 ? (submitted[i] ? 'empty_list' : 'no_eligible_position') : eligibleEntries === 0 ? 'none_eligible' : 'all_refused';
    } else {
      matched++;
      if (t.directed) matchedDirected++;
    }
    const j = e >= 0 ? listPosition[e] : -1;
    talentOutcomes[i] = {
      talentId: t.id,
      directed: t.directed,
      pinned: false,
      adjustment: built.adjustFrom[i] >= 0 ? { regionCode: built.adjustRegion[i]!, from: built.adjustFrom[i] } : null,
      listSource: submitted[i] ? 'submitted' : 'derived',
      list,
      positionId: j >= 0 ? positions[j].id : null,
      seat: j >= 0 ? (da.inReserved[i] ? 'reserved' : 'general') : null,
      rank: e >= 0 ? listRank[e] : null,
      score: e >= 0 ? listScore[e] : null,
      get breakdown() {
        return breakdown === undefined ? (breakdown = j >= 0 ? explainPair(ctx, t, positions[j]).breakdown : null) : breakdown;
      },
      get above() {
        return (above ??= refusals(i));
      },
      unassignedReason,
    };
  }

  const result: RoundResult = {
    talents: talentOutcomes,
    positions: positionOutcomes,
    stats: {
      talents: talents.length,
      directedTalents: talents.filter((t) => t.directed).length,
      positions: m,
      seats: built.seatsBeforePins.reduce((a, x) => a + x, 0),
      reservedSeats: built.reservedBeforePins.reduce((a, x) => a + x, 0),
      listEntries: listStart[talents.length],
      pairsScored: built.pairsScored,
      proposals: da.proposals,
      matched,
      matchedDirected,
      reservedFilled: reservedFilledTotal,
      unfilledSeats,
    },
  } as RoundResult;
  // Not enumerable: results compare (and serialise) by their data.
  Object.defineProperty(result, 'eachRefusal', { value: eachRefusal, enumerable: false });
  return result;
}

export function runRound(input: RoundInput): RoundResult {
  const built = buildRound(input);
  return explainRound(built, solveRound(built));
}
