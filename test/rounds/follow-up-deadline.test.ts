// A follow-up round (补录) gets a choice deadline as a first round does: the department gives the day
// when it starts the follow-up (today or later); choices after it are refused, and running the
// follow-up before it needs confirmEarly (422 naming the field and the deadline). Without a day
// there is none, as before. The round page's follow-up form takes the day.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectProblem, makeTestApp, type TestApp } from '../helpers/app';
import { signInAs } from '../web/client';
import { makeRoundWorld, ok, publishedRound, unchangedRounds, type RoundJson, type RoundWorld } from './helpers';

let t: TestApp;
let w: RoundWorld;
let roundId: string;
beforeEach(async () => {
  t = await makeTestApp(); // the clock stands at 2026-06-01 (China)
  w = await makeRoundWorld(t);
  roundId = (await publishedRound(w)).id;
  // g3 declines its seat at P1: one seat and one talent for a follow-up.
  const proposal = (await ok<{ items: { id: string }[] }>(await w.g3.get('/api/v1/talents/me/proposals'))).items[0];
  await ok(await w.g3.post(`/api/v1/proposals/${proposal.id}/response`, { decision: 'decline' }));
});
afterEach(() => t.close());

type FollowUp = RoundJson & { choicesCloseOn: string | null };

describe('the follow-up round choice deadline', () => {
  it('is refused in the past or malformed, naming the field, and nothing is created', async () => {
    for (const [day, code] of [
      ['2026-05-31', 'today_or_later'],
      ['2026-6-9', undefined],
    ] as const) {
      const problem = (await unchangedRounds(t, async () =>
        expectProblem(await w.dept.post(`/api/v1/rounds/${roundId}/follow-up`, { choicesCloseOn: day }), 422, 'choicesCloseOn'),
      )) as unknown as { errors: { path: string; code: string }[] };
      if (code) expect(problem.errors[0]).toMatchObject({ path: 'choicesCloseOn', code });
    }
  });

  it('closes choices and guards an early run like a first round', async () => {
    const follow = await ok<FollowUp>(await w.dept.post(`/api/v1/rounds/${roundId}/follow-up`, { choicesCloseOn: '2026-06-08' }), 201);
    expect(follow).toMatchObject({ status: 'collecting', choicesCloseOn: '2026-06-08', followsRoundId: roundId });
    // The talents see the day with the round.
    const mine = await ok<{ items: { round: { id: string; choicesCloseOn: string | null } }[] }>(await w.g3.get('/api/v1/talents/me/rounds'));
    expect(mine.items.find((r) => r.round.id === follow.id)?.round.choicesCloseOn).toBe('2026-06-08');
    expect(await (await w.g3.get('/me/rounds')).text()).toContain('2026-06-08');
    await ok(await w.g3.put(`/api/v1/rounds/${follow.id}/choices`, { positionIds: [w.p1] }));

    // Before the deadline the run needs the confirmation, with the deadline in the problem.
    const early = (await unchangedRounds(t, async () => expectProblem(await w.dept.post(`/api/v1/rounds/${follow.id}/run`), 422, 'confirmEarly'))) as unknown as {
      errors: { code: string; params?: Record<string, string> }[];
    };
    expect(early.errors[0]).toMatchObject({ code: 'confirm_early', params: { deadline: '2026-06-08' } });

    // After it, choices are refused and the run needs nothing.
    t.clock.now = Date.parse('2026-06-09T08:00:00Z');
    await expectProblem(await w.g4.put(`/api/v1/rounds/${follow.id}/choices`, { positionIds: [w.p1] }), 409);
    expect((await ok<{ round: RoundJson }>(await w.dept.post(`/api/v1/rounds/${follow.id}/run`))).round.status).toBe('run');
  });

  it('is optional, as for a first round', async () => {
    const follow = await ok<FollowUp>(await w.dept.post(`/api/v1/rounds/${roundId}/follow-up`), 201);
    expect(follow.choicesCloseOn).toBeNull();
    expect((await ok<{ round: RoundJson }>(await w.dept.post(`/api/v1/rounds/${follow.id}/run`))).round.status).toBe('run');
  });

  it('is a field of the follow-up form on the round page, in both languages', async () => {
    const dept = await signInAs(t, (w.dept as unknown as { email: string }).email);
    const page = await (await dept.get(`/department/rounds/${roundId}`)).text();
    expect(page).toContain('志愿截止日期');
    expect(page).toContain('name="choicesCloseOn"');
    expect(await (await dept.get(`/department/rounds/${roundId}?lang=en`)).text()).toContain('Choices close on');

    const refused = await dept.post(`/department/rounds/${roundId}/follow-up`, { choicesCloseOn: '2026-05-20' });
    expect(refused.status).toBe(422);
    const said = await refused.text();
    expect(said).toContain('value="2026-05-20"');
    expect(said).toMatch(/today or later/i); // English: the ?lang=en visit above chose it

    const created = await dept.post(`/department/rounds/${roundId}/follow-up?lang=zh`, { choicesCloseOn: '2026-06-15' });
    expect(created.status).toBe(303);
    const followId = created.headers.get('location')!.split('/').pop()!;
    expect((await ok<FollowUp>(await w.dept.get(`/api/v1/rounds/${followId}`))).choicesCloseOn).toBe('2026-06-15');
    expect(await (await dept.get(`/department/rounds/${followId}`)).text()).toContain('2026-06-15');
  });
});
