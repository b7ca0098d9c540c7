// Issue #13 items 5 and 6 through the app: 服从调剂 (a talent's list continues with the eligible posts
// of a region they choose by name) and pinned placements (a department pins a talent to a post before
// publication; refused with the reason when a hard constraint breaks). Both are frozen inputs: the
// run, the explanations, the round file and verify-round carry them.
import { describe, expect, it } from 'vitest';
import { expectProblem, signedIn, type TestApp } from '../helpers/app';
import { makeGraduate, makePosition } from '../helpers/builders';
import { verifyRoundFile } from '../../src/rounds/round-file.verify';
import { eachRoundWorld, collectingRound, ok, unchangedRounds, type RoundJson, type RoundWorld } from './helpers';

let t: TestApp;
let w: RoundWorld;
eachRoundWorld((x) => ({ t, w } = x));

type Adjustment = { regionCode: string | null; regionName: string | null; regions: { code: string; name: string }[]; editable: boolean };
type Outcome = {
  talentId: string;
  proposal: null | { positionId: string; rank: number | null; seat: string; pinned: string | null; viaAdjustment: boolean; adjustment: { regionName: string | null } | null };
  unassignedReason: string | null;
  adjustment: { regionCode: string } | null;
};
const outcomes = async (id: string) => (await ok<{ items: Outcome[] }>(await w.dept.get(`/api/v1/rounds/${id}/talents?pageSize=100`))).items;
const outcomeOf = async (id: string, talentId: string) => (await outcomes(id)).find((o) => o.talentId === talentId)!;
type FileT = { talents: { id: string; adjustRegionCode: string | null }[]; pins: { talent: string; position: string }[]; outcome: { proposals: unknown[] } };

describe('服从调剂', () => {
  it('a talent picks a region by name; their list continues with its eligible posts and they are placed "经服从调剂"', async () => {
    const round = await collectingRound(w);
    // A fourth post nobody ranks. g4 ranked only P2, which g2 and g3 outrank: without 服从调剂 g4
    // stays unplaced.
    const p4 = await makePosition(w.empB.client, { title: '社区工作者 P4', seats: 1 });
    await ok(
      await w.dept.put(`/api/v1/rounds/${round.id}/positions`, {
        positions: [{ positionId: w.p1, seats: 2, reservedSeats: 1 }, { positionId: w.p2, seats: 1 }, { positionId: w.p3 }, { positionId: p4 }],
      }),
    );
    const mine = await ok<Adjustment>(await w.g4.get(`/api/v1/rounds/${round.id}/adjustment`));
    expect(mine).toMatchObject({ regionCode: null, editable: true });
    expect(mine.regions.map((r) => r.code)).toEqual(['1501', '150102', '150102001']);
    expect(mine.regions[0].name).toContain('呼和浩特');

    // Outside the round's region, unknown, or not a code: refused on the field, nothing changes.
    await unchangedRounds(t, async () => {
      await expectProblem(await w.g4.put(`/api/v1/rounds/${round.id}/adjustment`, { regionCode: '1502' }), 422, 'regionCode');
      await expectProblem(await w.g4.put(`/api/v1/rounds/${round.id}/adjustment`, { regionCode: '159999' }), 422, 'regionCode');
      await expectProblem(await w.g4.put(`/api/v1/rounds/${round.id}/adjustment`, { regionCode: '新城区' }), 422, 'regionCode');
      await expectProblem(await w.g4.put(`/api/v1/rounds/${round.id}/adjustment`, {}), 422, 'regionCode');
      // Someone not in the round sees no such round; departments do not tick it for talents.
      const outsider = await makeGraduate(t, { name: '局外人' });
      await expectProblem(await outsider.put(`/api/v1/rounds/${round.id}/adjustment`, { regionCode: '150102' }), 404);
      await expectProblem(await w.dept.put(`/api/v1/rounds/${round.id}/adjustment`, { regionCode: '150102' }), 403);
    });

    const set = await ok<Adjustment>(await w.g4.put(`/api/v1/rounds/${round.id}/adjustment`, { regionCode: '150102' }));
    expect(set).toMatchObject({ regionCode: '150102', regionName: expect.stringContaining('新城区') });
    // Changing the talents of the round keeps it.
    await ok(await w.dept.put(`/api/v1/rounds/${round.id}/talents`, { talentIds: [w.g2.talentId, w.g3.talentId, w.g4.talentId, w.g7.talentId], includeAwaitingPlacement: true }));
    expect((await ok<Adjustment>(await w.g4.get(`/api/v1/rounds/${round.id}/adjustment`))).regionCode).toBe('150102');

    const run1 = await ok<{ digest: string }>(await w.dept.post(`/api/v1/rounds/${round.id}/run`));
    const g4 = await outcomeOf(round.id, w.g4.talentId);
    expect(g4.proposal).toMatchObject({ viaAdjustment: true, pinned: null, adjustment: { regionName: expect.stringContaining('新城区') } });
    expect(g4.proposal!.rank).toBeGreaterThanOrEqual(1); // after their own P2
    expect(g4.proposal!.positionId).toBe(p4);
    // Others keep their list: g7 (eligible nowhere) did not tick it and is unplaced as before.
    expect((await outcomeOf(round.id, w.g7.talentId)).proposal).toBeNull();
    // Frozen: no change after the run, and a re-run gives the same digest.
    await expectProblem(await w.g4.put(`/api/v1/rounds/${round.id}/adjustment`, { regionCode: null }), 409);
    expect((await ok<{ digest: string }>(await w.dept.post(`/api/v1/rounds/${round.id}/run`))).digest).toBe(run1.digest);

    // The round file carries it and verify-round agrees; without it the recorded outcome cannot be recomputed.
    const file = await ok<FileT>(await w.dept.get(`/api/v1/rounds/${round.id}/export`));
    expect(file.talents.filter((x) => x.adjustRegionCode).map((x) => x.adjustRegionCode)).toEqual(['150102']);
    expect(verifyRoundFile(file).agrees).toBe(true);
    const stripped = { ...file, talents: file.talents.map((x) => ({ ...x, adjustRegionCode: null })) };
    expect(verifyRoundFile(stripped).agrees).toBe(false);

    // Published: the talent reads it in their proposal, and the public report counts it.
    await ok(await w.dept.post(`/api/v1/rounds/${round.id}/publish`));
    const mineNow = (await ok<{ items: { viaAdjustment: boolean; adjustment: { regionCode: string } | null }[] }>(await w.g4.get('/api/v1/talents/me/proposals'))).items[0];
    expect(mineNow).toMatchObject({ viaAdjustment: true, adjustment: { regionCode: '150102' } });
    const report = await ok<{ totals: { adjustmentWilling: number; placedByAdjustment: number } }>(await t.app.request(`/api/v1/rounds/${round.id}/report`));
    expect(report.totals).toMatchObject({ adjustmentWilling: 1, placedByAdjustment: 1 });
  });
});

describe('pinned placements', () => {
  async function pin(round: RoundJson, talentId: string, positionId: string, reason = '定向协议约定用人单位') {
    return w.dept.post(`/api/v1/rounds/${round.id}/pins`, { talentId, positionId, reason });
  }

  it('refuses a pin that breaks a hard constraint with the reason, seats the others, and explains the pin', async () => {
    const round = await collectingRound(w);
    const elsewhere = await makePosition(w.empA.client, { title: '不在本轮的岗位', seats: 1 });
    const outsider = await makeGraduate(t, { name: '局外人' });
    await unchangedRounds(t, async () => {
      expect((await expectProblem(await pin(round, outsider.talentId, w.p1), 422, 'talentId')).errors![0].message).toMatch(/^talent_not_in_round/);
      expect((await expectProblem(await pin(round, w.g4.talentId, elsewhere), 422, 'positionId')).errors![0].message).toMatch(/^position_not_in_round/);
      // g7 has an associate degree; the posts need a bachelor's.
      expect((await expectProblem(await pin(round, w.g7.talentId, w.p1), 422, 'positionId')).errors![0].message).toMatch(/^ineligible: .*education/);
      await expectProblem(await pin(round, w.g4.talentId, w.p1, ''), 422, 'reason');
      await expectProblem(await pin(round, w.g4.talentId, w.p1, 'x'.repeat(201)), 422, 'reason');
      // Another region's department sees no such round; talents and employers may not pin.
      const far = await signedIn(t, 'department', { regionCode: '1502' });
      await expectProblem(await far.post(`/api/v1/rounds/${round.id}/pins`, { talentId: w.g4.talentId, positionId: w.p1, reason: 'r' }), 404);
      await expectProblem(await w.g4.post(`/api/v1/rounds/${round.id}/pins`, { talentId: w.g4.talentId, positionId: w.p1, reason: 'r' }), 403);
      await expectProblem(await w.empA.client.post(`/api/v1/rounds/${round.id}/pins`, { talentId: w.g4.talentId, positionId: w.p1, reason: 'r' }), 403);
    });

    // g4 (not directed) to P1 takes its general seat; g3 takes P2's only seat.
    expect(await ok(await pin(round, w.g4.talentId, w.p1), 201)).toMatchObject({ talentId: w.g4.talentId, positionId: w.p1, talentName: '丁', reason: '定向协议约定用人单位' });
    await ok(await pin(round, w.g3.talentId, w.p2), 201);
    await unchangedRounds(t, async () => {
      expect((await expectProblem(await pin(round, w.g4.talentId, w.p2), 422, 'talentId')).errors![0].message).toMatch(/^already_pinned/);
      expect((await expectProblem(await pin(round, w.g2.talentId, w.p2), 422, 'positionId')).errors![0].message).toMatch(/^no_seat/);
    });
    // g5 is hired elsewhere meanwhile: already placed.
    await ok(await w.dept.post('/api/v1/placements', { talentId: w.g5.talentId, employerId: w.empB.employerId, positionId: w.p3, kind: 'employment', startOn: '2026-05-20' }), 201);
    expect((await expectProblem(await pin(round, w.g5.talentId, w.p3), 422, 'talentId')).errors![0].message).toMatch(/^already_placed/);

    const pins = await ok<{ items: { talentId: string }[] }>(await w.dept.get(`/api/v1/rounds/${round.id}/pins`));
    expect(pins.items.map((p) => p.talentId).sort()).toEqual([w.g3.talentId, w.g4.talentId].sort());

    await ok(await w.dept.post(`/api/v1/rounds/${round.id}/run`));
    const g4 = await outcomeOf(round.id, w.g4.talentId);
    expect(g4.proposal).toMatchObject({ positionId: w.p1, seat: 'general', rank: null, pinned: '定向协议约定用人单位' });
    expect((await outcomeOf(round.id, w.g3.talentId)).proposal).toMatchObject({ positionId: w.p2, pinned: '定向协议约定用人单位' });
    // The others compete for what is left: P1's reserved seat goes to directed g1; g2 (P2 full) is
    // left with P1, which has no seat left for a non-directed talent.
    expect((await outcomeOf(round.id, w.g1.talentId)).proposal).toMatchObject({ positionId: w.p1, seat: 'reserved', pinned: null });
    expect((await outcomeOf(round.id, w.g2.talentId)).proposal).toBeNull();
    const result = await ok<{ positions: { items: { positionId: string; result: { filled: number; seats: number } }[] } }>(await w.dept.get(`/api/v1/rounds/${round.id}/result`));
    expect(result.positions.items.find((p) => p.positionId === w.p1)!.result).toMatchObject({ seats: 2, filled: 2 });

    // After the run: unpinning makes the result stale until the round runs again.
    expect((await ok<{ items: unknown[] }>(await w.dept.delete(`/api/v1/rounds/${round.id}/pins/${w.g3.talentId}`))).items).toHaveLength(1);
    await expectProblem(await w.dept.delete(`/api/v1/rounds/${round.id}/pins/${w.g3.talentId}`), 404);
    await expectProblem(await w.dept.post(`/api/v1/rounds/${round.id}/publish`), 409);
    await ok(await w.dept.post(`/api/v1/rounds/${round.id}/run`));
    expect((await outcomeOf(round.id, w.g3.talentId)).proposal?.pinned ?? null).toBeNull();

    // The round file carries the pin (no reason) and verify-round agrees; dropping it disagrees.
    const file = await ok<FileT & Record<string, unknown>>(await w.dept.get(`/api/v1/rounds/${round.id}/export`));
    expect(file.pins).toHaveLength(1);
    expect(JSON.stringify(file)).not.toContain('定向协议约定用人单位');
    expect(verifyRoundFile(file).agrees).toBe(true);
    expect(verifyRoundFile({ ...file, pins: [] }).agrees).toBe(false);

    // Published: the talent reads why; pins can no longer change.
    await ok(await w.dept.post(`/api/v1/rounds/${round.id}/publish`));
    const mine = (await ok<{ items: { pinned: string | null; rank: number | null }[] }>(await w.g4.get('/api/v1/talents/me/proposals'))).items[0];
    expect(mine).toMatchObject({ pinned: '定向协议约定用人单位', rank: null });
    const report = await ok<{ totals: { pinned: number } }>(await t.app.request(`/api/v1/rounds/${round.id}/report`));
    expect(report.totals.pinned).toBe(1);
    await unchangedRounds(t, async () => {
      expect((await expectProblem(await pin(round, w.g2.talentId, w.p2), 422, 'roundId')).errors![0].message).toMatch(/^published/);
      await expectProblem(await w.dept.delete(`/api/v1/rounds/${round.id}/pins/${w.g4.talentId}`), 422, 'roundId');
    });
  });

  it('a directed pin takes a reserved seat; removing the talent from the round removes the pin', async () => {
    const round = await collectingRound(w);
    await ok(await pin(round, w.g1.talentId, w.p1), 201);
    await ok(await w.dept.post(`/api/v1/rounds/${round.id}/run`));
    expect((await outcomeOf(round.id, w.g1.talentId)).proposal).toMatchObject({ positionId: w.p1, seat: 'reserved', rank: null });
    // A draft of another round: pins go when their talent leaves.
    const other = await ok<RoundJson>(await w.dept.post('/api/v1/rounds', { name: '另一轮' }), 201);
    await ok(await w.dept.put(`/api/v1/rounds/${other.id}/positions`, { positions: [{ positionId: w.p2 }] }));
    await ok(await w.dept.put(`/api/v1/rounds/${other.id}/talents`, { talentIds: [w.g2.talentId, w.g3.talentId] }));
    await ok(await w.dept.post(`/api/v1/rounds/${other.id}/pins`, { talentId: w.g2.talentId, positionId: w.p2, reason: '约定' }), 201);
    await ok(await w.dept.put(`/api/v1/rounds/${other.id}/talents`, { talentIds: [w.g3.talentId] }));
    expect((await ok<{ items: unknown[] }>(await w.dept.get(`/api/v1/rounds/${other.id}/pins`))).items).toEqual([]);
  });
});
