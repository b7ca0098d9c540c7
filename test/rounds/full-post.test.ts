// Issue 9 C6: a round whose post has no free seat left at run time still runs; the post takes no one
// and the explanation says why (no_seats).
import { describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app';
import { makeGraduate } from '../helpers/builders';
import { eachRoundWorld, collectingRound, ok, type RoundWorld } from './helpers';

let t: TestApp;
let w: RoundWorld;
eachRoundWorld((x) => ({ t, w } = x));

type Refusal = { positionId: string; reason: string; ineligible?: string[] };
type TalentRow = { talentId: string; proposal: null | { positionId: string }; unassignedReason: string | null; above: Refusal[] };
type ResultJson = { positions: { items: { positionId: string; result: { seats: number; filled: number } | null; holders: unknown[] }[] } };

describe('a round with a full post', () => {
  it('runs; the full post takes no one and the refusal gives no_seats', async () => {
    const round = await collectingRound(w);
    // P2's only seat is filled outside the round after it was set up.
    const other = await makeGraduate(t, { name: '外部录用' });
    await ok(
      await w.dept.post('/api/v1/placements', { talentId: other.talentId, employerId: w.empA.employerId, positionId: w.p2, kind: 'employment', startOn: '2026-05-20' }),
      201,
    );

    const run = await ok<{ digest: string; stats: { matched: number } }>(await w.dept.post(`/api/v1/rounds/${round.id}/run`));
    expect(run.digest).toMatch(/^[0-9a-f]{64}$/);
    const res = await ok<ResultJson>(await w.dept.get(`/api/v1/rounds/${round.id}/result?pageSize=100`));
    const p2 = res.positions.items.find((p) => p.positionId === w.p2)!;
    expect(p2.holders).toHaveLength(0);
    expect(p2.result).toMatchObject({ seats: 0, filled: 0 });
    const rows = (await ok<{ items: TalentRow[] }>(await w.dept.get(`/api/v1/rounds/${round.id}/talents?pageSize=100`))).items;
    const g2 = rows.find((r) => r.talentId === w.g2.talentId)!;
    // g2 ranked P2 first: now placed at P1, with P2 refused for want of a seat.
    expect(g2.proposal).toMatchObject({ positionId: w.p1 });
    expect(g2.above).toEqual([expect.objectContaining({ positionId: w.p2, reason: 'ineligible', ineligible: ['no_seats'] })]);
    // The round is not stuck: it runs again to the same digest and publishes.
    expect((await ok<{ digest: string }>(await w.dept.post(`/api/v1/rounds/${round.id}/run`))).digest).toBe(run.digest);
    await ok(await w.dept.post(`/api/v1/rounds/${round.id}/publish`));
  });
});
