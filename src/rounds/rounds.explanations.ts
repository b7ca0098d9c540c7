// How a run's explanations are stored (round_proposals.explanation, round_talents.explanation), and
// read back. A 50,000-talent round stores tens of thousands of refusals, so they are stored as
// compact tuples rather than objects (about a third of the bytes to serialise, hash and write):
//   refusal    [positionId, rank, reason, score?, cutoff?, tie (0|1)?, reservedCutoff?, ineligible?]
//              trailing absent fields are dropped; null fills a gap
//   breakdown  [[factor, points, detail], …]
//   proposal   { rank, listSource, seat, breakdown, above: refusal[], pinned?: reason, adjust?: [region, from] }
//   unassigned { listSource, above: refusal[], adjust?: [region, from] }
// pinned: the talent was pinned to the post before the matching (rank is null, above empty);
// adjust: 服从调剂 — list entries from index `from` on are the eligible posts of `region` (issue #13).
import type { FactorPoints, Refusal, TalentOutcome } from '../matching';

export type StoredRefusal = {
  positionId: string;
  rank: number;
  reason: Refusal['reason'];
  score?: number;
  cutoff?: number | null;
  tie?: boolean;
  reservedCutoff?: number;
  ineligible?: string[];
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

export function encodeRefusal(r: Refusal): unknown[] {
  switch (r.reason) {
    case 'not_in_round':
      return [r.positionId, r.rank, r.reason];
    case 'ineligible':
      return [r.positionId, r.rank, r.reason, r.score, null, null, null, r.ineligible];
    default: {
      const out: unknown[] = [r.positionId, r.rank, r.reason, r.score, r.cutoff, r.tie ? 1 : 0];
      if (r.reservedCutoff !== undefined) out.push(r.reservedCutoff);
      return out;
    }
  }
}

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

const encodeBreakdown = (b: readonly FactorPoints[] | null) => (b ?? []).map((f) => [f.factor, f.points, f.detail]);

function decodeBreakdown(b: unknown): StoredFactor[] {
  if (!Array.isArray(b)) return [];
  return b
    .filter((f): f is [string, number, string] => Array.isArray(f) && typeof f[0] === 'string' && typeof f[1] === 'number')
    .map((f) => ({ factor: f[0], points: f[1], detail: typeof f[2] === 'string' ? f[2] : '' }));
}

const decodeAbove = (a: unknown): StoredRefusal[] => (Array.isArray(a) ? a.map(decodeRefusal).filter((r): r is StoredRefusal => r !== null) : []);

/** The stored explanation of an assigned talent's proposal. */
export function encodeProposalExplanation(t: TalentOutcome, pinReason?: string) {
  return {
    rank: t.rank,
    listSource: t.listSource,
    seat: t.seat,
    breakdown: encodeBreakdown(t.breakdown),
    above: t.above.map(encodeRefusal),
    ...(t.pinned ? { pinned: pinReason ?? '' } : {}),
    ...encodeAdjust(t),
  };
}

/** The stored explanation of an unassigned talent. */
export function encodeUnassignedExplanation(t: TalentOutcome) {
  return { listSource: t.listSource, above: t.above.map(encodeRefusal), ...encodeAdjust(t) };
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
    above: decodeAbove(v.above),
    pinned,
    adjustment,
    viaAdjustment: adjustment !== null && rank !== null && rank >= adjustment.from,
  };
}

export function decodeUnassignedExplanation(text: string | null): { above: StoredRefusal[]; adjustment: Adjustment | null } | null {
  const v = parse(text);
  return v ? { above: decodeAbove(v.above), adjustment: decodeAdjust(v.adjust) } : null;
}
