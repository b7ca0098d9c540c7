import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deferredAcceptance } from '../../src/matching/deferred-acceptance';
import { runRound, type RoundResult } from '../../src/matching/round';
import { Reference, instanceArb, shuffle, type Instance } from './reference';

const run = (inst: Instance) => runRound({ talents: inst.talents, positions: inst.positions, weights: inst.weights, rankings: inst.rankings });
const matchingOf = (res: RoundResult) => new Map(res.talents.map((t) => [t.talentId, t.positionId]));

describe('deferred acceptance (round level, against a reference built from scorePair)', () => {
  it('respects capacities, eligibility, directed targets and reserved seats', () => {
    fc.assert(
      fc.property(instanceArb({ talents: [1, 10], positions: [1, 6], maxSeats: 3 }), (inst) => {
        const ref = new Reference(inst);
        const res = run(inst);
        for (const t of res.talents) {
          expect(t.list).toEqual(ref.list(t.talentId)); // derived lists = brute-force top 30
          if (t.positionId === null) continue;
          expect(ref.acceptable(t.talentId)).toContain(t.positionId); // on their list and eligible
          const talent = ref.talentById.get(t.talentId)!;
          const pos = ref.positionById.get(t.positionId)!;
          if (talent.directed) {
            expect(pos.regionCode.startsWith(talent.directed.targetRegionCode)).toBe(true);
            if (talent.directed.targetEmployerId) expect(pos.employerId).toBe(talent.directed.targetEmployerId);
          }
          expect(pos.open).toBe(true);
        }
        for (const p of res.positions) {
          const held = res.talents.filter((t) => t.positionId === p.positionId);
          expect(held.map((t) => t.talentId).sort()).toEqual(p.held.map((h) => h.talentId).sort());
          expect(held.length).toBeLessThanOrEqual(ref.seats(p.positionId));
          const reservedHolders = p.held.filter((h) => h.seat === 'reserved');
          expect(reservedHolders.length).toBeLessThanOrEqual(ref.reserved(p.positionId));
          for (const h of reservedHolders) expect(ref.directed(h.talentId)).toBe(true);
          // The seats are labelled the way the choice function labels them.
          expect(new Map(p.held.map((h) => [h.talentId, h.seat]))).toEqual(
            ref.choose(
              p.positionId,
              held.map((t) => t.talentId),
            ),
          );
          // More non-directed holders than general seats only when no directed talent wanted the post and was refused.
          const nonDirected = p.held.filter((h) => !ref.directed(h.talentId)).length;
          if (nonDirected > ref.seats(p.positionId) - ref.reserved(p.positionId)) {
            for (const t of res.talents) {
              if (!ref.directed(t.talentId)) continue;
              const acc = ref.acceptable(t.talentId);
              const at = acc.indexOf(p.positionId);
              const mine = t.positionId === null ? Infinity : acc.indexOf(t.positionId);
              expect(at === -1 || at >= mine).toBe(true);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is stable: no talent and post that would both rather have each other', () => {
    fc.assert(
      fc.property(instanceArb({ talents: [1, 12], positions: [1, 6], maxSeats: 3 }), (inst) => {
        const ref = new Reference(inst);
        expect(ref.blockingPairs(matchingOf(run(inst)))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic: shuffled talents, positions and rankings give the same result', () => {
    fc.assert(
      fc.property(instanceArb({ talents: [1, 10], positions: [1, 6], maxSeats: 3 }), fc.integer(), (inst, seed) => {
        const a = run(inst);
        const shuffled: Instance = {
          talents: shuffle(inst.talents, seed),
          positions: shuffle(inst.positions, seed + 1),
          weights: inst.weights,
          rankings: Object.fromEntries(shuffle(Object.entries(inst.rankings), seed + 2)),
        };
        expect(run(shuffled)).toEqual(a);
        expect(run(inst)).toEqual(a);
      }),
      { numRuns: 150 },
    );
  });

  it('equals the applicant-optimal stable matching found by brute force (≤ 6 talents, ≤ 4 posts, 1–2 seats)', () => {
    fc.assert(
      fc.property(instanceArb({ talents: [3, 6], positions: [2, 4], maxSeats: 2, submitted: 8 }), (inst) => {
        const ref = new Reference(inst);
        expect(matchingOf(run(inst))).toEqual(ref.applicantOptimal());
      }),
      { numRuns: 400 },
    );
  });
});

/** A random core instance: lists of distinct positions, small integer scores (many ties). */
const coreArb = (maxTalents: number, maxPositions: number, maxSeats: number, dense = false) =>
  fc
    .record({
      n: fc.noBias(fc.integer({ min: dense ? 3 : 1, max: maxTalents })),
      m: fc.noBias(fc.integer({ min: dense ? 2 : 1, max: maxPositions })),
    })
    .chain(({ n, m }) =>
      fc.record({
        n: fc.constant(n),
        m: fc.constant(m),
        lists: fc.array(
          fc.shuffledSubarray(
            Array.from({ length: m }, (_, j) => j),
            { minLength: dense ? Math.min(2, m) : 0 },
          ),
          { minLength: n, maxLength: n },
        ),
        scores: fc.array(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: m, maxLength: m }), { minLength: n, maxLength: n }),
        directed: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
        seats: fc.array(fc.integer({ min: dense ? 1 : 0, max: maxSeats }), { minLength: m, maxLength: m }),
        reservedShare: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: m, maxLength: m }),
      }),
    );

type CoreCase = ReturnType<typeof coreArb> extends fc.Arbitrary<infer T> ? T : never;

function coreInput(c: CoreCase, order: number[]) {
  // order[k] = original talent placed at index k
  const listStart = new Int32Array(c.n + 1);
  const pos: number[] = [];
  const score: number[] = [];
  order.forEach((orig, k) => {
    listStart[k] = pos.length;
    for (const j of c.lists[orig]) {
      pos.push(j);
      score.push(c.scores[orig][j]);
    }
  });
  listStart[c.n] = pos.length;
  const seats = Int32Array.from(c.seats);
  return {
    talentCount: c.n,
    positionCount: c.m,
    listStart,
    listPosition: Int32Array.from(pos),
    listScore: Float64Array.from(score),
    directed: Uint8Array.from(order, (o) => (c.directed[o] ? 1 : 0)),
    tieRank: Int32Array.from(order, (o) => o), // the original index is the tie-break
    seats,
    reserved: Int32Array.from(c.seats, (s, j) => Math.floor(s * c.reservedShare[j])),
  };
}

/** Position j's soft-reserve choice from candidates, by sorting (original talent indices; index breaks ties). */
function coreChoose(c: CoreCase, reserved: Int32Array, j: number, cand: number[]): Set<number> {
  const sorted = [...cand].sort((a, b) => c.scores[b][j] - c.scores[a][j] || a - b);
  const chosen = new Set<number>();
  for (const t of sorted) if (chosen.size < reserved[j] && c.directed[t]) chosen.add(t);
  const general = c.seats[j] - chosen.size;
  let g = 0;
  for (const t of sorted) if (g < general && !chosen.has(t)) chosen.add(t), g++;
  return chosen;
}

function coreBlocking(c: CoreCase, reserved: Int32Array, assigned: number[]): number {
  const holders = Array.from({ length: c.m }, (_, j) => assigned.flatMap((p, t) => (p === j ? [t] : [])));
  let blocking = 0;
  for (let t = 0; t < c.n; t++) {
    const list = c.lists[t];
    const limit = assigned[t] < 0 ? list.length : list.indexOf(assigned[t]);
    for (let x = 0; x < limit; x++) if (coreChoose(c, reserved, list[x], [...holders[list[x]], t]).has(t)) blocking++;
  }
  return blocking;
}

function coreAssigned(input: ReturnType<typeof coreInput>, res: ReturnType<typeof deferredAcceptance>): number[] {
  return Array.from(res.matchedEntry, (e) => (e < 0 ? -1 : input.listPosition[e]));
}

describe('deferred acceptance core (typed arrays)', () => {
  it('is stable under the soft-reserve choice function, within capacity, and independent of talent order', () => {
    fc.assert(
      fc.property(coreArb(60, 12, 5), fc.integer(), (c, seed) => {
        const identity = Array.from({ length: c.n }, (_, i) => i);
        const input = coreInput(c, identity);
        const res = deferredAcceptance(input);
        const assigned = coreAssigned(input, res);
        for (let j = 0; j < c.m; j++) {
          const held = assigned.filter((p) => p === j).length;
          expect(held).toBeLessThanOrEqual(c.seats[j]);
          expect(res.reservedCount[j] + res.generalCount[j]).toBe(held);
        }
        for (let t = 0; t < c.n; t++) if (res.inReserved[t]) expect(c.directed[t]).toBe(true);
        expect(coreBlocking(c, input.reserved, assigned)).toBe(0);

        // Same instance with talents re-indexed: same matching, mapped back.
        const order = shuffle(identity, seed);
        const input2 = coreInput(c, order);
        const assigned2 = coreAssigned(input2, deferredAcceptance(input2));
        order.forEach((orig, k) => expect(assigned2[k]).toBe(assigned[orig]));
      }),
      { numRuns: 300 },
    );
  });

  it('equals the applicant-optimal stable matching found by brute force (independent random scores per post)', () => {
    let withChoice = 0;
    fc.assert(
      fc.property(coreArb(6, 4, 2, true), (c) => {
        const input = coreInput(
          c,
          Array.from({ length: c.n }, (_, i) => i),
        );
        const stable: number[][] = [];
        const current = new Array<number>(c.n).fill(-1);
        const load = new Array<number>(c.m).fill(0);
        const rec = (t: number) => {
          if (t === c.n) {
            if (coreBlocking(c, input.reserved, current) === 0) stable.push([...current]);
            return;
          }
          for (const j of [-1, ...c.lists[t]]) {
            if (j >= 0 && load[j] >= c.seats[j]) continue;
            if (j >= 0) load[j]++;
            current[t] = j;
            rec(t + 1);
            if (j >= 0) load[j]--;
          }
        };
        rec(0);
        const rank = (t: number, j: number) => (j < 0 ? Infinity : c.lists[t].indexOf(j));
        const optimal = stable.filter((mu) => stable.every((o) => mu.every((j, t) => rank(t, j) <= rank(t, o[t]))));
        expect(optimal).toHaveLength(1);
        if (stable.length > 1) withChoice++;
        expect(coreAssigned(input, deferredAcceptance(input))).toEqual(optimal[0]);
      }),
      { numRuns: 1500 },
    );
    // The property is only interesting when there is more than one stable matching to choose from.
    expect(withChoice).toBeGreaterThan(60);
  });

  it('rejects reserved seats above the seats', () => {
    expect(() =>
      deferredAcceptance({
        talentCount: 0,
        positionCount: 1,
        listStart: new Int32Array(1),
        listPosition: new Int32Array(0),
        listScore: new Float64Array(0),
        directed: new Uint8Array(0),
        tieRank: new Int32Array(0),
        seats: Int32Array.of(1),
        reserved: Int32Array.of(2),
      }),
    ).toThrow(RangeError);
  });
});
