// Deferred acceptance under the general-first reading of reserved seats (issue #13), over the same
// typed arrays as deferred-acceptance.ts and returning the same result shape.
//
// Choice of position j (s_j seats, r_j reserved, g_j = s_j − r_j general) from a set A of
// candidates, in j's strict order (score, then tieRank):
//   G = the best g_j of A, directed or not                           (general seats, on merit)
//   R = the best min(r_j, #directed in A \ G) directed of A \ G       (reserved seats)
//   F = the best r_j − |R| of the rest                               (reserved seats nobody directed took revert)
// This is a slot-specific priority choice function (Kominers & Sönmez 2016) with the general slots
// processed first; over individual talents it is substitutable and obeys the law of aggregate
// demand, so deferred acceptance ends in the applicant-optimal stable matching under it (checked
// against brute force in test/matching/policies.test.ts).
//
// Held candidates are kept per position as an array sorted best first. When a position holds
// s_j + 1 candidates, the one it lets go is: the worst non-directed candidate at index ≥ g_j if there
// is one (F is the only place a non-directed candidate beyond G can sit), else the worst of all.
// A proposal costs O(s_j) (insertion into the sorted array); the reserved-first core uses heaps.
import type { DeferredAcceptanceInput, DeferredAcceptanceResult } from './types';

export function deferredAcceptanceGeneralFirst(input: DeferredAcceptanceInput): DeferredAcceptanceResult {
  const { talentCount: n, positionCount: m, listStart, listPosition, listScore, directed, tieRank, seats, reserved } = input;
  if (listStart.length !== n + 1) throw new RangeError('listStart must have talentCount + 1 entries');
  const start = new Int32Array(m + 1);
  const reservedStart = new Int32Array(m + 1);
  for (let j = 0; j < m; j++) {
    if (reserved[j] < 0 || reserved[j] > seats[j]) throw new RangeError(`position ${j}: reserved must be within [0, seats]`);
    // One spare slot per position for the candidate being considered.
    start[j + 1] = start[j] + seats[j] + 1;
    reservedStart[j + 1] = reservedStart[j] + reserved[j];
  }
  const heldT = new Int32Array(start[m]);
  const heldS = new Float64Array(start[m]);
  const count = new Int32Array(m);
  const matchedEntry = new Int32Array(n).fill(-1);
  const next = listStart.slice(0, n);
  const better = (a: number, as: number, b: number, bs: number) => as > bs || (as === bs && tieRank[a] < tieRank[b]);

  /** t proposes to j with score s; returns the talent let go (t itself, another) or −1. */
  function propose(t: number, j: number, s: number): number {
    const cap = seats[j];
    if (cap === 0) return t;
    const base = start[j];
    let i = count[j];
    while (i > 0 && better(t, s, heldT[base + i - 1], heldS[base + i - 1])) {
      heldT[base + i] = heldT[base + i - 1];
      heldS[base + i] = heldS[base + i - 1];
      i--;
    }
    heldT[base + i] = t;
    heldS[base + i] = s;
    const size = ++count[j];
    if (size <= cap) return -1;
    const g = cap - reserved[j];
    let out = size - 1;
    for (let k = size - 1; k >= g; k--) {
      if (directed[heldT[base + k]] === 0) {
        out = k;
        break;
      }
    }
    const refused = heldT[base + out];
    for (let k = out; k < size - 1; k++) {
      heldT[base + k] = heldT[base + k + 1];
      heldS[base + k] = heldS[base + k + 1];
    }
    count[j] = size - 1;
    return refused;
  }

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
      t = refused;
    }
  }

  // The result in the shape of the reserved-first core: a reserved part (directed holders beyond the
  // first g_j) and a general part, each stored worst first (a sorted array is a valid heap).
  const generalStart = new Int32Array(m + 1);
  for (let j = 0; j < m; j++) generalStart[j + 1] = generalStart[j] + seats[j];
  const reservedHeld = new Int32Array(reservedStart[m]);
  const reservedScore = new Float64Array(reservedStart[m]);
  const generalHeld = new Int32Array(generalStart[m]);
  const generalScore = new Float64Array(generalStart[m]);
  const reservedCount = new Int32Array(m);
  const generalCount = new Int32Array(m);
  const inReserved = new Uint8Array(n);
  for (let j = 0; j < m; j++) {
    const base = start[j];
    const g = seats[j] - reserved[j];
    for (let k = count[j] - 1; k >= 0; k--) {
      const t = heldT[base + k];
      if (k >= g && directed[t] === 1) {
        const x = reservedStart[j] + reservedCount[j]++;
        reservedHeld[x] = t;
        reservedScore[x] = heldS[base + k];
        inReserved[t] = 1;
      } else {
        const x = generalStart[j] + generalCount[j]++;
        generalHeld[x] = t;
        generalScore[x] = heldS[base + k];
      }
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
