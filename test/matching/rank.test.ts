import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MatchContext } from '../../src/matching/prepared';
import { PositionIndex, rankPositionsForTalent } from '../../src/matching/rank';
import { quickScore } from '../../src/matching/score';
import type { MatchPosition, MatchTalent, Weights } from '../../src/matching/types';
import { positionArb, talentArb, weightsArb } from './reference';
import { position, talent } from './fixtures';

// Two provinces × 3 cities × 3 counties × 3 townships.
const TOWNSHIPS: string[] = [];
const COUNTIES: string[] = [];
for (const p of ['15', '13'])
  for (const c of ['01', '02', '03'])
    for (const k of ['01', '02', '03']) {
      COUNTIES.push(p + c + k);
      for (const t of ['001', '002', '003']) TOWNSHIPS.push(p + c + k + t);
    }
const ANY_LEVEL = [...TOWNSHIPS, ...COUNTIES, '15', '13', '1501', '1502', '1301'];

const bigTalentArb = fc.tuple(talentArb('t'), fc.option(fc.constantFrom(...ANY_LEVEL)), fc.subarray(ANY_LEVEL, { maxLength: 3 }), fc.constantFrom(...ANY_LEVEL)).map(
  ([t, home, preferred, target]): MatchTalent => ({
    ...t,
    regionCode: home,
    preferredRegions: preferred,
    directed: t.directed && { ...t.directed, targetRegionCode: target },
  }),
);

const positionsArb = fc
  .array(fc.tuple(positionArb('p', 4), fc.constantFrom(...TOWNSHIPS, ...COUNTIES)), { maxLength: 120 })
  .map((ps) => ps.map(([p, region], i): MatchPosition => ({ ...p, id: `p${String(i).padStart(3, '0')}`, regionCode: region })));

/** Score every pair, sort by score then index: the definition the index must reproduce. */
function bruteTop(ctx: MatchContext, t: MatchTalent, positions: MatchPosition[], k: number) {
  const pt = ctx.talent(t);
  return positions
    .map((p, i) => ({ i, s: quickScore(ctx, pt, ctx.position(p)) }))
    .filter((x) => x.s >= 0)
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .slice(0, k);
}

// Codes the app would refuse (odd lengths, deeper than a township) and ids no position has.
const ODD_CODES = ['150', '15010', '1501020', '15010200101', '150101001001', '1', 'x'];

describe('the compiled scorer of candidate generation', () => {
  it('gives exactly quickScore for every pair, odd region codes and unknown ids included', () => {
    const code = fc.constantFrom(...ANY_LEVEL, ...ODD_CODES);
    const oddTalent = fc
      .tuple(bigTalentArb, fc.option(code), fc.subarray([...ANY_LEVEL.slice(0, 6), ...ODD_CODES], { maxLength: 3 }), code, fc.boolean())
      .map(
        ([t, home, preferred, target, odd]): MatchTalent =>
          odd ? { ...t, regionCode: home, preferredRegions: preferred, directed: t.directed && { ...t.directed, targetRegionCode: target } } : t,
      );
    const oddPositions = fc
      .array(fc.tuple(positionArb('p', 3), code, fc.constantFrom('e1', 'e2', 'zz')), { maxLength: 40 })
      .map((ps) => ps.map(([p, region, employerId], i): MatchPosition => ({ ...p, id: `p${i}`, regionCode: region, employerId })));
    fc.assert(
      fc.property(fc.array(oddTalent, { minLength: 1, maxLength: 4 }), oddPositions, weightsArb, (ts, ps, w) => {
        const ctx = new MatchContext(w);
        const prepared = ps.map((p) => ctx.position(p));
        const index = new PositionIndex(ctx, prepared);
        for (const t of ts) {
          const pt = ctx.talent(t);
          const score = index.scorer(pt);
          prepared.forEach((p, i) => expect(score(i)).toBe(quickScore(ctx, pt, p)));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('ranked lists derived from scores', () => {
  it('the bucketed search returns exactly the top K that scoring every pair gives', () => {
    fc.assert(
      fc.property(fc.array(bigTalentArb, { minLength: 1, maxLength: 5 }), positionsArb, weightsArb, fc.integer({ min: 1, max: 30 }), (ts, ps, w, k) => {
        const ctx = new MatchContext(w);
        const index = new PositionIndex(
          ctx,
          ps.map((p) => ctx.position(p)),
        );
        for (const t of ts) {
          const got = index.top(ctx.talent(t), k);
          const want = bruteTop(ctx, t, ps, k);
          expect(got.positions).toEqual(want.map((x) => x.i));
          expect(got.scores).toEqual(want.map((x) => x.s));
          expect(got.scored).toBeLessThanOrEqual(ps.length);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('does not score every pair: a talent with a clear local fit stops early', () => {
    const ctx = new MatchContext();
    const positions: MatchPosition[] = [];
    TOWNSHIPS.forEach((region, r) => {
      for (let x = 0; x < 40; x++) {
        positions.push(position({ id: `p${r}-${x}`, regionCode: region, serviceAreas: [x % 2 ? 'elderly' : 'children'], employerId: `e${r}` }));
      }
    });
    const index = new PositionIndex(
      ctx,
      positions.map((p) => ctx.position(p)),
    );
    const t = ctx.talent(talent({ regionCode: '150102001', preferredRegions: ['150102001'], serviceAreas: ['elderly'] }));
    const got = index.top(t, 10);
    expect(got.positions).toHaveLength(10);
    expect(got.scores.every((s) => s === 70)).toBe(true); // township 20 + exact 20 + area 30
    expect(got.scored).toBeLessThan(positions.length / 20);
  });

  it('a directed talent gets only posts inside the target (and at the target employer, if named)', () => {
    const ctx = new MatchContext();
    const ps = [
      position({ id: 'a', regionCode: '150101001', employerId: 'e1' }),
      position({ id: 'b', regionCode: '150201001', employerId: 'e1' }),
      position({ id: 'c', regionCode: '150101002', employerId: 'e2' }),
    ].map((p) => ctx.position(p));
    const ids = (t: MatchTalent) => rankPositionsForTalent(ctx, ctx.talent(t), ps).map((x) => x.positionId);
    expect(ids(talent({ directed: { targetRegionCode: '1501' } }))).toEqual(['a', 'c']);
    expect(ids(talent({ directed: { targetRegionCode: '1501', targetEmployerId: 'e1' } }))).toEqual(['a']);
    expect(ids(talent({ directed: { targetRegionCode: '13' } }))).toEqual([]);
    expect(ids(talent())).toEqual(['a', 'b', 'c']);
  });

  it('caps lists at 30 and returns scores best first with ties by position order', () => {
    const ctx = new MatchContext({ distanceTownship: 0, distanceCounty: 0, distanceCity: 0, distanceProvince: 0 } satisfies Partial<Weights>);
    const ps = Array.from({ length: 50 }, (_, i) => ctx.position(position({ id: `p${i}`, serviceAreas: i === 42 ? ['elderly'] : [] })));
    const list = rankPositionsForTalent(ctx, ctx.talent(talent({ serviceAreas: ['elderly'] })), ps, 99);
    expect(list).toHaveLength(30);
    expect(list[0]).toEqual({ positionId: 'p42', score: 30 });
    expect(list.slice(1).map((x) => x.positionId)).toEqual(Array.from({ length: 29 }, (_, i) => `p${i}`));
    expect(rankPositionsForTalent(ctx, ctx.talent(talent()), ps, 0)).toEqual([]);
  });
});
