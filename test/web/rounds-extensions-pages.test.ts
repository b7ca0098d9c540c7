// Issue #13 items 5 and 6 on the pages: the department pins a talent to a post, both chosen by name,
// sees a refusal in words, unpins; a talent ticks 服从调剂 and picks a region by name; the
// explanations say "固定分配" after the run.
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

async function openRound(dept: WebClient): Promise<string> {
  const res = await dept.post('/department/rounds', { name: '新城区统一匹配', regionCode: '', choicesCloseOn: '' });
  const id = res.headers.get('location')!.split('/').pop()!;
  expect((await dept.post(`/department/rounds/${id}/positions/add?all=1`)).status).toBe(303);
  expect((await dept.post(`/department/rounds/${id}/talents/add?awaiting=1`)).status).toBe(303);
  for (const x of [s.talents.lina, s.talents.wang]) expect((await dept.post(`/department/rounds/${id}/talents/add`, { talentId: x.talentId })).status).toBe(303);
  expect((await dept.post(`/department/rounds/${id}/open`)).status).toBe(303);
  return id;
}

describe('round pages: pins and 服从调剂', () => {
  it('the department pins by name, reads a refusal in words, unpins, and the result explains the pin', async () => {
    const dept = await signInAs(t, 'county@example.cn');
    const id = await openRound(dept);
    const html = await (await dept.get(`/department/rounds/${id}`)).text();
    expect(html).toContain('固定分配');
    expect(html).toMatch(new RegExp(`<option value="${s.talents.lina.talentId}"[^>]*>李娜</option>`));
    expect(html).toContain('社区养老服务社工 · 海拉尔东路街道社会工作服务站');
    // Finding by name narrows the talents offered.
    const found = await (await dept.get(`/department/rounds/${id}?pinTalent=${encodeURIComponent('王')}`)).text();
    expect(found).toContain('>王强</option>');
    expect(found).not.toContain('>李娜</option>');

    // 王强 has no qualification certificate: refused, in words, nothing pinned.
    const refused = await dept.post(`/department/rounds/${id}/pins`, { talentId: s.talents.wang.talentId, positionId: s.positions.elderly.id, reason: '协议约定' });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('不符合该岗位的硬性条件');
    expect(await t.deps.database.db.selectFrom('round_pins').selectAll().execute()).toEqual([]);
    // A missing reason is refused on its field.
    expect((await dept.post(`/department/rounds/${id}/pins`, { talentId: s.talents.lina.talentId, positionId: s.positions.elderly.id, reason: '' })).status).toBe(422);

    const pinned = await dept.post(`/department/rounds/${id}/pins`, { talentId: s.talents.lina.talentId, positionId: s.positions.elderly.id, reason: '定向协议约定用人单位' });
    expect(pinned.status).toBe(303);
    let page = await (await dept.get(`/department/rounds/${id}`)).text();
    expect(page).toContain('李娜 → 社区养老服务社工（海拉尔东路街道社会工作服务站）');
    expect(page).toContain('定向协议约定用人单位');
    expect((await dept.post(`/department/rounds/${id}/pins/${s.talents.lina.talentId}/remove`)).status).toBe(303);
    page = await (await dept.get(`/department/rounds/${id}`)).text();
    expect(page).toContain('还没有固定分配');

    expect(
      (await dept.post(`/department/rounds/${id}/pins`, { talentId: s.talents.lina.talentId, positionId: s.positions.elderly.id, reason: '定向协议约定用人单位' })).status,
    ).toBe(303);
    expect((await dept.post(`/department/rounds/${id}/run`)).status).toBe(303);
    const result = await (await dept.get(`/department/rounds/${id}`)).text();
    expect(result).toContain('固定分配到：社区养老服务社工（海拉尔东路街道社会工作服务站）');
    expect(result).toContain('固定分配：定向协议约定用人单位');
    expect(await (await dept.get(`/department/rounds/${id}?lang=en`)).text()).toContain('Pinned: 定向协议约定用人单位');
    expect(result).not.toMatch(/<script>[^<]|\son[a-z]+="/);

    // Published: the talent reads why; the pin form is gone.
    expect((await dept.post(`/department/rounds/${id}/publish`, { confirm: 'yes' })).status).toBe(303);
    const lina = await signInAs(t, 'lina@example.cn');
    expect(await (await lina.get('/me/rounds')).text()).toContain('固定分配：定向协议约定用人单位');
    expect(await (await dept.get(`/department/rounds/${id}`)).text()).not.toContain(`action="/department/rounds/${id}/pins"`);
  });

  it('a talent ticks 服从调剂 and picks a region by name', async () => {
    const dept = await signInAs(t, 'county@example.cn');
    const id = await openRound(dept);
    const wang = await signInAs(t, 'wangqiang@example.cn');
    const html = await (await wang.get('/me/rounds')).text();
    expect(html).toContain('我服从调剂');
    expect(html).toMatch(/<option value="150102"[^>]*>[^<]*新城区<\/option>/);

    const missing = await wang.post(`/me/rounds/${id}/adjustment`, { adjust: 'yes', regionCode: '' });
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain('勾选服从调剂时请选择地区');
    const outside = await wang.post(`/me/rounds/${id}/adjustment`, { adjust: 'yes', regionCode: '1502' });
    expect(outside.status).toBe(422);

    expect((await wang.post(`/me/rounds/${id}/adjustment`, { adjust: 'yes', regionCode: '150102' })).status).toBe(303);
    const saved = await (await wang.get('/me/rounds')).text();
    expect(saved).toMatch(/name="adjust" value="yes" checked/);
    expect(saved).toMatch(/<option value="150102" selected/);
    expect(await t.deps.database.db.selectFrom('round_adjustments').select(['talent_id', 'region_code']).execute()).toEqual([
      { talent_id: s.talents.wang.talentId, region_code: '150102' },
    ]);
    // Unticking withdraws it; ticking again sets it.
    expect((await wang.post(`/me/rounds/${id}/adjustment`, { regionCode: '150102' })).status).toBe(303);
    expect(await t.deps.database.db.selectFrom('round_adjustments').selectAll().execute()).toEqual([]);
    expect((await wang.post(`/me/rounds/${id}/adjustment`, { adjust: 'yes', regionCode: '150102' })).status).toBe(303);
    // After the run the department's page says so (王强 qualifies for no post there, so stays unplaced).
    expect((await dept.post(`/department/rounds/${id}/run`)).status).toBe(303);
    const result = await (await dept.get(`/department/rounds/${id}`)).text();
    expect(result).toMatch(/已服从调剂：[^<]*新城区/);
    // Frozen once run: the talent reads it, no form.
    const frozen = await (await wang.get('/me/rounds')).text();
    expect(frozen).toMatch(/已选择服从调剂：[^<]*新城区/);
    expect(frozen).not.toContain(`action="/me/rounds/${id}/adjustment"`);
  });
});
