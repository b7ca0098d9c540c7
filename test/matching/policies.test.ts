// Both readings of reserved seats (issue #13 item 4): each is stable under its own choice function,
// within capacity, and equal to the applicant-optimal stable matching found by brute force; and the
// two readings do differ on some instances (so the setting matters).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runRound, type RoundResult } from '../../src/matching/round';
import { Reference, instanceArb, shuffle, type Instance } from './reference';

type Policy = 'reserved_first' | 'general_first';
const run = (inst: Instance) => runRound({ talents: inst.talents, positions: inst.positions, weights: inst.weights, rankings: inst.rankings, reservePolicy: inst.reservePolicy });
const matchingOf = (res: RoundResult) => new Map(res.talents.map((t) => [t.talentId, t.positionId]));
const withPolicy = (arb: fc.Arbitrary<Instance>, policy: Policy) => arb.map((inst) => ({ ...inst, reservePolicy: policy }));

describe.each(['reserved_first', 'general_first'] as const)('reserve policy %s', (policy) => {
  it('is within capacity, labels seats as the choice function does, and is stable under it', () => {
    fc.assert(
      fc.property(withPolicy(instanceArb({ talents: [1, 12], positions: [1, 6], maxSeats: 3, lenient: true }), policy), (inst) => {
        const ref = new Reference(inst);
        const res = run(inst);
        for (const p of res.positions) {
          const held = res.talents.filter((t) => t.positionId === p.positionId).map((t) => t.talentId);
          expect(held.length).toBeLessThanOrEqual(ref.seats(p.positionId));
          const reservedHolders = p.held.filter((h) => h.seat === 'reserved');
          expect(reservedHolders.length).toBeLessThanOrEqual(ref.reserved(p.positionId));
          for (const h of reservedHolders) expect(ref.directed(h.talentId)).toBe(true);
          expect(new Map(p.held.map((h) => [h.talentId, h.seat]))).toEqual(ref.choose(p.positionId, held));
        }
        expect(ref.blockingPairs(matchingOf(res))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('equals the applicant-optimal stable matching found by brute force (≤ 6 talents, ≤ 4 posts)', () => {
    fc.assert(
      fc.property(withPolicy(instanceArb({ talents: [3, 6], positions: [2, 4], maxSeats: 2, submitted: 8, lenient: true }), policy), (inst) => {
        const ref = new Reference(inst);
        expect(matchingOf(run(inst))).toEqual(ref.applicantOptimal());
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on input order', () => {
    fc.assert(
      fc.property(withPolicy(instanceArb({ talents: [1, 10], positions: [1, 6], maxSeats: 3 }), policy), fc.integer(), (inst, seed) => {
        const shuffled: Instance = { ...inst, talents: shuffle(inst.talents, seed), positions: shuffle(inst.positions, seed + 1) };
        expect(run(shuffled)).toEqual(run(inst));
      }),
      { numRuns: 100 },
    );
  });
});

describe('the two readings', () => {
  it('differ: a directed talent who wins a general seat on merit leaves the reserved seat to the next directed one', () => {
    const t = (id: string, directed: boolean, pref: string[]) => ({
      id,
      educationLevel: 'bachelor',
      qualificationLevel: 'assistant',
      serviceAreas: [],
      languages: ['mandarin'],
      regionCode: '150102',
      preferredRegions: pref,
      directed: directed ? { targetRegionCode: '15' } : null,
      history: { employerIds: [], positionKinds: [], internshipEmployerIds: [] },
    });
    const p = {
      id: 'p',
      employerId: 'e',
      kind: 'station_worker',
      regionCode: '150102001',
      seats: 2,
      reservedSeats: 1,
      minEducation: null,
      minQualification: null,
      serviceAreas: [],
      languages: [],
      open: true,
    };
    // d1 (directed) scores best, n1 (non-directed) next, d2 (directed) last.
    const talents = [t('d1', true, ['150102001']), t('n1', false, ['1501']), t('d2', true, [])];
    const holders = (policy: Policy) =>
      runRound({ talents, positions: [p], reservePolicy: policy })
        .positions[0].held.map((h) => `${h.talentId}:${h.seat}`)
        .sort();
    // reserved-first: d1 takes the reserved seat, n1 beats d2 for the general one.
    expect(holders('reserved_first')).toEqual(['d1:reserved', 'n1:general']);
    // general-first: d1 takes the general seat on merit, the reserved seat goes to d2; n1 is out.
    expect(holders('general_first')).toEqual(['d1:general', 'd2:reserved']);
  });
});
