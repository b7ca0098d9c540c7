// A talent's ranked list when they submitted none: their top K eligible posts by score (ties: the
// smaller position index first; round.ts indexes positions by id, so the smaller id), K ≤ 30.
//
// Candidate generation does not score every pair blindly, yet returns exactly the top K that
// scoring every pair would (a property test holds it to that). Positions are bucketed by region
// (numbered in region-code order, so a subtree is a contiguous range) and by service area (lists
// per area and per pair of areas, split by how many areas a post lists, each in region order).
// Every score splits into region points (preferred region + distance, which depend only on where
// the post is), service-area points, and the rest; each has a per-talent upper bound. Buckets come
// from the talent's "anchor" regions — home, preferred regions, directed target — and their
// ancestors: for each anchor node n, the posts exactly at n and the posts strictly below n (no
// deeper anchor), each split by service-area list. Every bucket has an upper bound; buckets are
// visited best bound first and the search stops as soon as the K-th best score found beats every
// remaining bound. Posts at the talent's past employers are scored first, so employer-history
// points need not inflate the bounds. A directed talent searches only their target subtree (or
// target employer). Scoring itself runs on compiled.ts's columns, which equal quickScore exactly.
//
// At the NRMP scale (50,000 talents, 6,400 posts) this scores about 2 % of all pairs; see
// test/bench/MATCHING.md.
import { subtreeRange } from '../lib/regions-range';
import { PositionTable } from './compiled';
import { popcount, type MatchContext, type PreparedPosition, type PreparedTalent } from './prepared';
import { ancestorsOrSelf, commonLevel } from './regions';
import { distancePoints, regionPoints } from './score';

export const MAX_LIST_LENGTH = 30;

export interface RankedList {
  /** Position indices, best first. */
  positions: number[];
  scores: number[];
  /** Pairs scored to find them (for benchmarks; the blind way is every position). */
  scored: number;
}

// Service-area lists, split so that each has a tight bound on its service-area points. A post
// listing c areas, s of them the talent's, gives round(w × s / c). The lists are keyed by area and
// by c (1, 2, 3, 4+): in a single-area list, a post sharing just that area (s = 1) gives at most
// round(w / c); posts sharing two or more of the talent's areas are also in the pair list of any
// two of them, whose bound is round(w × min(talent's areas, c) / c). Every post sharing an area is
// thus in some list whose bound holds for it, which is all the stopping rule needs.
const AREA_COUNTS = 4;
const countBucket = (c: number) => Math.min(c, AREA_COUNTS) - 1;
const singleKey = (a: number, c: number) => a * AREA_COUNTS + c;
const pairKey = (a: number, b: number, c: number) => 31 * AREA_COUNTS + (a * 31 + b) * AREA_COUNTS + c;

function lowerBound(keys: readonly string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function lowerBoundInt(xs: Int32Array, x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class PositionIndex {
  // Internally positions are numbered in region order ("slots"), so a subtree is a slot range
  // and a scan walks memory in order; `index` maps a slot back to the caller's position index.
  private readonly index: Int32Array;
  private readonly slotOf: Int32Array;
  private readonly regionKeys: string[];
  /** singleKey / pairKey → slots of posts listing that area (or both areas), ascending. */
  private readonly areaSlots = new Map<number, Int32Array>();
  private readonly byEmployer = new Map<string, number[]>();
  private readonly table: PositionTable;
  private readonly seen: Int32Array;
  private epoch = 0;
  // top-K heap, worst on top: the caller's position index and its score
  private readonly heapPos = new Int32Array(MAX_LIST_LENGTH);
  private readonly heapScore = new Float64Array(MAX_LIST_LENGTH);
  // Buckets of the current search, in columns; bucketOrder is a max-heap on bucketBound.
  private bucketBound = new Float64Array(256);
  private bucketLo = new Int32Array(256);
  private bucketHi = new Int32Array(256);
  private bucketGroup = new Int32Array(256);
  private bucketOrder = new Int32Array(256);
  private bucketCount = 0;
  private areaGroups: Int32Array[][] = [];
  /** Region code → slot ranges [exactLo, exactHi, belowLo, belowHi], cached across talents. */
  private readonly ranges = new Map<string, Int32Array>();

  /** positions[i] has index i; ties between equal scores go to the smaller index. */
  constructor(
    private readonly ctx: MatchContext,
    positions: readonly PreparedPosition[],
  ) {
    const order = positions.map((_, i) => i);
    order.sort((a, b) => (positions[a].region < positions[b].region ? -1 : positions[a].region > positions[b].region ? 1 : a - b));
    this.index = Int32Array.from(order);
    this.slotOf = new Int32Array(order.length);
    order.forEach((i, slot) => (this.slotOf[i] = slot));
    const bySlot = order.map((i) => positions[i]);
    this.regionKeys = bySlot.map((p) => p.region);
    const lists = new Map<number, number[]>();
    const into = (key: number, slot: number) => {
      const l = lists.get(key);
      if (l) l.push(slot);
      else lists.set(key, [slot]);
    };
    bySlot.forEach((p, slot) => {
      const c = countBucket(p.areaCount);
      for (let a = 0; a < 31; a++) {
        if (!(p.areaMask & (1 << a))) continue;
        into(singleKey(a, c), slot);
        for (let b = a + 1; b < 31; b++) if (p.areaMask & (1 << b)) into(pairKey(a, b, c), slot);
      }
      const list = this.byEmployer.get(p.employerId);
      if (list) list.push(slot);
      else this.byEmployer.set(p.employerId, [slot]);
    });
    for (const [key, l] of lists) this.areaSlots.set(key, Int32Array.from(l));
    this.table = new PositionTable(ctx, bySlot);
    this.seen = new Int32Array(positions.length);
  }

  /** The talent's best k (≤ 30) eligible positions, exactly as scoring every pair would rank them. */
  top(t: PreparedTalent, k: number = MAX_LIST_LENGTH): RankedList {
    k = Math.max(0, Math.min(MAX_LIST_LENGTH, Math.floor(k)));
    if (k === 0) return { positions: [], scores: [], scored: 0 };
    const score = this.table.scorer(t);
    const index = this.index;
    const seen = this.seen;
    const epoch = ++this.epoch;
    const hp = this.heapPos;
    const hs = this.heapScore;
    let size = 0;
    let scored = 0;

    // a worse than b: lower score, or equal score and larger index
    const worse = (ai: number, as: number, bi: number, bs: number) => as < bs || (as === bs && ai > bi);
    const consider = (slot: number) => {
      if (seen[slot] === epoch) return;
      seen[slot] = epoch;
      scored++;
      const s = score(slot);
      if (s < 0) return;
      const i = index[slot];
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
      for (const slot of this.byEmployer.get(t.targetEmployer) ?? []) consider(slot);
      return this.drain(size, scored);
    }
    for (const e of t.pastEmployers) for (const slot of this.byEmployer.get(e) ?? []) consider(slot);
    for (const e of t.internships) for (const slot of this.byEmployer.get(e) ?? []) consider(slot);

    this.collectBuckets(t);
    const total = this.index.length;
    for (let b = this.nextBucket(); b >= 0; b = this.nextBucket()) {
      // Stop when the K-th best beats the bucket strictly: an equal score could still win the tie.
      if (size === k && hs[0] > this.bucketBound[b]) break;
      const lo = this.bucketLo[b];
      const hi = this.bucketHi[b];
      const group = this.bucketGroup[b];
      if (group >= 0) {
        for (const slots of this.areaGroups[group]) {
          const end = hi === total ? slots.length : lowerBoundInt(slots, hi);
          for (let x = lo === 0 ? 0 : lowerBoundInt(slots, lo); x < end; x++) consider(slots[x]);
        }
      } else {
        for (let slot = lo; slot < hi; slot++) consider(slot);
      }
    }
    return this.drain(size, scored);
  }

  /** Empty the heap worst first, filling the result from the back: best first. */
  private drain(size: number, scored: number): RankedList {
    const hp = this.heapPos;
    const hs = this.heapScore;
    const positions = new Array<number>(size);
    const scores = new Array<number>(size);
    for (let n = size; n > 0; n--) {
      positions[n - 1] = hp[0];
      scores[n - 1] = hs[0];
      const i = hp[n - 1];
      const s = hs[n - 1];
      let c = 0;
      for (;;) {
        let ch = 2 * c + 1;
        if (ch >= n - 1) break;
        if (ch + 1 < n - 1 && (hs[ch + 1] < hs[ch] || (hs[ch + 1] === hs[ch] && hp[ch + 1] > hp[ch]))) ch++;
        if (!(hs[ch] < s || (hs[ch] === s && hp[ch] > i))) break;
        hp[c] = hp[ch];
        hs[c] = hs[ch];
        c = ch;
      }
      hp[c] = i;
      hs[c] = s;
    }
    return { positions, scores, scored };
  }

  /** The score of the caller's position i for this talent (−1 when ineligible), on the fast path. */
  scorer(t: PreparedTalent): (i: number) => number {
    const score = this.table.scorer(t);
    const slotOf = this.slotOf;
    return (i) => score(slotOf[i]);
  }

  /** Region × service-area buckets of the talent's search, into the bucket columns and heap. */
  private collectBuckets(t: PreparedTalent): void {
    const w = this.ctx.weights;
    // Bound on everything but region, service-area and employer-history points, for any post.
    const rest =
      w.qualificationStep * t.qualification +
      (t.pastKinds.length ? w.pastKind : 0) +
      w.languageExtra * Math.min(popcount(t.languageMask & ~this.ctx.mandarinMask), w.languageExtraMax);

    // Area lists and their bounds (c = 4 stands for 4+, where the bound at c = 4 is the largest).
    // Lists with the same bound are walked together.
    const talentAreas = popcount(t.areaMask);
    const bits: number[] = [];
    for (let a = 0; a < 31; a++) if (t.areaMask & (1 << a)) bits.push(a);
    const groupBound: number[] = [];
    const groups: Int32Array[][] = [];
    const group = (bound: number, list: Int32Array | undefined) => {
      if (!list) return;
      const g = groupBound.indexOf(bound);
      if (g >= 0) groups[g].push(list);
      else groupBound.push(bound), groups.push([list]);
    };
    for (let c = 0; c < AREA_COUNTS; c++) {
      const listed = c + 1;
      for (const a of bits) group(Math.round(w.serviceArea / listed), this.areaSlots.get(singleKey(a, c)));
      if (listed < 2 || talentAreas < 2) continue;
      const pairBound = Math.round((w.serviceArea * Math.min(talentAreas, listed)) / listed);
      for (let x = 0; x < bits.length; x++) for (let y = x + 1; y < bits.length; y++) group(pairBound, this.areaSlots.get(pairKey(bits[x], bits[y], c)));
    }
    this.areaGroups = groups;
    this.bucketCount = 0;

    const add = (regionPts: number, lo: number, hi: number) => {
      if (lo >= hi) return;
      for (let g = 0; g < groups.length; g++) this.pushBucket(regionPts + rest + groupBound[g], lo, hi, g);
      this.pushBucket(regionPts + rest, lo, hi, -1);
    };
    const target = t.targetRegion;
    const seenNodes = new Set<string>();
    for (const code of [t.home, ...t.preferred, target]) {
      if (!code) continue;
      for (const n of ancestorsOrSelf(code)) {
        if (seenNodes.has(n) || (target !== null && !n.startsWith(target))) continue;
        seenNodes.add(n);
        const r = this.rangesOf(n);
        // Exactly at n: the real region points of n.
        add(regionPoints(w, t, n), r[0], r[1]);
        // Strictly below n and below no deeper anchor: a preferred region that is n or above it
        // counts as "within"; the deepest common ancestor with home is as for n itself.
        const within = t.preferred.some((p) => n.startsWith(p));
        add((within ? w.preferredWithin : 0) + distancePoints(w, commonLevel(t.home, n)), r[2], r[3]);
      }
    }
    // Everything else: outside every anchor, so no region points. A directed talent has none.
    if (target === null) add(0, 0, this.index.length);
    // Heapify (max on bound).
    for (let x = (this.bucketCount >> 1) - 1; x >= 0; x--) this.siftBucket(x, this.bucketCount);
  }

  private rangesOf(n: string): Int32Array {
    let r = this.ranges.get(n);
    if (!r) {
      const keys = this.regionKeys;
      r = Int32Array.of(lowerBound(keys, n), lowerBound(keys, n + '\0'), lowerBound(keys, n + '\0'), lowerBound(keys, subtreeRange(n).to));
      this.ranges.set(n, r);
    }
    return r;
  }

  private pushBucket(bound: number, lo: number, hi: number, group: number): void {
    const b = this.bucketCount++;
    if (b === this.bucketBound.length) {
      const grow = <T extends Float64Array | Int32Array>(a: T): T => {
        const bigger = new (a.constructor as { new (n: number): T })(a.length * 2);
        bigger.set(a);
        return bigger;
      };
      this.bucketBound = grow(this.bucketBound);
      this.bucketLo = grow(this.bucketLo);
      this.bucketHi = grow(this.bucketHi);
      this.bucketGroup = grow(this.bucketGroup);
      this.bucketOrder = grow(this.bucketOrder);
    }
    this.bucketBound[b] = bound;
    this.bucketLo[b] = lo;
    this.bucketHi[b] = hi;
    this.bucketGroup[b] = group;
    this.bucketOrder[b] = b;
  }

  private siftBucket(x: number, n: number): void {
    const order = this.bucketOrder;
    const bound = this.bucketBound;
    const b = order[x];
    for (;;) {
      let c = 2 * x + 1;
      if (c >= n) break;
      if (c + 1 < n && bound[order[c + 1]] > bound[order[c]]) c++;
      if (bound[order[c]] <= bound[b]) break;
      order[x] = order[c];
      x = c;
    }
    order[x] = b;
  }

  /** The remaining bucket with the highest bound, or −1. */
  private nextBucket(): number {
    const n = this.bucketCount;
    if (n === 0) return -1;
    const top = this.bucketOrder[0];
    this.bucketOrder[0] = this.bucketOrder[n - 1];
    this.bucketCount = n - 1;
    this.siftBucket(0, n - 1);
    return top;
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
