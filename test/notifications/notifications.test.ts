// Notifications (issue 11 §2) through the API: written with their cause and only when the cause was,
// read and marked read by their owner only, mailed to those who opt in (a real SMTP server).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, expectProblem, signedIn, type TestApp } from '../helpers/app';
import { adminOf, graduateWithProfile, makeAgreement, makeDepartment, makeEmployer, makePosition, moveAgreement, moveBody } from '../helpers/builders';
import { drainMail } from '../../src/mail';
import { startMailApp, type SmtpSink } from '../mail/smtp-sink';
import { TALENT_HEADER, commit, talentRow, uploadOk, utf8Csv } from '../imports/helpers';

let t: TestApp;
let sink: SmtpSink;

let mailApp: Awaited<ReturnType<typeof startMailApp>>;

beforeAll(async () => {
  mailApp = await startMailApp();
  ({ t, sink } = mailApp);
});
afterAll(() => mailApp.close());

interface List {
  items: { id: string; kind: string; text: string; link: string | null; read: boolean }[];
  unread: number;
}
const inbox = async (c: Client, query = ''): Promise<List> => (await c.get(`/api/v1/me/notifications${query}`)).json() as Promise<List>;

async function applied() {
  const employer = await makeEmployer(t, { name: '青城社工服务中心' });
  const positionId = await makePosition(employer.client, { title: '儿童社工' });
  const grad = await graduateWithProfile(t);
  const res = await grad.client.post('/api/v1/applications', { positionId });
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: string };
  return { employer, grad: grad.client, applicationId: id };
}

describe('an application moved by the employer', () => {
  it('tells the talent, in Chinese or English, with a link to her applications', async () => {
    const { employer, grad, applicationId } = await applied();
    expect((await inbox(grad)).unread).toBe(0);
    const moved = await employer.client.post(`/api/v1/applications/${applicationId}/status`, { status: 'reviewing' });
    expect(moved.status).toBe(200);
    await employer.client.post(`/api/v1/applications/${applicationId}/status`, {
      status: 'interview',
      note: '请带上毕业证书',
      interview: { date: '2026-06-03', time: '09:00', place: '社区服务中心二楼' },
    });
    const zh = await inbox(grad);
    expect(zh.unread).toBe(2);
    expect(zh.items[0]).toMatchObject({ kind: 'application_stage', link: '/me/applications', read: false });
    expect(zh.items[0].text).toBe('您报名的「儿童社工」（青城社工服务中心）已进入“面试”阶段。面试时间：2026-06-03 09:00，地点：社区服务中心二楼。单位留言：请带上毕业证书');
    const en = await inbox(grad, '?lang=en');
    expect(en.items[0].text).toContain('is now at the stage "Interview"');
  });

  it('a move that fails (a stale status) writes no notification', async () => {
    const { employer, grad, applicationId } = await applied();
    await expectProblem(await employer.client.post(`/api/v1/applications/${applicationId}/status`, { status: 'hired' }), 409);
    expect((await inbox(grad)).unread).toBe(0);
  });

  it("the talent's own withdrawal tells nobody", async () => {
    const { employer, grad, applicationId } = await applied();
    expect((await grad.post(`/api/v1/applications/${applicationId}/withdraw`, {})).status).toBe(200);
    expect((await inbox(grad)).unread).toBe(0);
    expect((await inbox(employer.client)).items.filter((n) => n.kind === 'application_stage')).toEqual([]);
  });
});

describe('an employer reviewed', () => {
  it('hears of its verification, or of its rejection with the reason', async () => {
    const verified = await makeEmployer(t, { name: '阳光社工站' });
    expect((await inbox(verified.client)).items.map((n) => n.kind)).toEqual(['employer_verified']);
    const rejected = await makeEmployer(t, { name: '未认证机构', status: 'pending' });
    const admin = await adminOf(t);
    await admin.post(`/api/v1/employers/${rejected.employerId}/reject`, { note: '统一社会信用代码与营业执照不符' });
    const list = await inbox(rejected.client);
    expect(list.items[0].kind).toBe('employer_rejected');
    expect(list.items[0].text).toContain('统一社会信用代码与营业执照不符');
  });
});

describe("an agreement's status", () => {
  it('tells the talent when the department moves it, and nothing when the move is refused', async () => {
    const grad = await graduateWithProfile(t);
    const dept = await makeDepartment(t, '15');
    const agreement = await makeAgreement(dept, grad.id);
    const next = agreement.nextSteps[0];
    expect((await moveAgreement(dept, agreement.id, next, '已毕业，等待安置')).status).toBe(200);
    const list = await inbox(grad.client);
    expect(list.items.map((n) => n.kind)).toEqual(['agreement_status']);
    expect(list.items[0].text).toContain('呼和浩特');
    expect(list.items[0].text).toContain('已毕业，等待安置');
    // A move the state machine refuses writes nothing, so no message either.
    await expectProblem(await moveAgreement(dept, agreement.id, 'in_training'), 409);
    expect((await inbox(grad.client)).unread).toBe(1);
  });
});

describe('an import', () => {
  it('tells the department that committed it, with a link to the import', async () => {
    const dept = await makeDepartment(t, '15');
    const preview = await uploadOk(t, dept, 'talents', utf8Csv(TALENT_HEADER, [talentRow(), talentRow()]), '呼和浩特名册.csv');
    expect((await inbox(dept)).unread).toBe(0);
    expect((await commit(dept, preview.id)).status).toBe(200);
    const list = await inbox(dept);
    expect(list.items[0]).toMatchObject({ kind: 'import_finished', link: `/department/imports/${preview.id}` });
    expect(list.items[0].text).toBe('名册「呼和浩特名册.csv」已导入：写入 2 行。');
  });
});

describe('reading and marking', () => {
  it('marks read one by one or all; only the owner can, and another user sees none of them', async () => {
    const { employer, grad, applicationId } = await applied();
    await employer.client.post(`/api/v1/applications/${applicationId}/status`, { status: 'reviewing' });
    await employer.client.post(`/api/v1/applications/${applicationId}/status`, moveBody('interview', t.clock.now));
    const mine = await inbox(grad);
    const other = await signedIn(t, 'graduate');
    expect((await inbox(other)).items).toEqual([]);
    // Someone else's ids change nothing.
    expect(await (await other.post('/api/v1/me/notifications/read', { ids: [mine.items[0].id] })).json()).toEqual({ marked: 0, unread: 0 });
    expect((await inbox(grad)).unread).toBe(2);
    expect(await (await grad.post('/api/v1/me/notifications/read', { ids: [mine.items[0].id] })).json()).toEqual({ marked: 1, unread: 1 });
    expect((await inbox(grad, '?unread=true')).items.map((n) => n.id)).toEqual([mine.items[1].id]);
    expect(await (await grad.post('/api/v1/me/notifications/read', { all: true })).json()).toEqual({ marked: 1, unread: 0 });
  });

  it('names the field of bad input, and anonymous callers are refused', async () => {
    const grad = await signedIn(t, 'graduate');
    await expectProblem(await grad.post('/api/v1/me/notifications/read', {}), 422, 'ids');
    await expectProblem(await grad.post('/api/v1/me/notifications/read', { ids: Array.from({ length: 101 }, (_, i) => `id${i}`) }), 422, 'ids');
    await expectProblem(await grad.get('/api/v1/me/notifications?limit=500'), 422, 'limit');
    await expectProblem(await grad.request('PUT', '/api/v1/me/notification-settings', { email: 'yes' }), 422, 'email');
    await expectProblem(await new Client(t).get('/api/v1/me/notifications'), 401);
  });
});

describe('by mail', () => {
  it('goes to those who opt in, from the same write, with the link on this site', async () => {
    const { employer, grad, applicationId } = await applied();
    const me = (await (await grad.get('/api/v1/me')).json()) as { email: string };
    expect(await (await grad.request('PUT', '/api/v1/me/notification-settings', { email: true })).json()).toEqual({ email: true });
    await employer.client.post(`/api/v1/applications/${applicationId}/status`, { status: 'reviewing' });
    await drainMail(t.deps);
    const NOTICE = '社工人才库消息 / A message from shegong'; // not the sign-up's own mail
    const mail = sink.received.find((m) => m.to === me.email && m.subject === NOTICE);
    expect(mail?.text).toContain('审核中');
    expect(mail?.text).toContain('https://shegong.example.cn/me/applications');
    // The employer did not opt in: no mail.
    const employerMe = (await (await employer.client.get('/api/v1/me')).json()) as { email: string };
    expect(sink.received.some((m) => m.to === employerMe.email && m.subject === NOTICE)).toBe(false);
  });
});
