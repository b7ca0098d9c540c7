// Issue #13 on the round page: the reserve policy explained with its worked example, frozen inputs
// with "refresh inputs", the round file and public report links, and the follow-up round action.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app';
import { WebClient, signInAs } from './client';
import { seedCounty } from './rounds-pages.seed';

let t: TestApp;
let s: Awaited<ReturnType<typeof seedCounty>>;
beforeEach(async () => {
  t = await makeTestApp();
  s = await seedCounty(t.deps);
});
afterEach(() => t.close());

async function ranRound(dept: WebClient, reservePolicy?: string): Promise<string> {
  const res = await dept.post('/department/rounds', { name: '补录演示', regionCode: '', choicesCloseOn: '', reservePolicy });
  const id = res.headers.get('location')!.split('/').pop()!;
  expect((await dept.post(`/department/rounds/${id}/positions/add?all=1`)).status).toBe(303);
  expect((await dept.post(`/department/rounds/${id}/talents/add?awaiting=1`)).status).toBe(303);
  for (const x of [s.talents.lina, s.talents.wang]) expect((await dept.post(`/department/rounds/${id}/talents/add`, { talentId: x.talentId })).status).toBe(303);
  expect((await dept.post(`/department/rounds/${id}/open`)).status).toBe(303);
  expect((await dept.post(`/department/rounds/${id}/run`)).status).toBe(303);
  return id;
}

const EN_INVALID_STATE = 'This cannot be done in the current state.';

describe('round page: audit parts', () => {
  it('explains the reserve policy with the example, refreshes inputs, links the round file, and starts a follow-up', async () => {
    const dept = await signInAs(t, 'county@example.cn');
    const id = await ranRound(dept);
    const html = await (await dept.get(`/department/rounds/${id}`)).text();
    expect(html).toContain('定向名额的分配规则：定向名额优先');
    expect(html).toContain('定向生甲 90 分');
    expect(html).toContain('第 1 版输入');
    expect(html).toContain(`/api/v1/rounds/${id}/export`);
    expect(html).not.toMatch(/<script>[^<]|\son[a-z]+="/);

    const refreshed = await dept.post(`/department/rounds/${id}/refresh-inputs`);
    expect(refreshed.status).toBe(303);
    const after = await (await dept.get(refreshed.headers.get('location')!)).text();
    expect(after).toContain('第 2 版输入');
    expect(after).toContain('请重新运行后再发布');
    expect(await t.deps.database.db.selectFrom('audit_log').select('id').where('action', '=', 'round.refresh_inputs').execute()).toHaveLength(1);

    // Run again, publish, and start the follow-up (or be told there is nothing to follow up).
    expect((await dept.post(`/department/rounds/${id}/run`)).status).toBe(303);
    expect((await dept.post(`/department/rounds/${id}/publish`, { confirm: 'yes' })).status).toBe(303);
    const published = await (await dept.get(`/department/rounds/${id}?lang=en`)).text();
    expect(published).toContain('Start follow-up round');
    expect(published).toContain(`/api/v1/rounds/${id}/report`);
    const follow = await dept.post(`/department/rounds/${id}/follow-up`);
    const row = await t.deps.database.db.selectFrom('rounds').select(['id', 'status']).where('follows_round_id', '=', id).executeTakeFirst();
    if (follow.status === 303) {
      expect(row).toMatchObject({ status: 'collecting' });
      expect(follow.headers.get('location')).toContain(row!.id);
    } else {
      expect(follow.status).toBe(409);
      expect(row).toBeUndefined();
    }
    // Asking again is refused with the reason in words, not the generic "not in this state".
    const again = await dept.post(`/department/rounds/${id}/follow-up`);
    expect(again.status).toBe(409);
    const said = await again.text();
    // (The page speaks English here: the ?lang=en visit above chose it.)
    expect(said).toMatch(row ? /already has a follow-up round/ : /nothing to follow up/);
    expect(said).not.toContain(EN_INVALID_STATE);
  });

  it('lets the department choose the reserve policy when creating and editing; the result and the round file show the one used', async () => {
    const dept = await signInAs(t, 'county@example.cn');
    const created = await dept.post('/department/rounds', { name: '规则演示', regionCode: '', choicesCloseOn: '', reservePolicy: 'general_first' });
    expect(created.status).toBe(303);
    const id = created.headers.get('location')!.split('/').pop()!;
    const draft = await (await dept.get(`/department/rounds/${id}`)).text();
    expect(draft).toContain('定向名额的分配规则：普通名额优先');
    expect(draft).toMatch(/<option value="general_first" selected/);
    // A value that is not a policy is refused on its field and changes nothing.
    const bad = await dept.post(`/department/rounds/${id}/settings`, { name: '规则演示', reservePolicy: 'lottery' });
    expect(bad.status).toBe(422);
    expect((await t.deps.database.db.selectFrom('rounds').select('reserve_policy').where('id', '=', id).executeTakeFirstOrThrow()).reserve_policy).toBe('general_first');
    // Back to reserved-first through the settings form, then forward again before the run.
    expect((await dept.post(`/department/rounds/${id}/settings`, { name: '规则演示', reservePolicy: 'reserved_first' })).status).toBe(303);
    expect((await t.deps.database.db.selectFrom('rounds').select('reserve_policy').where('id', '=', id).executeTakeFirstOrThrow()).reserve_policy).toBe('reserved_first');
    expect((await dept.post(`/department/rounds/${id}/settings`, { name: '规则演示', reservePolicy: 'general_first' })).status).toBe(303);
    expect((await dept.post(`/department/rounds/${id}/positions/add?all=1`)).status).toBe(303);
    expect((await dept.post(`/department/rounds/${id}/talents/add?awaiting=1`)).status).toBe(303);
    expect((await dept.post(`/department/rounds/${id}/run`)).status).toBe(303);
    const result = await (await dept.get(`/department/rounds/${id}`)).text();
    expect(result).toContain('本轮结果采用的规则：<a href="#reserve-policy">普通名额优先</a>');
    expect(await (await dept.get(`/department/rounds/${id}?lang=en`)).text()).toContain('Rule this result used: <a href="#reserve-policy">General seats first</a>');
    // Recorded in the snapshot and in the exported round file.
    const row = await t.deps.database.db.selectFrom('rounds').select('input_settings').where('id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.parse(row.input_settings!).reservePolicy).toBe('general_first');
    const file = (await (await dept.get(`/api/v1/rounds/${id}/export`)).json()) as { settings: { reservePolicy: string } };
    expect(file.settings.reservePolicy).toBe('general_first');
    // The settings form is gone once the round has run.
    expect(result).not.toContain(`action="/department/rounds/${id}/settings"`);
  });
});
