// Issue #13 item 3: the follow-up round (补录) of a published round takes the posts with seats left
// and the talents still unplaced and seeking; they see it among their rounds; the fill rate counts
// the main round and its follow-ups together.
import { describe, expect, it } from 'vitest';
import { expectProblem, signedIn, type TestApp } from '../helpers/app';
import { eachRoundWorld, collectingRound, ok, type RoundJson, type RoundWorld } from './helpers';

let t: TestApp;
let w: RoundWorld;
eachRoundWorld((x) => ({ t, w } = x));

type FollowUp = RoundJson & { followsRoundId: string | null; name: string };
type FillRate = { rounds: { id: string; seats: number; filled: number }[]; seats: number; filled: number; fillRate: number | null };

describe('follow-up round', () => {
  it('takes the seats and the people the published round left, and the fill rate spans both', async () => {
    const round = await collectingRound(w);
    await ok(await w.dept.post(`/api/v1/rounds/${round.id}/run`));
    await expectProblem(await w.dept.post(`/api/v1/rounds/${round.id}/follow-up`), 409);
    await ok(await w.dept.post(`/api/v1/rounds/${round.id}/publish`));
    // Every seat went out: nothing to follow up yet.
    await expectProblem(await w.dept.post(`/api/v1/rounds/${round.id}/follow-up`), 409);
    // g3 declines its seat at P1: one seat comes free, and g3 is unplaced again.
    const g3Proposal = (await ok<{ items: { id: string }[] }>(await w.g3.get('/api/v1/talents/me/proposals'))).items[0];
    await ok(await w.g3.post(`/api/v1/proposals/${g3Proposal.id}/response`, { decision: 'decline' }));

    const other = await signedIn(t, 'department', { regionCode: '1502' });
    await expectProblem(await other.post(`/api/v1/rounds/${round.id}/follow-up`), 404);
    const follow = await ok<FollowUp>(await w.dept.post(`/api/v1/rounds/${round.id}/follow-up`), 201);
    expect(follow).toMatchObject({ status: 'collecting', followsRoundId: round.id, regionCode: '1501', counts: { positions: 1, seats: 1 } });
    expect(follow.name).toContain('补录');
    const positions = await ok<{ items: { positionId: string; seats: number }[] }>(await w.dept.get(`/api/v1/rounds/${follow.id}/positions`));
    expect(positions.items.map((p) => [p.positionId, p.seats])).toEqual([[w.p1, 1]]);
    // Unplaced and seeking: g3 (declined), g4 and g7 (unassigned); g1, g2, g5 hold live proposals.
    const members = await ok<{ items: { talentId: string }[] }>(await w.dept.get(`/api/v1/rounds/${follow.id}/talents?pageSize=100`));
    expect(members.items.map((m) => m.talentId).sort()).toEqual([w.g3.talentId, w.g4.talentId, w.g7.talentId].sort());
    // One follow-up per round.
    await expectProblem(await w.dept.post(`/api/v1/rounds/${round.id}/follow-up`), 409);

    // The talents are told: the follow-up is among their rounds, open for choices, and says which round it follows.
    const g4Rounds = await ok<{ items: { round: { id: string; status: string; followsRoundId: string | null } }[] }>(await w.g4.get('/api/v1/talents/me/rounds'));
    expect(g4Rounds.items.find((r) => r.round.id === follow.id)?.round).toMatchObject({ status: 'collecting', followsRoundId: round.id });
    expect((await ok<{ items: { round: { id: string } }[] }>(await w.g2.get('/api/v1/talents/me/rounds'))).items.map((r) => r.round.id)).toEqual([round.id]);
    // A notice for each of them (written with the follow-up), until dismissed; none for g2.
    type Notices = { items: { roundId: string; kind: string }[] };
    expect((await ok<Notices>(await w.g4.get('/api/v1/talents/me/round-notices'))).items).toEqual([expect.objectContaining({ roundId: follow.id, kind: 'follow_up' })]);
    expect((await ok<Notices>(await w.g2.get('/api/v1/talents/me/round-notices'))).items).toEqual([]);
    expect(await (await w.g3.get('/me/rounds')).text()).toContain('你有一个新的补录轮次，请重新排序或保留推荐列表');
    expect((await ok<Notices>(await w.g4.post(`/api/v1/rounds/${follow.id}/notice/dismiss`))).items).toEqual([]);
    await expectProblem(await w.g4.post(`/api/v1/rounds/${follow.id}/notice/dismiss`), 404);
    await expectProblem(await w.g2.post(`/api/v1/rounds/${follow.id}/notice/dismiss`), 404);
    await expectProblem(await w.dept.get('/api/v1/talents/me/round-notices'), 403);
    expect(await (await w.g4.get('/me/rounds')).text()).not.toContain('你有一个新的补录轮次');
    expect((await ok<Notices>(await w.g3.get('/api/v1/talents/me/round-notices'))).items).toHaveLength(1);
    await ok(await w.g4.put(`/api/v1/rounds/${follow.id}/choices`, { positionIds: [w.p1] }));

    const before = await ok<FillRate>(await w.dept.get(`/api/v1/rounds/${round.id}/fill-rate`));
    expect(before).toMatchObject({ seats: 4, filled: 3, fillRate: 0.75 });
    await ok(await w.dept.post(`/api/v1/rounds/${follow.id}/run`));
    const after = await ok<FillRate>(await w.dept.get(`/api/v1/rounds/${follow.id}/fill-rate`));
    expect(after.rounds.map((r) => [r.id, r.seats, r.filled])).toEqual([
      [round.id, 4, 3],
      [follow.id, 1, 1],
    ]);
    expect(after).toMatchObject({ seats: 4, filled: 4, fillRate: 1 });
  });
});
