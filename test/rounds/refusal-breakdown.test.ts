// A refusal ("得分 71，低于录取线 74") shows the talent's score at that post per factor, as a proposal
// does: derived from the round's frozen inputs when a page reads it (the run stores none), folded on
// the department's round page and on the talent's rounds page (an unplaced talent now sees their
// refusals there too), absent once the inputs are refreshed.
import { describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app';
import { eachRoundWorld, collectingRound, ok, type RoundWorld } from './helpers';

let t: TestApp;
let w: RoundWorld;
eachRoundWorld((x) => ({ t, w } = x));

type Factor = { factor: string; points: number; detail: string };
type Refusal = { positionId: string; reason: string; score?: number; cutoff?: number | null; breakdown?: Factor[] };
type TalentRow = { talentId: string; proposal: null | { positionId: string; score: number; breakdown: Factor[] }; above: Refusal[] };

const rowsOf = async (w: RoundWorld, roundId: string) => (await ok<{ items: TalentRow[] }>(await w.dept.get(`/api/v1/rounds/${roundId}/talents?pageSize=100`))).items;
const sum = (b: Factor[] | undefined) => (b ?? []).reduce((a, f) => a + f.points, 0);
const html = async (res: Response) => {
  expect(res.status).toBe(200);
  return (await res.text()).replace(/<!-- -->/g, '');
};

describe('refusal breakdowns', () => {
  it('add up to the refused score, on the department page and the talent page, folded', async () => {
    const round = await collectingRound(w);
    await ok(await w.dept.post(`/api/v1/rounds/${round.id}/run`));
    const rows = await rowsOf(w, round.id);
    // g3 ranked P2 first and lost it to g2 (P2 has one seat); g4 ranked only P2 and has nothing.
    const g3 = rows.find((r) => r.talentId === w.g3.talentId)!;
    const g4 = rows.find((r) => r.talentId === w.g4.talentId)!;
    for (const row of [g3, g4]) {
      const p2 = row.above.find((a) => a.positionId === w.p2)!;
      expect(p2).toMatchObject({ reason: 'full' });
      expect(p2.breakdown?.length).toBeGreaterThan(0);
      expect(sum(p2.breakdown)).toBe(p2.score);
    }
    // The same factors a proposal of the same talent at the same post would show: g2 holds P2.
    const g2 = rows.find((r) => r.talentId === w.g2.talentId)!;
    expect(g2.proposal?.positionId).toBe(w.p2);
    expect(g3.above[0].breakdown!.map((f) => f.factor)).toEqual(g2.proposal!.breakdown.map((f) => f.factor));

    const zh = await html(await w.dept.get(`/department/rounds/${round.id}`));
    expect(zh).toContain('<details class="refusal-breakdown"><summary>在该岗位的得分构成</summary>');
    expect(zh).not.toContain('<details class="refusal-breakdown" open');
    expect(await html(await w.dept.get(`/department/rounds/${round.id}?lang=en`))).toContain('<summary>Score breakdown at this post</summary>');

    await ok(await w.dept.post(`/api/v1/rounds/${round.id}/publish`));
    const mine = await ok<{ items: { above: Refusal[] | null }[] }>(await w.g3.get('/api/v1/talents/me/proposals'));
    expect(sum(mine.items[0].above![0].breakdown)).toBe(mine.items[0].above![0].score);
    const page = await html(await w.g3.get('/me/rounds'));
    expect(page).toContain('在该岗位的得分构成');
    // g4, unplaced, reads on their own rounds why P2 did not take them, with the breakdown.
    type MyRounds = { items: { proposal: unknown; above: Refusal[] }[] };
    const g4Rounds = await ok<MyRounds>(await w.g4.get('/api/v1/talents/me/rounds'));
    expect(g4Rounds.items[0].proposal).toBeNull();
    expect(g4Rounds.items[0].above).toEqual([expect.objectContaining({ positionId: w.p2, reason: 'full', positionTitle: '社区工作者 P2' })]);
    expect(sum(g4Rounds.items[0].above[0].breakdown)).toBe(g4Rounds.items[0].above[0].score);
    const g4Page = await html(await w.g4.get('/me/rounds'));
    expect(g4Page).toContain('排在前面的志愿为什么没有录取');
    expect(g4Page).toContain('在该岗位的得分构成');
    // A placed talent's refusals are on their proposal, not repeated.
    expect((await ok<MyRounds>(await w.g3.get('/api/v1/talents/me/rounds'))).items[0].above).toEqual([]);
    // The employer still sees no refusals.
    const theirs = await ok<{ items: { above: Refusal[] | null }[] }>(await w.empA.client.get('/api/v1/employers/me/proposals'));
    expect(theirs.items.length).toBeGreaterThan(0);
    expect(theirs.items.every((p) => p.above === null)).toBe(true);
  });

  it('are left out once the inputs were refreshed after the run', async () => {
    const round = await collectingRound(w);
    await ok(await w.dept.post(`/api/v1/rounds/${round.id}/run`));
    await ok(await w.dept.post(`/api/v1/rounds/${round.id}/refresh-inputs`));
    const g3 = (await rowsOf(w, round.id)).find((r) => r.talentId === w.g3.talentId)!;
    expect(g3.above[0]).toMatchObject({ positionId: w.p2, reason: 'full' });
    expect(g3.above[0].breakdown).toBeUndefined();
    expect(await html(await w.dept.get(`/department/rounds/${round.id}`))).not.toContain('在该岗位的得分构成');
  });
});
