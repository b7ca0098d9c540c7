// How a run's explanations are stored (round_proposals.explanation, round_talents.explanation), and
// read back. A 50,000-talent round stores about a million refusals, so they are stored as short
// tuples that name a post by its index and leave out what can be derived (its rank is its place in
// the list; tie is "the score equals a cut-off"):
//   refusal    [j, score, cutoff]                  full (cutoff null: the general part has no seat)
//              [j, score, cutoff, reservedCutoff]  full, a directed talent compared for reserved seats too
//              [j, score, "reserved"]              reserved
//              [j, score, [ineligible reasons]]    ineligible
//              [positionId]                        not_in_round (a post outside the round has no index)
//              j: the post's index among the round's posts in id order — the order the run sorts
//              them in; a run round's posts cannot change, and every run rewrites every explanation
//   proposal   { rank, listSource, seat, refused: refusal[], pinned?: reason, adjust?: [region, from] }
//   unassigned { listSource, refused: refusal[], adjust?: [region, from] }
// Runs stored before this format hold `above` instead of `refused`, with tuples
// [positionId, rank, reason, score?, cutoff?, tie (0|1)?, reservedCutoff?, ineligible?]; both are read.
// The score breakdown is not stored: it is a function of the round's frozen inputs, derived when a
// page reads it (rounds.snapshot.ts proposalBreakdown). Runs stored before that hold
// `breakdown: [[factor, points, detail], …]`, which is still read.
// pinned: the talent was pinned to the post before the matching (rank is null, above empty);
// adjust: 服从调剂 — list entries from index `from` on are the eligible posts of `region` (issue #13).
import type { IneligibleReason, Refusal, RefusalSink, RoundResult, TalentOutcome } from '../matching';

export type StoredRefusal = {
  /** Empty until resolved from positionIndex (rounds.access.ts, titled). */
  positionId: string;
  /** The post's index among the round's posts in id order (the stored form). */
  positionIndex?: number;
  rank: number;
  reason: Refusal['reason'];
  score?: number;
  cutoff?: number | null;
  tie?: boolean;
  reservedCutoff?: number;
  ineligible?: string[];
  /** Not stored: derived from the frozen inputs when a page reads it (rounds.snapshot.ts addRefusalBreakdowns). */
  breakdown?: StoredFactor[];
};
export type StoredFactor = { factor: string; points: number; detail: string };

export interface Adjustment {
  regionCode: string;
  from: number;
}

export interface ProposalExplanation {
  /** null when pinned. */
  rank: number | null;
  listSource: 'submitted' | 'derived';
  seat: 'reserved' | 'general';
  /** Stored by runs before the breakdown was derived from the inputs; empty otherwise. */
  breakdown: StoredFactor[];
  above: StoredRefusal[];
  /** The department's reason when the talent was pinned to the post. */
  pinned: string | null;
  adjustment: Adjustment | null;
  /** Placed through 服从调剂 (the post comes from the adjustment part of the list). */
  viaAdjustment: boolean;
}

const encodeAdjust = (t: TalentOutcome) => (t.adjustment ? { adjust: [t.adjustment.regionCode, t.adjustment.from] } : {});

function decodeAdjust(v: unknown): Adjustment | null {
  return Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'number' ? { regionCode: v[0], from: v[1] } : null;
}

/** A post's index among the round's posts (in id order). */
export type PositionIndexOf = ReadonlyMap<string, number>;

/** One refusal as stored (see the top of this file). */
export function encodeRefusal(r: Refusal, index: PositionIndexOf): unknown[] {
  if (r.reason === 'not_in_round') return [r.positionId];
  const j = index.get(r.positionId);
  if (j === undefined) throw new Error(`internal: post ${r.positionId} refused a talent but is not in the round`);
  if (r.reason === 'ineligible') return [j, r.score, r.ineligible];
  if (r.reason === 'reserved') return [j, r.score, 'reserved'];
  return r.reservedCutoff === undefined ? [j, r.score, r.cutoff] : [j, r.score, r.cutoff, r.reservedCutoff];
}

/** A stored refusal of the current format at `rank`; positionId stays empty for an index. */
function decodeRefused(a: unknown, rank: number): StoredRefusal | null {
  if (!Array.isArray(a)) return null;
  if (typeof a[0] === 'string') return { positionId: a[0], rank, reason: 'not_in_round' };
  if (typeof a[0] !== 'number' || typeof a[1] !== 'number') return null;
  const base = { positionId: '', positionIndex: a[0], rank, score: a[1] };
  if (a[2] === 'reserved') return { ...base, reason: 'reserved', cutoff: null, tie: false };
  if (Array.isArray(a[2])) return { ...base, reason: 'ineligible', ineligible: a[2].filter((x): x is string => typeof x === 'string') };
  const cutoff = typeof a[2] === 'number' ? a[2] : null;
  const r: StoredRefusal = { ...base, reason: 'full', cutoff, tie: a[1] === cutoff };
  if (typeof a[3] === 'number') {
    r.reservedCutoff = a[3];
    r.tie = r.tie || a[1] === a[3];
  }
  return r;
}

/** A refusal of the format before `refused` (runs stored before it). */
export function decodeRefusal(a: unknown): StoredRefusal | null {
  if (!Array.isArray(a) || typeof a[0] !== 'string' || typeof a[1] !== 'number' || typeof a[2] !== 'string') return null;
  const r: StoredRefusal = { positionId: a[0], rank: a[1], reason: a[2] as Refusal['reason'] };
  if (r.reason === 'not_in_round') return r;
  if (typeof a[3] === 'number') r.score = a[3];
  if (r.reason === 'ineligible') {
    r.ineligible = Array.isArray(a[7]) ? a[7].filter((x): x is string => typeof x === 'string') : [];
    return r;
  }
  r.cutoff = typeof a[4] === 'number' ? a[4] : null;
  r.tie = a[5] === 1;
  if (typeof a[6] === 'number') r.reservedCutoff = a[6];
  return r;
}

function decodeBreakdown(b: unknown): StoredFactor[] {
  if (!Array.isArray(b)) return [];
  return b
    .filter((f): f is [string, number, string] => Array.isArray(f) && typeof f[0] === 'string' && typeof f[1] === 'number')
    .map((f) => ({ factor: f[0], points: f[1], detail: typeof f[2] === 'string' ? f[2] : '' }));
}

function decodeAbove(v: Record<string, unknown>): StoredRefusal[] {
  const list = Array.isArray(v.refused) ? v.refused.map(decodeRefused) : Array.isArray(v.above) ? v.above.map(decodeRefusal) : [];
  return list.filter((r): r is StoredRefusal => r !== null);
}

/** The stored explanation of an assigned talent's proposal. */
export function encodeProposalExplanation(t: TalentOutcome, index: PositionIndexOf, pinReason?: string) {
  return {
    rank: t.rank,
    listSource: t.listSource,
    seat: t.seat,
    refused: t.above.map((r) => encodeRefusal(r, index)),
    ...(t.pinned ? { pinned: pinReason ?? '' } : {}),
    ...encodeAdjust(t),
  };
}

/** The stored explanation of an unassigned talent. */
export function encodeUnassignedExplanation(t: TalentOutcome, index: PositionIndexOf) {
  return { listSource: t.listSource, refused: t.above.map((r) => encodeRefusal(r, index)), ...encodeAdjust(t) };
}

// The stored tuples, built straight from the core's values (RoundResult.eachRefusal): a run stores
// about a million refusals, and a Refusal object for each, then a Map lookup of its post and a tuple,
// was most of a run's garbage. The object encoders above stay the definition; the same JSON text
// (test/rounds/explanation-text.test.ts).

/** Collects one talent's refusals as stored tuples. */
class RefusedTuples implements RefusalSink {
  readonly tuples: unknown[][] = [];
  notInRound(positionId: string) {
    this.tuples.push([positionId]);
  }
  ineligible(j: number, score: number, reasons: IneligibleReason[]) {
    this.tuples.push([j, score, reasons]);
  }
  reserved(j: number, score: number) {
    this.tuples.push([j, score, 'reserved']);
  }
  full(j: number, score: number, cutoff: number | null, reservedCutoff: number | null) {
    this.tuples.push(reservedCutoff === null ? [j, score, cutoff] : [j, score, cutoff, reservedCutoff]);
  }
}

/** talents[i]'s refused tuples; j is the post's index in result.positions, which are in id order:
 * the index encodeRefusal looks up. */
function refusedTuples(result: RoundResult, i: number): unknown[][] {
  const sink = new RefusedTuples();
  result.eachRefusal(i, sink);
  return sink.tuples;
}

/** encodeProposalExplanation(result.talents[i], …), without the Refusal objects. */
export function proposalExplanationOf(result: RoundResult, i: number, pinReason?: string) {
  const t = result.talents[i];
  return {
    rank: t.rank,
    listSource: t.listSource,
    seat: t.seat,
    refused: refusedTuples(result, i),
    ...(t.pinned ? { pinned: pinReason ?? '' } : {}),
    ...encodeAdjust(t),
  };
}

/** encodeUnassignedExplanation(result.talents[i], …), without the Refusal objects. */
export function unassignedExplanationOf(result: RoundResult, i: number) {
  const t = result.talents[i];
  return { listSource: t.listSource, refused: refusedTuples(result, i), ...encodeAdjust(t) };
}

function parse(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function decodeProposalExplanation(text: string | null): ProposalExplanation | null {
  const v = parse(text);
  if (!v) return null;
  const pinned = typeof v.pinned === 'string' ? v.pinned : null;
  const rank = pinned === null ? (typeof v.rank === 'number' ? v.rank : 0) : null;
  const adjustment = decodeAdjust(v.adjust);
  return {
    rank,
    listSource: v.listSource === 'submitted' ? 'submitted' : 'derived',
    seat: v.seat === 'reserved' ? 'reserved' : 'general',
    breakdown: decodeBreakdown(v.breakdown),
    above: decodeAbove(v),
    pinned,
    adjustment,
    viaAdjustment: adjustment !== null && rank !== null && rank >= adjustment.from,
  };
}

export function decodeUnassignedExplanation(text: string | null): { above: StoredRefusal[]; adjustment: Adjustment | null } | null {
  const v = parse(text);
  return v ? { above: decodeAbove(v), adjustment: decodeAdjust(v.adjust) } : null;
}
