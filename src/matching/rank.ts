// A talent's ranked list when they submitted none: their top K eligible posts by score (ties: the
// smaller position index first; round.ts indexes positions by id, so the smaller id), K ≤ 30.
//
// Candidate generation does not score every pair blindly, yet returns exactly the top K that
// scoring every pair would. Positions are bucketed by region (sorted by region code, so a
// subtree is a contiguous range) and by service area (one region-sorted list per area). Every
// score splits into region points (preferred region + distance, which depend only on where the
// post is) and the rest, and the rest has a per-talent upper bound. Buckets come from the
// talent's "anchor" regions — home, preferred regions, directed target — and their ancestors:
// for each anchor node n, the posts exactly at n and the posts strictly below n; each split into
// posts sharing one of the talent's service areas and the others. Every bucket has an upper bound
// (its region points + the bound on the rest); buckets are visited best bound first and the
// search stops as soon as the K-th best score found beats every remaining bound. Posts at the
// talent's past employers are scored first, so employer-history points need not inflate the
// bounds. A directed talent searches only their target subtree (or target employer).
import { subtreeRange } from '../lib/regions-range';
import { popcount, type MatchContext, type PreparedPosition, type PreparedTalent } from './prepared';
import { ancestorsOrSelf, commonLevel } from './regions';
import { distancePoints, quickScore, regionPoints } from './score';

export const MAX_LIST_LENGTH = 30;

export interface RankedList {
  /** Position indices, best first. */
  positions: number[];
  scores: number[];
  /** Pairs scored to find them (for benchmarks; the blind way is every position). */
  scored: number;
}

interface Bucket {
  bound: number;
  from: string;
  to: string;
  /** Walk the service-area lists instead of the whole region range. */
  byArea: boolean;
}

function lowerBound(keys: readonly string[], key: string, lo = 0, hi = keys.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class PositionIndex {
  private readonly byRegion: Int32Array;
  private readonly regionKeys: string[];
  private readonly areaIdx: Int32Array[] = [];
  private readonly areaKeys: string[][] = [];
  private readonly byEmployer = new Map<string, number[]>();
  private readonly seen: Int32Array;
  private epoch = 0;
  // top-K heap, worst on top
  private heapPos = new Int32Array(MAX_LIST_LENGTH);
  private heapScore = new Float64Array(MAX_LIST_LENGTH);

  /** positions[i] has index i; ties between equal scores go to the smaller index. */
  constructor(
    private readonly ctx: MatchContext,
    private readonly positions: readonly PreparedPosition[],
  ) {
    const order = positions.map((_, i) => i);
    order.sort((a, b) => (positions[a].region < positions[b].region ? -1 : positions[a].region > positions[b].region ? 1 : a - b));
    this.byRegion = Int32Array.from(order);
    this.regionKeys = order.map((i) => positions[i].region);
    for (let bit = 0; bit < 31; bit++) {
      const idx = order.filter((i) => positions[i].areaMask & (1 << bit));
      this.areaIdx.push(Int32Array.from(idx));
      this.areaKeys.push(idx.map((i) => positions[i].region));
    }
    positions.forEach((p, i) => {
      const list = this.byEmployer.get(p.employerId);
      if (list) list.push(i);
      else this.byEmployer.set(p.employerId, [i]);
    });
    this.seen = new Int32Array(positions.length);
  }

  /** The talent's best k (≤ 30) eligible positions, exactly as scoring every pair would rank them. */
  top(t: PreparedTalent, k: number = MAX_LIST_LENGTH): RankedList {
    k = Math.max(0, Math.min(MAX_LIST_LENGTH, Math.floor(k)));
    const ctx = this.ctx;
    const w = ctx.weights;
    const P = this.positions;
    const seen = this.seen;
    const epoch = ++this.epoch;
    const hp = this.heapPos;
    const hs = this.heapScore;
    let size = 0;
    let scored = 0;
    if (k === 0) return { positions: [], scores: [], scored };

    // a worse than b: lower score, or equal score and larger index
    const worse = (ai: number, as: number, bi: number, bs: number) => as < bs || (as === bs && ai > bi);
    const consider = (i: number) => {
      if (seen[i] === epoch) return;
      seen[i] = epoch;
      scored++;
      const s = quickScore(ctx, t, P[i]);
      if (s < 0) return;
      if (size < k) {
        let c = size++;
        while (c > 0) {
          const par = (c - 1) >> 1;
          if (!worse(i, s, hp[par], hs[par])) break;
          hp[c] = hp[par];
          hs[c] = hs[par];
          c = par;
        }
        hp[c] = i;
        hs[c] = s;
      } else if (worse(hp[0], hs[0], i, s)) {
        let c = 0;
        for (;;) {
          let ch = 2 * c + 1;
          if (ch >= size) break;
          if (ch + 1 < size && worse(hp[ch + 1], hs[ch + 1], hp[ch], hs[ch])) ch++;
          if (!worse(hp[ch], hs[ch], i, s)) break;
          hp[c] = hp[ch];
          hs[c] = hs[ch];
          c = ch;
        }
        hp[c] = i;
        hs[c] = s;
      }
    };

    if (t.targetEmployer !== null) {
      for (const i of this.byEmployer.get(t.targetEmployer) ?? []) consider(i);
      return this.drain(size, scored);
    }
    for (const e of t.pastEmployers) for (const i of this.byEmployer.get(e) ?? []) consider(i);
    for (const e of t.internships) for (const i of this.byEmployer.get(e) ?? []) consider(i);

    for (const b of this.buckets(t)) {
      // Stop when the K-th best beats the bucket strictly: an equal score could still win the tie.
      if (size === k && hs[0] > b.bound) break;
      if (b.byArea) {
        for (let bit = 0; bit < 31; bit++) {
          if (!(t.areaMask & (1 << bit))) continue;
          const keys = this.areaKeys[bit];
          const idx = this.areaIdx[bit];
          const end = lowerBound(keys, b.to);
          for (let x = lowerBound(keys, b.from); x < end; x++) consider(idx[x]);
        }
      } else {
        const end = lowerBound(this.regionKeys, b.to);
        for (let x = lowerBound(this.regionKeys, b.from); x < end; x++) consider(this.byRegion[x]);
      }
    }
    return this.drain(size, scored);
  }

  private drain(size: number, scored: number): RankedList {
    const items: { i: number; s: number }[] = [];
    for (let x = 0; x < size; x++) items.push({ i: this.heapPos[x], s: this.heapScore[x] });
    items.sort((a, b) => b.s - a.s || a.i - b.i);
    return { positions: items.map((x) => x.i), scores: items.map((x) => x.s), scored };
  }

  /** Region × service-area buckets of the talent's search, best bound first. */
  private buckets(t: PreparedTalent): Bucket[] {
    const w = this.ctx.weights;
    // Bound on everything but region and employer-history points, for any post.
    const rest =
      w.qualificationStep * t.qualification +
      (t.pastKinds.length ? w.pastKind : 0) +
      w.languageExtra * Math.min(popcount(t.languageMask & ~this.ctx.mandarinMask), w.languageExtraMax);
    const withArea = rest + (t.areaMask ? w.serviceArea : 0);

    const anchors = new Set<string>();
    for (const code of [t.home, ...t.preferred, t.targetRegion]) {
      if (code) for (const a of ancestorsOrSelf(code)) anchors.add(a);
    }
    let nodes = [...anchors];
    if (t.targetRegion !== null) {
      const target = t.targetRegion;
      nodes = nodes.filter((n) => n.startsWith(target));
    }

    const out: Bucket[] = [];
    const add = (regionPts: number, from: string, to: string) => {
      if (t.areaMask) out.push({ bound: regionPts + withArea, from, to, byArea: true });
      out.push({ bound: regionPts + rest, from, to, byArea: false });
    };
    for (const n of nodes) {
      // Exactly at n: the real region points of n.
      add(regionPoints(w, t, n), n, n + '\0');
      // Strictly below n and below no deeper anchor: a preferred region that is n or above it
      // counts as "within"; the deepest common ancestor with home is as for n itself.
      const within = t.preferred.some((r) => n.startsWith(r));
      add((within ? w.preferredWithin : 0) + distancePoints(w, commonLevel(t.home, n)), n + '\0', subtreeRange(n).to);
    }
    // Everything else: outside every anchor, so no region points. A directed talent has none.
    if (t.targetRegion === null) add(0, '', '\uffff');
    out.sort((a, b) => b.bound - a.bound);
    return out;
  }
}

/** Convenience for pages and tests: a talent's top k over a set of positions, as ids with scores. */
export function rankPositionsForTalent(
  ctx: MatchContext,
  talent: PreparedTalent,
  positions: readonly PreparedPosition[],
  k: number = MAX_LIST_LENGTH,
): { positionId: string; score: number }[] {
  const list = new PositionIndex(ctx, positions).top(talent, k);
  return list.positions.map((i, x) => ({ positionId: positions[i].id, score: list.scores[x] }));
}
