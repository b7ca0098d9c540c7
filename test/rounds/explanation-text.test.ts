// A run builds its stored explanations straight from the core's values (RoundResult.eachRefusal,
// src/rounds/rounds.explanations.ts proposalExplanationOf / unassignedExplanationOf), without a
// Refusal object per refusal. Their JSON text must be exactly that of the object encoders, which
// stay the definition of the stored format (the digest hashes it): random rounds with unknown and
// repeated posts, ineligible entries, reserved seats, 服从调剂 and pins, under both reserve policies.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runRound } from '../../src/matching/round';
import { scorePair } from '../../src/matching/score';
import { encodeProposalExplanation, encodeUnassignedExplanation, proposalExplanationOf, unassignedExplanationOf } from '../../src/rounds/rounds.explanations';
import { REGIONS, instanceArb } from '../matching/reference';

const policies = ['reserved_first', 'general_first'] as const;

/** A random round with 服从调剂 for some talents and pins of some others to a post with a seat left. */
const roundArb = fc
  .tuple(instanceArb({ talents: [1, 14], positions: [1, 7], maxSeats: 3 }), fc.constantFrom(...policies), fc.array(fc.nat(), { minLength: 14, maxLength: 14 }))
  .map(([inst, reservePolicy, picks]) => {
    const adjustments: Record<string, string> = {};
    const pins: Record<string, string> = {};
    const left = new Map(inst.positions.map((p) => [p.id, Math.max(0, p.seats)]));
    inst.talents.forEach((t, i) => {
      if (picks[i] % 4 === 1) adjustments[t.id] = REGIONS[picks[i] % REGIONS.length];
      if (picks[i] % 4 !== 2) return;
      const options = inst.positions.filter((p) => left.get(p.id)! > 0 && scorePair(t, p, inst.weights).eligible);
      if (options.length === 0) return;
      const p = options[picks[i] % options.length];
      left.set(p.id, left.get(p.id)! - 1);
      pins[t.id] = p.id;
    });
    return { ...inst, reservePolicy, adjustments, pins };
  });

describe('explanation text', () => {
  it('is JSON.stringify of the object encoders, for every talent of random rounds', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(roundArb, (inst) => {
        const result = runRound(inst);
        const index = new Map(result.positions.map((p, j) => [p.positionId, j]));
        result.talents.forEach((t, i) => {
          for (const r of t.above) seen.add(r.reason === 'full' && r.reservedCutoff !== undefined ? 'full+reserved' : r.reason);
          if (t.pinned) seen.add('pinned');
          if (t.adjustment) seen.add('adjustment');
          if (t.positionId === null) {
            expect(JSON.stringify(unassignedExplanationOf(result, i))).toBe(JSON.stringify(encodeUnassignedExplanation(t, index)));
          } else {
            const reason = t.pinned ? `pin "${i}" 说明` : undefined;
            expect(JSON.stringify(proposalExplanationOf(result, i, reason))).toBe(JSON.stringify(encodeProposalExplanation(t, index, reason)));
          }
        });
      }),
      { numRuns: 300, seed: 13 },
    );
    // The cases above all came up (so the comparison covered each form of refusal).
    expect([...seen].sort()).toEqual(['adjustment', 'full', 'full+reserved', 'ineligible', 'not_in_round', 'pinned', 'reserved']);
  });

  it('hands over the same refusals, in rank order, as the lazily built `above`', () => {
    fc.assert(
      fc.property(roundArb, (inst) => {
        const result = runRound(inst);
        result.talents.forEach((t, i) => {
          const got: unknown[] = [];
          result.eachRefusal(i, {
            notInRound: (positionId) => got.push(['not_in_round', positionId]),
            ineligible: (j, score, reasons) => got.push(['ineligible', result.positions[j].positionId, score, reasons]),
            reserved: (j, score) => got.push(['reserved', result.positions[j].positionId, score]),
            full: (j, score, cutoff, reservedCutoff) => got.push(['full', result.positions[j].positionId, score, cutoff, reservedCutoff]),
          });
          const want = t.above.map((r, rank) => {
            expect(r.rank).toBe(rank);
            if (r.reason === 'not_in_round') return ['not_in_round', r.positionId];
            if (r.reason === 'ineligible') return ['ineligible', r.positionId, r.score, r.ineligible];
            if (r.reason === 'reserved') return ['reserved', r.positionId, r.score];
            return ['full', r.positionId, r.score, r.cutoff, r.reservedCutoff ?? null];
          });
          expect(got).toEqual(want);
          // The list above the outcome: every entry before the assigned rank (all of it when unassigned).
          expect(t.above.length).toBe(t.pinned ? 0 : (t.rank ?? t.list.length));
        });
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
