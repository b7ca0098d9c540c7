// Running a round before its choice deadline (issue 11 §6): the API refuses without
// `confirmEarly: true` (422 naming the field, the deadline in its params) and changes nothing; with it
// the round runs; on a later day, or without a deadline, no confirmation is needed. The page lands on
// a confirmation step naming the deadline, whose checkbox is required.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectProblem, makeTestApp, type TestApp } from '../helpers/app';
import { collectingRound, makeRoundWorld, ok, unchangedRounds, type RoundJson, type RoundWorld } from './helpers';
import { signInAs, type WebClient } from '../web/client';
import { seedCounty } from '../web/rounds-pages.seed';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp(); // the clock stands at 2026-06-01 (China)
});
afterEach(() => t.close());

describe('POST /rounds/{id}/run before the choice deadline', () => {
  let w: RoundWorld;
  let round: RoundJson;
  beforeEach(async () => {
    w = await makeRoundWorld(t);
    round = await collectingRound(w);
  });

  it('is refused without confirmEarly, naming the field and the deadline, and changes nothing', async () => {
    await ok(await w.dept.patch(`/api/v1/rounds/${round.id}`, { choicesCloseOn: '2026-06-10' }));
    for (const body of [undefined, {}, { confirmEarly: false }]) {
      await unchangedRounds(t, async () => expectProblem(await w.dept.post(`/api/v1/rounds/${round.id}/run`, body), 422, 'confirmEarly'));
    }
    const res = await w.dept.post(`/api/v1/rounds/${round.id}/run`);
    const problem = (await expectProblem(res, 422, 'confirmEarly')) as unknown as { errors: { path: string; code: string; params?: Record<string, string> }[] };
    expect(problem.errors[0]).toMatchObject({ path: 'confirmEarly', code: 'confirm_early', params: { deadline: '2026-06-10' } });
    expect((await ok<RoundJson>(await w.dept.get(`/api/v1/rounds/${round.id}`))).status).toBe('collecting');
  });

  it('runs with confirmEarly: true', async () => {
    await ok(await w.dept.patch(`/api/v1/rounds/${round.id}`, { choicesCloseOn: '2026-06-10' }));
    const run = await ok<{ round: RoundJson; digest: string }>(await w.dept.post(`/api/v1/rounds/${round.id}/run`, { confirmEarly: true }));
    expect(run.round.status).toBe('run');
    expect(run.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('still needs it on the closing day itself (choices are open until its end)', async () => {
    await ok(await w.dept.patch(`/api/v1/rounds/${round.id}`, { choicesCloseOn: '2026-06-01' }));
    await expectProblem(await w.dept.post(`/api/v1/rounds/${round.id}/run`), 422, 'confirmEarly');
  });

  it('is not needed after the deadline, nor without one, nor for a re-run', async () => {
    await ok(await w.dept.patch(`/api/v1/rounds/${round.id}`, { choicesCloseOn: '2026-05-31' }));
    expect((await ok<{ round: RoundJson }>(await w.dept.post(`/api/v1/rounds/${round.id}/run`))).round.status).toBe('run');
    expect((await ok<{ round: RoundJson }>(await w.dept.post(`/api/v1/rounds/${round.id}/run`))).round.status).toBe('run');
    const other = await collectingRound(w);
    expect((await ok<{ round: RoundJson }>(await w.dept.post(`/api/v1/rounds/${other.id}/run`))).round.status).toBe('run');
  });

  it('refuses other roles before it looks at the deadline', async () => {
    await ok(await w.dept.patch(`/api/v1/rounds/${round.id}`, { choicesCloseOn: '2026-06-10' }));
    await expectProblem(await w.g2.post(`/api/v1/rounds/${round.id}/run`, { confirmEarly: true }), 403);
    await expectProblem(await w.empA.client.post(`/api/v1/rounds/${round.id}/run`, { confirmEarly: true }), 403);
  });
});

describe('the round page before the choice deadline', () => {
  async function openRoundClosingOn(dept: WebClient, choicesCloseOn: string): Promise<string> {
    const res = await dept.post('/department/rounds', { name: '提前运行测试', regionCode: '', choicesCloseOn });
    expect(res.status, await res.clone().text()).toBe(303);
    const id = res.headers.get('location')!.split('/').pop()!;
    expect((await dept.post(`/department/rounds/${id}/positions/add?all=1`)).status).toBe(303);
    expect((await dept.post(`/department/rounds/${id}/talents/add?awaiting=1`)).status).toBe(303);
    expect((await dept.post(`/department/rounds/${id}/open`)).status).toBe(303);
    return id;
  }
  const status = async (id: string) => (await t.deps.database.db.selectFrom('rounds').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

  it('lands on a confirmation naming the deadline, requires its checkbox, then runs', async () => {
    await seedCounty(t.deps);
    const dept = await signInAs(t, 'county@example.cn');
    const id = await openRoundClosingOn(dept, '2026-06-10');
    expect(await dept.html(`/department/rounds/${id}`)).toContain('选择截止时间为 2026-06-10 当日结束');

    const first = await dept.post(`/department/rounds/${id}/run`);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(`/department/rounds/${id}/run/confirm`);
    expect(await status(id)).toBe('collecting');

    const confirm = await dept.html(`/department/rounds/${id}/run/confirm`);
    expect(confirm).toContain('选择截止时间为 2026-06-10 当日结束，现在运行将提前结束填报');
    expect(confirm).toMatch(/<input type="checkbox" id="confirm-box" name="confirmEarly" value="yes" required/);

    const unticked = await dept.post(`/department/rounds/${id}/run`, { step: 'confirm' });
    expect(unticked.status).toBe(422);
    expect(await unticked.text()).toContain('请勾选确认后再执行');
    expect(await status(id)).toBe('collecting');

    const ran = await dept.post(`/department/rounds/${id}/run`, { step: 'confirm', confirmEarly: 'yes' });
    expect(ran.status).toBe(303);
    expect(ran.headers.get('location')).toBe(`/department/rounds/${id}#result`);
    expect(await status(id)).toBe('run');
  });

  it('asks nothing after the deadline; the confirmation page then leads back to the round', async () => {
    await seedCounty(t.deps);
    const dept = await signInAs(t, 'county@example.cn');
    const id = await openRoundClosingOn(dept, '2026-05-31');
    const confirm = await dept.get(`/department/rounds/${id}/run/confirm`);
    expect(confirm.status).toBe(303);
    expect(confirm.headers.get('location')).toBe(`/department/rounds/${id}#run`);
    const ran = await dept.post(`/department/rounds/${id}/run`);
    expect(ran.status).toBe(303);
    expect(ran.headers.get('location')).toBe(`/department/rounds/${id}#result`);
    expect(await status(id)).toBe('run');
  });
});
