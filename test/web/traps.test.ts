// No traps (issue 11 §6): a reveal asks for its purpose, confirms first and shows the number once
// after a redirect (a reload writes no second audit row); rejecting, ending a placement, closing a
// post and recording a breach confirm on their own step; every form post touched here answers 303;
// employer registration pre-selects no type.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectProblem, makeTestApp, signedIn, type TestApp } from '../helpers/app';
import { account, seedDemo } from '../e2e/seed';
import { creditCode, idNumber } from '../helpers/ids';
import { type WebClient, signInAs, webUser } from './client';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const db = () => t.deps.database.db;
const FULL = idNumber('150102', '1999-03-07', '123');
const reveals = () => db().selectFrom('audit_log').selectAll().where('action', '=', 'reveal_id_number').execute();
const talentId = async () => (await db().selectFrom('talents').select('id').where('name', '=', '李娜').executeTakeFirstOrThrow()).id;
const employerOf = async (email: string) =>
  (await db().selectFrom('employers').innerJoin('users', 'users.id', 'employers.user_id').select('employers.id').where('users.email', '=', email).executeTakeFirstOrThrow()).id;
const fieldError = (html: string, inputId: string) => html.match(new RegExp(`<p class="field-error" id="${inputId}-error">([^<]*)</p>`))?.[1] ?? null;

describe('revealing an ID number', () => {
  it('confirms first, asks for the purpose, records it, and shows the number once after a redirect', async () => {
    await seedDemo(t.deps);
    const d = await signInAs(t, 'dept@example.cn');
    const id = await talentId();
    expect(await d.html('/department/talents')).toContain(`href="/department/talents/${id}/reveal/confirm"`);

    const confirm = await d.html(`/department/talents/${id}/reveal/confirm?serviceArea=elderly`);
    expect(confirm).toContain('李娜');
    expect(confirm).toContain(`1501**********${FULL.slice(-4)}`);
    expect(confirm).not.toContain(FULL);
    expect(confirm).toMatch(/<select id="f-purpose" name="purpose" required[^>]*><option value="">请选择<\/option>/);
    for (const l of ['核实身份', '办理协议', '统计核对', '其他']) expect(confirm).toContain(l);
    expect(confirm).toContain(`action="/department/talents/${id}/reveal?serviceArea=elderly"`);

    // Without the confirmation step: back to it, nothing revealed or written.
    const skipped = await d.post(`/department/talents/${id}/reveal?serviceArea=elderly`, { purpose: 'verify_identity' });
    expect(skipped.status).toBe(303);
    expect(skipped.headers.get('location')).toBe(`/department/talents/${id}/reveal/confirm?serviceArea=elderly`);
    // Without a purpose, or "other" without words: 422 next to the field, nothing written.
    const noPurpose = await d.post(`/department/talents/${id}/reveal`, { confirm: 'yes', purpose: '' });
    expect(noPurpose.status).toBe(422);
    const noPurposeHtml = await noPurpose.text();
    expect(fieldError(noPurposeHtml, 'f-purpose')).toBe('请选择一个有效选项');
    expect(noPurposeHtml).not.toContain(FULL);
    const noNote = await d.post(`/department/talents/${id}/reveal`, { confirm: 'yes', purpose: 'other', purposeNote: ' ' });
    expect(noNote.status).toBe(422);
    expect(fieldError(await noNote.text(), 'f-purposeNote')).toBe('用途选择“其他”时，请写明具体用途');
    expect(await reveals()).toHaveLength(0);

    const res = await d.post(`/department/talents/${id}/reveal?serviceArea=elderly`, { confirm: 'yes', purpose: 'other', purposeNote: '核对社保缴纳记录' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/department/talents?serviceArea=elderly#talent-${id}`);
    const sealed = res.headers.getSetCookie().find((c) => c.startsWith('revealed='))!;
    expect(sealed).toMatch(/HttpOnly/i);
    expect(sealed).not.toContain(FULL);
    const rows = await reveals();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ subject_id: id, subject_type: 'talent' });
    expect(JSON.parse(rows[0].detail!)).toEqual({ purpose: 'other', note: '核对社保缴纳记录' });

    const shown = await d.get('/department/talents?serviceArea=elderly');
    expect(shown.headers.get('cache-control')).toContain('no-store');
    expect(await shown.text()).toContain(FULL);
    // A reload shows the masked number again and writes nothing.
    const reloaded = await d.html('/department/talents?serviceArea=elderly');
    expect(reloaded).not.toContain(FULL);
    expect(reloaded).toContain(`1501**********${FULL.slice(-4)}`);
    expect(await reveals()).toHaveLength(1);
  });

  it('the sealed number is good for its own department only, once', async () => {
    await seedDemo(t.deps);
    await account(t.deps, 'department', 'dept2@example.cn', '内蒙古自治区民政厅', '15');
    const d = await signInAs(t, 'dept@example.cn');
    const other = await signInAs(t, 'dept2@example.cn');
    const id = await talentId();
    await d.post(`/department/talents/${id}/reveal`, { confirm: 'yes', purpose: 'agreement' });
    other.cookies.set('revealed', d.cookies.get('revealed')!);
    expect(await other.html('/department/talents')).not.toContain(FULL);
    expect(JSON.parse((await reveals())[0].detail!)).toEqual({ purpose: 'agreement' });
  });

  it('is refused to a department of another region, with no audit row', async () => {
    await seedDemo(t.deps);
    await account(t.deps, 'department', 'dept13@example.cn', '河北', '13');
    const d = await signInAs(t, 'dept13@example.cn');
    const id = await talentId();
    expect((await d.get(`/department/talents/${id}/reveal/confirm`)).status).toBe(404);
    expect((await d.post(`/department/talents/${id}/reveal`, { confirm: 'yes', purpose: 'verify_identity' })).status).toBe(404);
    expect(await reveals()).toHaveLength(0);
  });

  it('the API takes the purpose too: 422 naming the field when it is missing', async () => {
    await seedDemo(t.deps);
    const dept = await signedIn(t, 'department', { regionCode: '15' });
    const id = await talentId();
    const url = `/api/v1/talents/${id}/reveal-id-number`;
    await expectProblem(await dept.post(url), 422, 'purpose');
    await expectProblem(await dept.post(url, {}), 422, 'purpose');
    await expectProblem(await dept.post(url, { purpose: 'curious' }), 422, 'purpose');
    await expectProblem(await dept.post(url, { purpose: 'other' }), 422, 'purposeNote');
    await expectProblem(await dept.post(url, { purpose: 'other', purposeNote: '查'.repeat(201) }), 422, 'purposeNote');
    expect(await reveals()).toHaveLength(0);
    const res = await dept.post(url, { purpose: 'statistics', purposeNote: 'ignored unless other' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    expect(((await res.json()) as { idNumber: string }).idNumber).toBe(FULL);
    const rows = await reveals();
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0].detail!)).toEqual({ purpose: 'statistics' });
  });
});

describe('employer registration', () => {
  const org = { name: '兴安盟乌兰浩特市社会工作服务中心', creditCode: creditCode('152201'), regionCode: '152201', contactName: '王敏', contactPhone: '0482-8261234' };

  it('pre-selects no type: 请选择 comes first and the form without a type is refused, naming it', async () => {
    const e = await webUser(t, 'employer');
    const form = await e.html('/employer');
    expect(form).toMatch(/<select id="f-type" name="type" required[^>]*><option value="">请选择<\/option>/);
    expect(form).not.toMatch(/<select id="f-type"[\s\S]*?selected[\s\S]*?<\/select>/);
    const res = await e.post('/employer', { ...org, type: '' });
    expect(res.status).toBe(422);
    expect(fieldError(await res.text(), 'f-type')).toBe('请选择一个有效选项');
    expect(await db().selectFrom('employers').selectAll().execute()).toHaveLength(0);
    expect((await e.post('/employer', { ...org, type: 'agency' })).status).toBe(303);
    expect((await db().selectFrom('employers').select('type').executeTakeFirstOrThrow()).type).toBe('agency');
  });

  it('the API refuses a registration without a type, naming it', async () => {
    const e = await signedIn(t, 'employer');
    await expectProblem(await e.post('/api/v1/employers', org), 422, 'type');
  });

  it('other forms pre-select nothing that changes meaning', async () => {
    await seedDemo(t.deps);
    const e = await signInAs(t, 'org0@example.cn');
    const positions = await e.html('/employer/positions');
    for (const name of ['kind', 'employmentType']) expect(positions).toMatch(new RegExp(`<select id="f-${name}" name="${name}" required[^>]*><option value="">请选择</option>`));
    const d = await signInAs(t, 'dept@example.cn');
    expect(await d.html('/department/placements')).toMatch(/<select id="new-kind" name="kind" required[^>]*><option value="">请选择<\/option>/);
    expect(await d.html('/department/agreements')).toMatch(/<select id="new-status" name="status" required[^>]*><option value="">请选择<\/option>/);
  });
});

/** A placement of 李娜 at org0, recorded by the department (through its form). */
async function placement(d: WebClient): Promise<string> {
  const res = await d.post('/department/placements', { talentId: await talentId(), employerId: await employerOf('org0@example.cn'), kind: 'employment', startOn: '2026-05-01' });
  expect(res.status, await res.clone().text()).toBe(303);
  return (await db().selectFrom('placements').select('id').executeTakeFirstOrThrow()).id;
}

describe('actions that confirm first', () => {
  it('rejecting an applicant', async () => {
    await seedDemo(t.deps);
    const e = await signInAs(t, 'org0@example.cn');
    const app = await db().selectFrom('applications').select(['id', 'position_id', 'status']).executeTakeFirstOrThrow();
    const stage = async () => (await db().selectFrom('applications').select('status').where('id', '=', app.id).executeTakeFirstOrThrow()).status;
    const first = await e.post(`/employer/applications/${app.id}/move`, { status: 'rejected', note: '岗位要求蒙汉双语' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(`/employer/applications/${app.id}/reject/confirm?note=${encodeURIComponent('岗位要求蒙汉双语')}`);
    expect(await stage()).toBe(app.status);
    const confirm = await e.html(first.headers.get('location')!);
    expect(confirm).toContain('不录用这位报名人');
    expect(confirm).toContain('李娜');
    expect(confirm).toContain('value="岗位要求蒙汉双语"');
    expect(confirm).toContain('<input type="hidden" name="confirm" value="yes"/>');
    // Other moves need no confirmation.
    expect((await e.post(`/employer/applications/${app.id}/move`, { status: 'reviewing' })).status).toBe(303);
    expect(await stage()).toBe('reviewing');
    const done = await e.post(`/employer/applications/${app.id}/move`, { status: 'rejected', note: '岗位要求蒙汉双语', confirm: 'yes' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`/employer/positions/${app.position_id}/applicants#application-${app.id}`);
    expect(await stage()).toBe('rejected');
    // Nothing left to reject: the step leads back.
    expect((await e.get(`/employer/applications/${app.id}/reject/confirm`)).status).toBe(303);
    // Another employer's application: 404.
    const other = await signInAs(t, 'org1@example.cn');
    expect((await other.get(`/employer/applications/${app.id}/reject/confirm`)).status).toBe(404);
  });

  it('ending a placement, by the department and by the employer', async () => {
    await seedDemo(t.deps);
    const d = await signInAs(t, 'dept@example.cn');
    const id = await placement(d);
    const ended = async () => (await db().selectFrom('placements').select('end_on').where('id', '=', id).executeTakeFirstOrThrow()).end_on;
    const fields = { endOn: '2026-05-20', reason: '合同期满' };

    // A bad end form is answered on the list as before; a good one lands on the confirmation.
    expect((await d.post(`/department/placements/${id}/end`, { endOn: '', reason: '' })).status).toBe(422);
    const first = await d.post(`/department/placements/${id}/end?kind=employment`, fields);
    expect(first.status).toBe(303);
    const to = first.headers.get('location')!;
    expect(to.startsWith(`/department/placements/${id}/end/confirm?`)).toBe(true);
    expect(await ended()).toBeNull();
    const confirm = await d.html(to);
    expect(confirm).toContain('结束这段就业/实习');
    expect(confirm).toContain('合同期满');
    expect(confirm).toContain(`action="/department/placements/${id}/end?kind=employment"`);

    // The employer's own step; another employer gets 404.
    const e = await signInAs(t, 'org0@example.cn');
    const mine = await e.post(`/employer/placements/${id}/end`, fields);
    expect(mine.status, (await mine.clone().text()).slice(0, 2000)).toBe(303);
    expect(mine.headers.get('location')).toContain(`/employer/placements/${id}/end/confirm?`);
    expect(await e.html(`/employer/placements/${id}/end/confirm?endOn=2026-05-20&reason=x`)).toContain('确认结束');
    expect((await (await signInAs(t, 'org1@example.cn')).get(`/employer/placements/${id}/end/confirm`)).status).toBe(404);

    const done = await d.post(`/department/placements/${id}/end?kind=employment`, { ...fields, confirm: 'yes' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/department/placements?kind=employment');
    expect(await ended()).toBe('2026-05-20');
    expect((await d.get(`/department/placements/${id}/end/confirm`)).status).toBe(303); // ended: back to the list
  });

  it('closing a post', async () => {
    const { positions } = await seedDemo(t.deps);
    const id = positions[0].id;
    const e = await signInAs(t, 'org0@example.cn');
    const status = async () => (await db().selectFrom('positions').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
    const first = await e.post(`/employer/positions/${id}/close`);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(`/employer/positions/${id}/close/confirm`);
    expect(await status()).toBe('open');
    const confirm = await e.html(`/employer/positions/${id}/close/confirm`);
    expect(confirm).toContain('关闭岗位');
    expect(confirm).toContain(positions[0].title);
    expect((await (await signInAs(t, 'org1@example.cn')).get(`/employer/positions/${id}/close/confirm`)).status).toBe(403); // as its other pages answer
    const done = await e.post(`/employer/positions/${id}/close`, { confirm: 'yes' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/employer/positions');
    expect(await status()).toBe('closed');
  });

  it('recording a breach', async () => {
    await seedDemo(t.deps);
    const d = await signInAs(t, 'dept@example.cn');
    const created = await d.post('/department/agreements', {
      talentId: await talentId(),
      targetRegionCode: '1501',
      institution: '内蒙古师范大学',
      enrolmentYear: '2021',
      graduationYear: '2025',
      serviceYears: '3',
      signedOn: '2021-08-20',
      status: 'in_training',
    });
    expect(created.status, await created.clone().text()).toBe(303);
    const id = created.headers.get('location')!.split('/').pop()!;
    const status = async () => (await db().selectFrom('agreements').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
    const first = await d.post(`/department/agreements/${id}/move`, { status: 'breached', note: '未按期到岗' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(`/department/agreements/${id}/breach/confirm?note=${encodeURIComponent('未按期到岗')}`);
    expect(await status()).toBe('in_training');
    const confirm = await d.html(first.headers.get('location')!);
    expect(confirm).toContain('记录违约');
    expect(confirm).toContain('内蒙古师范大学');
    const noNote = await d.post(`/department/agreements/${id}/move`, { status: 'breached', note: '', confirm: 'yes' });
    expect(noNote.status).toBe(422);
    expect(await status()).toBe('in_training');
    const done = await d.post(`/department/agreements/${id}/move`, { status: 'breached', note: '未按期到岗', confirm: 'yes' });
    expect(done.status).toBe(303);
    expect(await status()).toBe('breached');
    expect((await d.get(`/department/agreements/${id}/breach/confirm`)).status).toBe(303); // final now
  });
});

describe('post/redirect/get', () => {
  it('every form post touched here answers a success with 303, never a page', async () => {
    const { positions } = await seedDemo(t.deps);
    const d = await signInAs(t, 'dept@example.cn');
    const e = await signInAs(t, 'org0@example.cn');
    const app = (await db().selectFrom('applications').select('id').executeTakeFirstOrThrow()).id;
    const pid = await placement(d);
    const g = await webUser(t, 'employer');
    const posts: [WebClient, string, Record<string, string>][] = [
      [d, `/department/talents/${await talentId()}/reveal`, { confirm: 'yes', purpose: 'verify_identity' }],
      [e, `/employer/applications/${app}/move`, { status: 'rejected', confirm: 'yes' }],
      [d, `/department/placements/${pid}/end`, { endOn: '2026-05-20', reason: '合同期满', confirm: 'yes' }],
      [e, `/employer/positions/${positions[0].id}/close`, { confirm: 'yes' }],
      [g, '/employer', { name: '乌兰浩特市社工站', creditCode: creditCode('152201'), type: 'station', regionCode: '152201', contactName: '王敏', contactPhone: '0482-8261234' }],
    ];
    for (const [client, path, fields] of posts) {
      const res = await client.post(path, fields);
      expect(res.status, `${path}: ${(await res.clone().text()).slice(0, 300)}`).toBe(303);
      expect(res.headers.get('content-type') ?? '').not.toContain('text/html');
    }
  });
});
