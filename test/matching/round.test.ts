import { describe, expect, it } from 'vitest';
import { runRound, type RoundInput, type RoundResult } from '../../src/matching/round';
import type { MatchTalent, Weights } from '../../src/matching/types';
import { position, talent } from './fixtures';

// Only the qualification factor counts, so a talent's score is 10 × its level: none 0,
// assistant 10, intermediate 20, senior 30 — easy to read in the explanations.
const W: Partial<Weights> = {
  serviceArea: 0,
  preferredExact: 0,
  preferredWithin: 0,
  qualificationStep: 10,
  pastEmployer: 0,
  internship: 0,
  pastKind: 0,
  languageExtra: 0,
  distanceTownship: 0,
  distanceCounty: 0,
  distanceCity: 0,
  distanceProvince: 0,
};
const LEVEL = { 0: 'none', 10: 'assistant', 20: 'intermediate', 30: 'senior' } as const;
const who = (id: string, score: 0 | 10 | 20 | 30, over: Partial<MatchTalent> = {}) => talent({ id, qualificationLevel: LEVEL[score], ...over });
const directed = { targetRegionCode: '15' };

const run = (input: Omit<RoundInput, 'weights'>) => runRound({ weights: W, ...input });
const outcome = (r: RoundResult, id: string) => r.talents.find((t) => t.talentId === id)!;
const post = (r: RoundResult, id: string) => r.positions.find((p) => p.positionId === id)!;

describe('round: outcomes and their explanations', () => {
  it('explains a refusal by the cut-off of the full post', () => {
    const r = run({
      talents: [who('x', 30), who('y', 10)],
      positions: [position({ id: 'A' }), position({ id: 'B', seats: 2 })],
      rankings: { x: ['A', 'B'], y: ['A', 'B'] },
    });
    expect(outcome(r, 'x')).toMatchObject({ positionId: 'A', rank: 0, score: 30, seat: 'general', above: [], unassignedReason: null, listSource: 'submitted' });
    expect(outcome(r, 'y')).toMatchObject({
      positionId: 'B',
      rank: 1,
      score: 10,
      above: [{ positionId: 'A', rank: 0, reason: 'full', score: 10, cutoff: 30, tie: false }],
    });
    expect(post(r, 'A')).toMatchObject({ full: true, cutoff: 30, generalCutoff: 30, reservedCutoff: null, held: [{ talentId: 'x', score: 30, seat: 'general' }] });
    expect(post(r, 'B')).toMatchObject({ full: false, cutoff: null, generalCutoff: null, held: [{ talentId: 'y', score: 10 }] });
    const breakdown = outcome(r, 'x').breakdown!;
    expect(breakdown.find((f) => f.factor === 'qualification')).toEqual({ factor: 'qualification', points: 30, detail: 'levels=3' });
    expect(breakdown.reduce((a, f) => a + f.points, 0)).toBe(30);
  });

  it('breaks ties by directed first, then the smaller talent id, and says it was a tie', () => {
    const ids = (r: RoundResult) => post(r, 'A').held.map((h) => h.talentId);
    const base = { positions: [position({ id: 'A' })] };
    const plain = run({ ...base, talents: [who('b', 20), who('a', 20)] });
    expect(ids(plain)).toEqual(['a']);
    expect(outcome(plain, 'b')).toMatchObject({
      positionId: null,
      unassignedReason: 'all_refused',
      above: [{ positionId: 'A', reason: 'full', score: 20, cutoff: 20, tie: true }],
    });
    const withDirected = run({ ...base, talents: [who('b', 20, { directed }), who('a', 20)] });
    expect(ids(withDirected)).toEqual(['b']);
    // a higher score still beats a directed talent on a general seat
    expect(ids(run({ ...base, talents: [who('b', 20, { directed }), who('a', 30)] }))).toEqual(['a']);
  });

  it('gives reserved seats to directed talents first, and the rest of the post by score', () => {
    const r = run({
      talents: [who('n1', 30), who('n2', 20), who('d', 10, { directed })],
      positions: [position({ id: 'P', seats: 2, reservedSeats: 1 }), position({ id: 'Q', seats: 3 })],
      rankings: { n1: ['P', 'Q'], n2: ['P', 'Q'], d: ['P', 'Q'] },
    });
    expect(post(r, 'P')).toMatchObject({
      full: true,
      reservedFilled: 1,
      cutoff: 10,
      generalCutoff: 30,
      reservedCutoff: 10,
      held: [
        { talentId: 'n1', score: 30, seat: 'general' },
        { talentId: 'd', score: 10, seat: 'reserved' },
      ],
    });
    expect(outcome(r, 'n2')).toMatchObject({ positionId: 'Q', above: [{ positionId: 'P', reason: 'full', score: 20, cutoff: 30, tie: false }] });
    expect(r.stats).toMatchObject({ matched: 3, matchedDirected: 1, reservedFilled: 1, reservedSeats: 1, seats: 5, unfilledSeats: 2 });
  });

  it('reverts reserved seats no directed talent wants to the general part', () => {
    const r = run({
      talents: [who('n1', 30), who('n2', 20), who('n3', 10)],
      positions: [position({ id: 'P', seats: 2, reservedSeats: 2 })],
    });
    expect(post(r, 'P')).toMatchObject({ full: true, reservedFilled: 0, cutoff: 20, reservedCutoff: null, held: [{ talentId: 'n1' }, { talentId: 'n2' }] });
    expect(outcome(r, 'n3').above).toEqual([{ positionId: 'P', rank: 0, reason: 'full', score: 10, cutoff: 20, tie: false }]);
  });

  it('takes a reverted seat back for a directed talent, whatever their score', () => {
    const r = run({
      talents: [who('n1', 30), who('n2', 20), who('d', 0, { directed })],
      positions: [position({ id: 'P', seats: 2, reservedSeats: 1 })],
    });
    expect(post(r, 'P').held.map((h) => [h.talentId, h.seat])).toEqual([
      ['n1', 'general'],
      ['d', 'reserved'],
    ]);
    expect(outcome(r, 'n2')).toMatchObject({ positionId: null, above: [{ reason: 'full', cutoff: 30 }] });
  });

  it('explains a directed talent refused by both parts, and a non-directed talent where only reserved seats remain', () => {
    const r = run({
      talents: [who('d1', 30, { directed }), who('d2', 10, { directed }), who('n', 20)],
      positions: [position({ id: 'R', seats: 1, reservedSeats: 1 }), position({ id: 'G', seats: 2, reservedSeats: 1 })],
      rankings: { d1: ['R'], d2: ['R', 'G'], n: ['R', 'G'] },
    });
    expect(outcome(r, 'd2')).toMatchObject({ positionId: 'G', seat: 'reserved', above: [{ positionId: 'R', reason: 'full', cutoff: null, reservedCutoff: 30, tie: false }] });
    expect(outcome(r, 'n')).toMatchObject({ positionId: 'G', seat: 'general', above: [{ positionId: 'R', reason: 'reserved', score: 20, cutoff: null, tie: false }] });
  });

  it('shows the score and the failed constraints at ineligible posts ranked above, and posts not in the round', () => {
    const r = run({
      talents: [who('t', 10, { serviceAreas: ['elderly'] })],
      positions: [position({ id: 'closed', open: false }), position({ id: 'hard', minQualification: 'senior', minEducation: 'doctorate' }), position({ id: 'ok' })],
      rankings: { t: ['ghost', 'closed', 'hard', 'closed', 'ok'] },
    });
    expect(outcome(r, 't')).toMatchObject({
      list: ['ghost', 'closed', 'hard', 'ok'],
      positionId: 'ok',
      rank: 3,
      above: [
        { positionId: 'ghost', rank: 0, reason: 'not_in_round' },
        { positionId: 'closed', rank: 1, reason: 'ineligible', score: 10, ineligible: ['closed'] },
        { positionId: 'hard', rank: 2, reason: 'ineligible', score: 0, ineligible: ['education', 'qualification'] },
      ],
    });
  });

  it('says why each unassigned talent is unassigned', () => {
    const r = run({
      talents: [who('empty', 10), who('unfit', 10), who('nowhere', 10, { directed: { targetRegionCode: '13' } }), who('refused', 0), who('winner', 30)],
      positions: [position({ id: 'A' }), position({ id: 'X', minQualification: 'senior' })],
      rankings: { empty: [], unfit: ['X', 'nope'], refused: ['A'] },
    });
    const reasons = Object.fromEntries(r.talents.map((t) => [t.talentId, t.unassignedReason]));
    expect(reasons).toEqual({ empty: 'empty_list', unfit: 'none_eligible', nowhere: 'no_eligible_position', refused: 'all_refused', winner: null });
    expect(outcome(r, 'nowhere')).toMatchObject({ listSource: 'derived', list: [], above: [] });
    expect(outcome(r, 'unfit').above).toEqual([
      { positionId: 'X', rank: 0, reason: 'ineligible', score: 0, ineligible: ['qualification'] },
      { positionId: 'nope', rank: 1, reason: 'not_in_round' },
    ]);
    // 30 points at A (3 levels above none), 0 at X (senior required): A first.
    expect(outcome(r, 'winner')).toMatchObject({ listSource: 'derived', list: ['A', 'X'], positionId: 'A' });
  });

  it('accepts rankings as a Map or a record, and refuses duplicate ids', () => {
    const talents = [who('a', 10), who('b', 20)];
    const positions = [position({ id: 'A' }), position({ id: 'B' })];
    expect(run({ talents, positions, rankings: new Map([['a', ['B', 'A']]]) })).toEqual(run({ talents, positions, rankings: { a: ['B', 'A'] } }));
    expect(() => run({ talents: [who('a', 10), who('a', 20)], positions })).toThrow(/duplicate talent id a/);
    expect(() => run({ talents, positions: [position({ id: 'A' }), position({ id: 'A' })] })).toThrow(/duplicate position id A/);
  });

  it('an empty round is fine', () => {
    expect(run({ talents: [], positions: [] })).toEqual({
      talents: [],
      positions: [],
      stats: expect.objectContaining({ talents: 0, positions: 0, matched: 0, proposals: 0 }),
    });
  });
});
