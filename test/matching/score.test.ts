import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MatchContext } from '../../src/matching/prepared';
import { quickScore, scorePair } from '../../src/matching/score';
import { DEFAULT_WEIGHTS, resolveWeights, type PairScore } from '../../src/matching/types';
import { position, talent } from './fixtures';
import { positionArb, talentArb, weightsArb } from './reference';

const factor = (r: PairScore, name: string) => r.breakdown.find((f) => f.factor === name)!;

describe('scorePair: hard constraints', () => {
  it('a plain pair is eligible with no reasons and zero points', () => {
    const r = scorePair(talent(), position());
    expect(r).toMatchObject({ eligible: true, reasons: [], score: 0 });
    expect(r.breakdown.map((f) => f.factor)).toEqual(['serviceArea', 'preferredRegion', 'qualification', 'history', 'language', 'distance']);
  });

  it.each([
    ['closed', talent(), position({ open: false })],
    ['no_seats', talent(), position({ seats: 0 })],
    ['directed_region', talent({ directed: { targetRegionCode: '1502' } }), position({ regionCode: '150102001' })],
    ['directed_employer', talent({ directed: { targetRegionCode: '15', targetEmployerId: 'e2' } }), position({ employerId: 'e1' })],
    ['education', talent({ educationLevel: 'associate' }), position({ minEducation: 'bachelor' })],
    ['education', talent({ educationLevel: null }), position({ minEducation: 'secondary' })],
    ['education', talent({ educationLevel: 'doctorate' }), position({ minEducation: 'not-a-level' })],
    ['qualification', talent({ qualificationLevel: 'assistant' }), position({ minQualification: 'intermediate' })],
    ['qualification', talent({ qualificationLevel: null }), position({ minQualification: 'assistant' })],
    ['language', talent({ languages: ['mandarin'] }), position({ languages: ['mandarin', 'mongolian'] })],
    ['language', talent({ languages: ['mandarin'] }), position({ languages: ['klingon'] })],
  ] as const)('%s', (reason, t, p) => {
    const r = scorePair(t, p);
    expect(r.eligible).toBe(false);
    expect(r.reasons).toEqual([reason]);
  });

  it('meets each constraint exactly at the minimum, and inside the target subtree', () => {
    const t = talent({
      educationLevel: 'bachelor',
      qualificationLevel: 'assistant',
      languages: ['mandarin', 'mongolian'],
      directed: { targetRegionCode: '1501', targetEmployerId: 'e1' },
    });
    const p = position({ minEducation: 'bachelor', minQualification: 'assistant', languages: ['mongolian'], regionCode: '150102001', employerId: 'e1' });
    expect(scorePair(t, p)).toMatchObject({ eligible: true, reasons: [] });
    expect(scorePair(talent({ qualificationLevel: null }), position({ minQualification: null })).eligible).toBe(true);
    expect(scorePair(talent({ educationLevel: null }), position({ minEducation: null })).eligible).toBe(true);
  });

  it('lists every failed constraint in the documented order, and still scores the pair', () => {
    const r = scorePair(
      talent({ educationLevel: null, directed: { targetRegionCode: '13', targetEmployerId: 'x' }, serviceAreas: ['elderly'] }),
      position({ open: false, seats: 0, minEducation: 'bachelor', minQualification: 'senior', languages: ['tibetan'], serviceAreas: ['elderly'] }),
    );
    expect(r.reasons).toEqual(['closed', 'no_seats', 'directed_region', 'directed_employer', 'education', 'qualification', 'language']);
    expect(r.score).toBe(30);
  });
});

describe('scorePair: factors with the default weights', () => {
  it('service areas: 30 × shared / listed, rounded', () => {
    const t = talent({ serviceAreas: ['elderly', 'children'] });
    expect(factor(scorePair(t, position({ serviceAreas: ['elderly', 'youth', 'family'] })), 'serviceArea')).toEqual({
      factor: 'serviceArea',
      points: 10,
      detail: 'shared=elderly;listed=3',
    });
    expect(factor(scorePair(t, position({ serviceAreas: ['elderly', 'children', 'family'] })), 'serviceArea').points).toBe(20);
    expect(factor(scorePair(t, position({ serviceAreas: ['children'] })), 'serviceArea').points).toBe(30);
    expect(factor(scorePair(t, position({ serviceAreas: [] })), 'serviceArea')).toMatchObject({ points: 0, detail: 'shared=;listed=0' });
    expect(factor(scorePair(talent(), position({ serviceAreas: ['youth'] })), 'serviceArea').points).toBe(0);
    // 1 of 7 = 4.29 → 4
    const seven = ['children', 'youth', 'elderly', 'disability', 'community', 'school', 'medical'];
    expect(factor(scorePair(talent({ serviceAreas: ['school'] }), position({ serviceAreas: seven })), 'serviceArea').points).toBe(4);
  });

  it('preferred region: exact 20, inside a preferred region 12 (the deepest one named), else 0', () => {
    const p = position({ regionCode: '150102001' });
    expect(factor(scorePair(talent({ preferredRegions: ['150102001'] }), p), 'preferredRegion')).toMatchObject({ points: 20, detail: 'exact=150102001' });
    expect(factor(scorePair(talent({ preferredRegions: ['15', '150102'] }), p), 'preferredRegion')).toMatchObject({ points: 12, detail: 'within=150102' });
    expect(factor(scorePair(talent({ preferredRegions: ['1502', '150102001001'] }), p), 'preferredRegion')).toMatchObject({ points: 0, detail: 'none' });
    // A post at county level is not "within" a preferred township below it.
    expect(factor(scorePair(talent({ preferredRegions: ['150102001'] }), position({ regionCode: '150102' })), 'preferredRegion').points).toBe(0);
  });

  it('qualification: 5 per level above the minimum', () => {
    expect(factor(scorePair(talent({ qualificationLevel: 'senior' }), position({ minQualification: 'none' })), 'qualification')).toMatchObject({
      points: 15,
      detail: 'levels=3',
    });
    expect(factor(scorePair(talent({ qualificationLevel: 'intermediate' }), position({ minQualification: 'assistant' })), 'qualification').points).toBe(5);
    expect(factor(scorePair(talent({ qualificationLevel: 'assistant' }), position({ minQualification: 'assistant' })), 'qualification').points).toBe(0);
  });

  it('history: past employer 15 + internship there 10 + same kind of post 5', () => {
    const p = position({ employerId: 'e9', kind: 'school_worker' });
    const h = (employerIds: string[], internshipEmployerIds: string[], positionKinds: string[]) =>
      factor(scorePair(talent({ history: { employerIds, internshipEmployerIds, positionKinds } }), p), 'history');
    expect(h(['e9'], [], [])).toMatchObject({ points: 15, detail: 'employer' });
    expect(h([], ['e9'], [])).toMatchObject({ points: 10, detail: 'internship' });
    expect(h([], [], ['school_worker'])).toMatchObject({ points: 5, detail: 'kind=school_worker' });
    expect(h(['e9'], ['e9'], ['school_worker'])).toMatchObject({ points: 30, detail: 'employer;internship;kind=school_worker' });
    expect(h(['e1'], ['e2'], ['station_worker'])).toMatchObject({ points: 0, detail: 'none' });
  });

  it('language: 3 per language beyond the required ones, Mandarin not counted, at most 2', () => {
    const l = (languages: string[], required: string[] = []) => factor(scorePair(talent({ languages }), position({ languages: required })), 'language');
    expect(l(['mandarin'])).toMatchObject({ points: 0, detail: 'extra=;counted=0' });
    expect(l(['mandarin', 'mongolian'])).toMatchObject({ points: 3, detail: 'extra=mongolian;counted=1' });
    expect(l(['mandarin', 'mongolian'], ['mongolian']).points).toBe(0);
    expect(l(['mongolian', 'english', 'sign', 'mandarin'])).toMatchObject({ points: 6, detail: 'extra=mongolian,english,sign;counted=2' });
  });

  it('distance in the region tree: township 20, county 12, city 6, province 2, else 0', () => {
    const d = (home: string | null) => factor(scorePair(talent({ regionCode: home }), position({ regionCode: '150102001' })), 'distance');
    expect(d('150102001')).toEqual({ factor: 'distance', points: 20, detail: 'township' });
    expect(d('150102002')).toMatchObject({ points: 12, detail: 'county' });
    expect(d('150102')).toMatchObject({ points: 12, detail: 'county' });
    expect(d('150103001')).toMatchObject({ points: 6, detail: 'city' });
    expect(d('150201001')).toMatchObject({ points: 2, detail: 'province' });
    expect(d('130102001')).toMatchObject({ points: 0, detail: 'none' });
    expect(d(null)).toMatchObject({ points: 0, detail: 'none' });
  });

  it('reaches the documented maximum of 121', () => {
    const t = talent({
      serviceAreas: ['elderly'],
      preferredRegions: ['150102001'],
      qualificationLevel: 'senior',
      languages: ['mandarin', 'mongolian', 'english'],
      regionCode: '150102001',
      history: { employerIds: ['e1'], internshipEmployerIds: ['e1'], positionKinds: ['station_worker'] },
    });
    expect(scorePair(t, position({ serviceAreas: ['elderly'] })).score).toBe(121);
  });

  it('takes weights per round, and refuses negative or non-finite ones', () => {
    const t = talent({ serviceAreas: ['elderly'], regionCode: '150102001' });
    const p = position({ serviceAreas: ['elderly'] });
    expect(scorePair(t, p).score).toBe(50);
    expect(scorePair(t, p, { serviceArea: 100, distanceTownship: 0 }).score).toBe(100);
    expect(resolveWeights(null)).toEqual(DEFAULT_WEIGHTS);
    expect(() => resolveWeights({ pastKind: -1 })).toThrow(RangeError);
    expect(() => resolveWeights({ pastKind: Number.NaN })).toThrow(RangeError);
    expect(() => resolveWeights({ pastKind: Infinity })).toThrow(RangeError);
  });
});

describe('scorePair: properties', () => {
  it('the score is the sum of the breakdown, points are never negative, and the fast path agrees', () => {
    fc.assert(
      fc.property(talentArb('t'), positionArb('p', 3), weightsArb, (t, p, w) => {
        const r = scorePair(t, p, w);
        expect(r.score).toBe(r.breakdown.reduce((a, f) => a + f.points, 0));
        for (const f of r.breakdown) expect(f.points).toBeGreaterThanOrEqual(0);
        expect(r.eligible).toBe(r.reasons.length === 0);
        const ctx = new MatchContext(w);
        expect(quickScore(ctx, ctx.talent(t), ctx.position(p))).toBe(r.eligible ? r.score : -1);
        expect(scorePair(t, p, w)).toEqual(r);
      }),
      { numRuns: 1000 },
    );
  });
});
