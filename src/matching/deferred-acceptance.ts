// Applicant-proposing deferred acceptance with capacities (Gale–Shapley; the NRMP's
// hospitals/residents algorithm) over typed arrays, plus seats reserved for directed graduates.
//
// THE MODEL
// Talents propose down their ranked lists (only eligible entries are given to the core). Each
// position j has s_j seats of which r_j are reserved. A position orders candidates strictly:
//   1. higher score at j first;
//   2. on equal score, the smaller tieRank first (the round sets tieRank from: directed talents
//      before non-directed, then talent id in plain string order — see round.ts).
// Reserved seats: think of j as two sub-positions, a reserved part (capacity r_j, directed
// talents only) and a general part. A directed talent asks for the reserved part first and, if
// refused there, for the general part; a non-directed talent asks for the general part only.
// The general part's capacity is s_j minus the reserved seats actually held by directed
// talents, i.e. unfilled reserved seats revert to the general part. The reversion is applied
// continuously while the algorithm runs rather than in a second pass: from any set A of
// candidates, position j keeps
//   R = the best min(r_j, #directed in A) directed candidates of A   (the reserved seats), then
//   G = the best s_j − |R| candidates of A \ R                       (the general seats).
// This is the "soft reserve" choice function (Hafalir, Yenmez & Yildirim 2013; slot-specific
// priorities of Kominers & Sönmez 2016). It is substitutable and obeys the law of aggregate
// demand (|choice| = min(s_j, |A|)), so deferred acceptance with it ends in a matching that is
//   - stable in this model: no talent t and position j such that t prefers j to its outcome, t is
//     eligible at j, and j would keep t from (its holders ∪ {t}). Concretely, t blocks with j when
//     j has a free seat; or t is directed, r_j > 0 and j's reserved seats are not all held by
//     directed talents that j ranks above t; or j's general part holds someone j ranks below t;
//   - the applicant-optimal stable matching (every talent weakly prefers it to any other stable
//     matching), hence independent of the order proposals are processed in, and
//   - strategy-proof for talents (ranking truthfully is a dominant strategy).
// A reserved seat is never held by a non-directed talent while a directed talent who ranked the
// post above their outcome was refused: the seat reverts only if no such directed talent exists.
//
// COST: each proposal is O(log s_j) (binary heaps, worst candidate on top); proposals ≤ total
// list length, so O(L log s). Memory is linear in talents + list entries + seats.

import { deferredAcceptanceGeneralFirst } from './general-first';
import type { DeferredAcceptanceInput, DeferredAcceptanceResult } from './types';

export type { DeferredAcceptanceInput, DeferredAcceptanceResult };

export function deferredAcceptance(input: DeferredAcceptanceInput): DeferredAcceptanceResult {
  if (input.reservePolicy === 'general_first') return deferredAcceptanceGeneralFirst(input);
  const { talentCount: n, positionCount: m, listStart, listPosition, listScore, directed, tieRank, seats, reserved } = input;
  if (listStart.length !== n + 1) throw new RangeError('listStart must have talentCount + 1 entries');

  const reservedStart = new Int32Array(m + 1);
  const generalStart = new Int32Array(m + 1);
  for (let j = 0; j < m; j++) {
    if (reserved[j] < 0 || reserved[j] > seats[j]) throw new RangeError(`position ${j}: reserved must be within [0, seats]`);
    reservedStart[j + 1] = reservedStart[j] + reserved[j];
    generalStart[j + 1] = generalStart[j] + seats[j];
  }
  const reservedHeld = new Int32Array(reservedStart[m]);
  const reservedScore = new Float64Array(reservedStart[m]);
  const generalHeld = new Int32Array(generalStart[m]);
  const generalScore = new Float64Array(generalStart[m]);
  const reservedCount = new Int32Array(m);
  const generalCount = new Int32Array(m);
  const matchedEntry = new Int32Array(n).fill(-1);
  const inReserved = new Uint8Array(n);
  const next = listStart.slice(0, n);

  // a is worse than b (for the position): lower score, or equal score and larger tieRank.
  const worse = (a: number, as: number, b: number, bs: number) => as < bs || (as === bs && tieRank[a] > tieRank[b]);

  function siftUp(held: Int32Array, score: Float64Array, base: number, i: number) {
    const t = held[base + i];
    const s = score[base + i];
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = held[base + parent];
      const ps = score[base + parent];
      if (!worse(t, s, pt, ps)) break;
      held[base + i] = pt;
      score[base + i] = ps;
      i = parent;
    }
    held[base + i] = t;
    score[base + i] = s;
  }

  function siftDown(held: Int32Array, score: Float64Array, base: number, size: number, i: number) {
    const t = held[base + i];
    const s = score[base + i];
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      if (c + 1 < size && worse(held[base + c + 1], score[base + c + 1], held[base + c], score[base + c])) c++;
      if (!worse(held[base + c], score[base + c], t, s)) break;
      held[base + i] = held[base + c];
      score[base + i] = score[base + c];
      i = c;
    }
    held[base + i] = t;
    score[base + i] = s;
  }

  function push(held: Int32Array, score: Float64Array, base: number, size: number, t: number, s: number) {
    held[base + size] = t;
    score[base + size] = s;
    siftUp(held, score, base, size);
  }

  /** Offer candidate c (score cs) to j's general part with capacity cap; returns who is refused, or −1. */
  function offerGeneral(j: number, c: number, cs: number, cap: number): number {
    const base = generalStart[j];
    const size = generalCount[j];
    inReserved[c] = 0;
    if (size < cap) {
      push(generalHeld, generalScore, base, size, c, cs);
      generalCount[j] = size + 1;
      return -1;
    }
    if (size === 0) return c; // cap 0: every seat is reserved and held by a directed talent
    const w = generalHeld[base];
    if (!worse(w, generalScore[base], c, cs)) return c;
    generalHeld[base] = c;
    generalScore[base] = cs;
    siftDown(generalHeld, generalScore, base, size, 0);
    return w;
  }

  /** Talent t proposes to j with score s; returns the talent refused (t itself, a displaced one) or −1. */
  function propose(t: number, j: number, s: number): number {
    const r = reserved[j];
    if (directed[t] === 1 && r > 0) {
      const base = reservedStart[j];
      const rc = reservedCount[j];
      if (rc < r) {
        // While reserved seats are free, every directed candidate held is in the reserved part.
        push(reservedHeld, reservedScore, base, rc, t, s);
        reservedCount[j] = rc + 1;
        inReserved[t] = 1;
        if (rc + 1 + generalCount[j] <= seats[j]) return -1;
        // The reverted seat the general part was using is taken back: its worst holder leaves.
        const gb = generalStart[j];
        const gsize = generalCount[j];
        const out = generalHeld[gb];
        generalHeld[gb] = generalHeld[gb + gsize - 1];
        generalScore[gb] = generalScore[gb + gsize - 1];
        generalCount[j] = gsize - 1;
        if (gsize > 1) siftDown(generalHeld, generalScore, gb, gsize - 1, 0);
        return out;
      }
      const w = reservedHeld[base];
      const ws = reservedScore[base];
      if (worse(w, ws, t, s)) {
        reservedHeld[base] = t;
        reservedScore[base] = s;
        siftDown(reservedHeld, reservedScore, base, rc, 0);
        inReserved[t] = 1;
        return offerGeneral(j, w, ws, seats[j] - r);
      }
      return offerGeneral(j, t, s, seats[j] - r);
    }
    return offerGeneral(j, t, s, seats[j] - reservedCount[j]);
  }

  // Free talents on a stack; the result does not depend on the order they propose in.
  const stack = new Int32Array(n);
  let top = 0;
  for (let t = n - 1; t >= 0; t--) stack[top++] = t;
  let proposals = 0;
  while (top > 0) {
    let t = stack[--top];
    for (;;) {
      const e = next[t];
      if (e >= listStart[t + 1]) {
        matchedEntry[t] = -1;
        break;
      }
      next[t] = e + 1;
      proposals++;
      const refused = propose(t, listPosition[e], listScore[e]);
      if (refused === t) continue;
      matchedEntry[t] = e;
      if (refused < 0) break;
      matchedEntry[refused] = -1;
      inReserved[refused] = 0;
      t = refused; // the displaced talent proposes next (same outcome, better locality)
    }
  }

  return {
    matchedEntry,
    inReserved,
    reservedCount,
    generalCount,
    reservedStart,
    reservedHeld,
    reservedScore,
    generalStart,
    generalHeld,
    generalScore,
    proposals,
  };
}
