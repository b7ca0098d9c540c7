// 服从调剂 and pinned placements in the matching core (issue #13 items 5 and 6), under both reserve
// policies: the extended lists are what the reference builds from scorePair alone; the matching is
// within capacity, stable, and equal to the applicant-optimal stable matching found by brute force
// with those lists; pins take their seats and the rest is matched on the seats left; nothing
// depends on input order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runRound, type RoundResult } from '../../src/matching/round';
import { scorePair } from '../../src/matching/score';
import { REGIONS, Reference, instanceArb, shuffle, type Instance, type InstanceShape } from './reference';

type Policy = 'reserved_first' | 'general_first';
const run = (inst: Instance) =>
  runRound({
    talents: inst.talents,
    positions: inst.positions,
    weights: inst.weights,
    rankings: inst.rankings,
    reservePolicy: inst.reservePolicy,
    adjustments: inst.adjustments,
    pins: inst.pins,
  });
const matchingOf = (res: RoundResult, ids?: Set<string>) => new Map(res.talents.filter((t) => !ids || ids.has(t.talentId)).map((t) => [t.talentId, t.positionId]));

/** Some talents (about 6 in 10) tick 服从调剂 for a region: the province, a city, a county or elsewhere. */
const withAdjustments = (shape: InstanceShape, policy: Policy) =>
  instanceArb(shape).chain((inst) =>
    fc.tuple(...inst.talents.map(() => fc.option(fc.constantFrom(...REGIONS.filter((r) => r.length <= 6)), { freq: 3 }))).map((regions) => ({
      ...inst,
      reservePolicy: policy,
      adjustments: Object.fromEntries(inst.talents.flatMap((t, i) => (regions[i] ? [[t.id, regions[i]]] : []))),
    })),
  );

/** Pins of some talents, each to a post they are eligible for with a seat left (as the service checks). */
const withPins = (shape: InstanceShape, policy: Policy) =>
  withAdjustments(shape, policy).chain((inst) =>
    fc.tuple(...inst.talents.map(() => fc.nat())).map((picks) => {
      const left = new Map(inst.positions.map((p) => [p.id, Math.max(0, p.seats)]));
      const pins: Record<string, string> = {};
      inst.talents.forEach((t, i) => {
        if (picks[i] % 3 !== 0) return;
        const options = inst.positions.filter((p) => left.get(p.id)! > 0 && scorePair(t, p, inst.weights).eligible);
        if (options.length === 0) return;
        const p = options[picks[i] % options.length];
        left.set(p.id, left.get(p.id)! - 1);
        pins[t.id] = p.id;
      });
      return { ...inst, pins };
    }),
  );

describe.each(['reserved_first', 'general_first'] as const)('服从调剂 under %s', (policy) => {
  it('extends each list as the reference does, stays within capacity and is stable', () => {
    fc.assert(
      fc.property(withAdjustments({ talents: [1, 12], positions: [1, 7], maxSeats: 3, lenient: true }, policy), (inst) => {
        const ref = new Reference(inst);
        const res = run(inst);
        for (const t of res.talents) {
          expect(t.list).toEqual(ref.list(t.talentId));
          const region = inst.adjustments![t.talentId];
          expect(t.adjustment?.regionCode ?? null).toBe(region ?? null);
          // Every post from the adjustment lies inside its region.
          if (t.adjustment) for (const id of t.list.slice(t.adjustment.from)) expect(inst.positions.find((p) => p.id === id)!.regionCode.startsWith(region)).toBe(true);
        }
        for (const p of res.positions) {
          const held = res.talents.filter((t) => t.positionId === p.positionId).map((t) => t.talentId);
          expect(held.length).toBeLessThanOrEqual(ref.seats(p.positionId));
          expect(new Map(p.held.map((h) => [h.talentId, h.seat]))).toEqual(ref.choose(p.positionId, held));
        }
        expect(ref.blockingPairs(matchingOf(res))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('equals the applicant-optimal stable matching found by brute force (≤ 6 talents, ≤ 4 posts)', () => {
    fc.assert(
      fc.property(withAdjustments({ talents: [3, 6], positions: [2, 4], maxSeats: 2, submitted: 7, lenient: true }, policy), (inst) => {
        expect(matchingOf(run(inst))).toEqual(new Reference(inst).applicantOptimal());
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on input order', () => {
    fc.assert(
      fc.property(withPins({ talents: [1, 10], positions: [1, 6], maxSeats: 3 }, policy), fc.integer(), (inst, seed) => {
        const shuffled: Instance = { ...inst, talents: shuffle(inst.talents, seed), positions: shuffle(inst.positions, seed + 1) };
        expect(run(shuffled)).toEqual(run(inst));
      }),
      { numRuns: 100 },
    );
  });
});

describe.each(['reserved_first', 'general_first'] as const)('pinned placements under %s', (policy) => {
  it('seat every pin, keep every post within its seats, and match the others stably on the seats left', () => {
    fc.assert(
      fc.property(withPins({ talents: [1, 12], positions: [1, 6], maxSeats: 3, lenient: true }, policy), (inst) => {
        const ref = new Reference(inst);
        const res = run(inst);
        for (const t of res.talents) {
          const pin = inst.pins![t.talentId];
          expect(t.pinned).toBe(pin !== undefined);
          if (pin) expect([t.positionId, t.seat, t.rank, t.above]).toEqual([pin, ref.pinSeat.get(t.talentId), null, []]);
        }
        for (const p of res.positions) {
          const pos = inst.positions.find((x) => x.id === p.positionId)!;
          const everyone = res.talents.filter((t) => t.positionId === p.positionId);
          expect(everyone.length).toBeLessThanOrEqual(pos.seats);
          expect(p.pinned.map((h) => h.talentId).sort()).toEqual(
            everyone
              .filter((t) => t.pinned)
              .map((t) => t.talentId)
              .sort(),
          );
          const reservedTaken = everyone.filter((t) => t.seat === 'reserved');
          expect(reservedTaken.length).toBeLessThanOrEqual(Math.min(pos.reservedSeats, pos.seats));
          for (const t of reservedTaken) if (!t.pinned) expect(t.directed).toBe(true);
          const held = everyone.filter((t) => !t.pinned).map((t) => t.talentId);
          expect(new Map(p.held.map((h) => [h.talentId, h.seat]))).toEqual(ref.choose(p.positionId, held));
        }
        const competing = new Set(ref.talents.map((t) => t.id));
        expect(ref.blockingPairs(matchingOf(res, competing))).toEqual([]);
        expect(res.stats.matched).toBe(res.talents.filter((t) => t.positionId !== null).length);
      }),
      { numRuns: 300 },
    );
  });

  it('equal the applicant-optimal stable matching of the others on the seats left (brute force, ≤ 6 talents)', () => {
    fc.assert(
      fc.property(withPins({ talents: [3, 6], positions: [2, 4], maxSeats: 2, submitted: 7, lenient: true }, policy), (inst) => {
        const ref = new Reference(inst);
        expect(matchingOf(run(inst), new Set(ref.talents.map((t) => t.id)))).toEqual(ref.applicantOptimal());
      }),
      { numRuns: 300 },
    );
  });
});

describe('pins the core refuses', () => {
  const talent = {
    id: 't',
    educationLevel: 'associate',
    qualificationLevel: null,
    serviceAreas: [],
    languages: ['mandarin'],
    regionCode: null,
    preferredRegions: [],
    directed: null,
    history: { employerIds: [], positionKinds: [], internshipEmployerIds: [] },
  };
  const post = {
    id: 'p',
    employerId: 'e',
    kind: 'station_worker',
    regionCode: '150102001',
    seats: 1,
    reservedSeats: 0,
    minEducation: null,
    minQualification: null,
    serviceAreas: [],
    languages: [],
    open: true,
  };
  it('an ineligible talent, an unknown post or talent, and more pins than seats', () => {
    expect(() => runRound({ talents: [talent], positions: [{ ...post, minEducation: 'bachelor' }], pins: { t: 'p' } })).toThrow(/not eligible.*education/);
    expect(() => runRound({ talents: [talent], positions: [post], pins: { t: 'q' } })).toThrow(/position q is not in the round/);
    expect(() => runRound({ talents: [talent], positions: [post], pins: { u: 'p' } })).toThrow(/talent u is not in the round/);
    expect(() => runRound({ talents: [talent, { ...talent, id: 'u' }], positions: [post], pins: { t: 'p', u: 'p' } })).toThrow(/no seat left/);
  });
});
