// Employers reach people (issue #11 §5, §7): consent to show the phone and email from the interview
// stage on, the interview's details, invitations, stage counts, and a placement closing the talent's
// other open applications.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Client, expectProblem, makeTestApp, signedIn, type TestApp } from '../helpers/app';
import { interviewBody, makeDepartment, makeEmployer, makeGraduate, makePlacement, makePosition, moveBody, type EmployerFixture } from '../helpers/builders';
import { unchangedTables } from '../helpers/matrix';
import { insertProposal } from '../authz/trust-fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

type AppJson = {
  id: string;
  status: string;
  applicant: { phone: string | null };
  contactConsent: boolean;
  contact: { phone: string | null; email: string | null } | null;
  contactShownAt: string | null;
  interview: { date: string; time: string; place: string | null; link: string | null } | null;
  events: { toStatus: string; note: string | null }[];
};
type Inbox = { items: { kind: string; text: string; link: string | null }[] };

async function apply(grad: Client, positionId: string, extra: Record<string, unknown> = {}): Promise<AppJson> {
  const res = await grad.post('/api/v1/applications', { positionId, ...extra });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as AppJson;
}
const move = (e: EmployerFixture, id: string, status: string, extra: Record<string, unknown> = {}) =>
  e.client.post(`/api/v1/applications/${id}/status`, moveBody(status, t.clock.now, extra));
const read = async (c: Client, id: string) => (await (await c.get(`/api/v1/applications/${id}`)).json()) as AppJson;
const inbox = async (c: Client) => (await (await c.get('/api/v1/me/notifications')).json()) as Inbox;

describe('contact details', () => {
  it('consent is the default; from interview on only the employer sees phone and email in full, and the talent sees when', async () => {
    const employer = await makeEmployer(t, { name: '青城社工服务中心' });
    const grad = await makeGraduate(t, { phone: '13812345678' });
    const a = await apply(grad, await makePosition(employer.client));
    expect(a.contactConsent).toBe(true);
    expect((await move(employer, a.id, 'reviewing')).status).toBe(200);
    let seen = await read(employer.client, a.id);
    expect(seen.contact).toBeNull();
    expect(seen.applicant.phone).toBe('138****5678');
    expect(seen.contactShownAt).toBeNull();
    t.clock.now += 3_600_000;
    expect((await move(employer, a.id, 'interview')).status).toBe(200);
    seen = await read(employer.client, a.id);
    expect(seen.contact).toEqual({ phone: '13812345678', email: grad.email });
    const mine = await read(grad, a.id);
    expect(mine.contact).toBeNull();
    expect(mine.contactShownAt).toBe(new Date(t.clock.now).toISOString());
    // A department in scope reads the application, but the phone stays masked and no email.
    const dept = await makeDepartment(t, '15');
    const theirs = await read(dept, a.id);
    expect(theirs.contact).toBeNull();
    expect(theirs.applicant.phone).toBe('138****5678');
    // Still shown at offer and hired; the first time shown stays.
    t.clock.now += 3_600_000;
    expect((await move(employer, a.id, 'offer')).status).toBe(200);
    expect((await read(employer.client, a.id)).contact?.phone).toBe('13812345678');
    expect((await read(grad, a.id)).contactShownAt).toBe(mine.contactShownAt);
  });

  it('a talent who opts out is never shown, even at interview', async () => {
    const employer = await makeEmployer(t);
    const grad = await makeGraduate(t);
    const a = await apply(grad, await makePosition(employer.client), { contactConsent: false });
    expect(a.contactConsent).toBe(false);
    for (const s of ['reviewing', 'interview', 'offer', 'hired']) expect((await move(employer, a.id, s)).status).toBe(200);
    const seen = await read(employer.client, a.id);
    expect(seen.contact).toBeNull();
    expect(seen.applicant.phone).toBe('138****5678');
    expect((await read(grad, a.id)).contactShownAt).toBeNull();
  });

  it('another employer never sees them', async () => {
    const employer = await makeEmployer(t);
    const other = await makeEmployer(t);
    const grad = await makeGraduate(t);
    const a = await apply(grad, await makePosition(employer.client));
    for (const s of ['reviewing', 'interview']) expect((await move(employer, a.id, s)).status).toBe(200);
    expect((await other.client.get(`/api/v1/applications/${a.id}`)).status).toBe(404);
  });
});

describe('the interview', () => {
  it('moving to interview needs date, time and a place or link; each is checked and names its field', async () => {
    const employer = await makeEmployer(t);
    const grad = await makeGraduate(t);
    const a = await apply(grad, await makePosition(employer.client));
    expect((await move(employer, a.id, 'reviewing')).status).toBe(200);
    const post = (b: unknown) => employer.client.post(`/api/v1/applications/${a.id}/status`, b);
    const ok = interviewBody(t.clock.now);
    await unchangedTables(t, ['applications', 'application_events', 'notifications'], async () => {
      await expectProblem(await post({ status: 'interview' }), 422, 'interview');
      await expectProblem(await post({ status: 'interview', interview: { ...ok, date: '2026-05-31' } }), 422, 'interview.date');
      await expectProblem(await post({ status: 'interview', interview: { ...ok, date: '2026-13-01' } }), 422, 'interview.date');
      await expectProblem(await post({ status: 'interview', interview: { ...ok, time: '25:00' } }), 422, 'interview.time');
      await expectProblem(await post({ status: 'interview', interview: { ...ok, place: null } }), 422, 'interview.place');
      await expectProblem(await post({ status: 'interview', interview: { ...ok, place: '楼'.repeat(201) } }), 422, 'interview.place');
      await expectProblem(await post({ status: 'interview', interview: { ...ok, link: 'http://meeting.example.cn/1' } }), 422, 'interview.link');
      await expectProblem(await post({ status: 'interview', interview: { ...ok, link: `https://m.example.cn/${'a'.repeat(500)}` } }), 422, 'interview.link');
    });
    // Today is allowed; a link alone is enough.
    const res = await post({ status: 'interview', interview: { date: '2026-06-01', time: '14:00', link: 'https://meeting.example.cn/abc' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as AppJson).interview).toEqual({ date: '2026-06-01', time: '14:00', place: null, link: 'https://meeting.example.cn/abc' });
  });

  it('the talent is notified with the details, sees them, and is notified again on a reschedule; only the employer reschedules', async () => {
    const employer = await makeEmployer(t, { name: '青城社工服务中心' });
    const grad = await makeGraduate(t);
    const a = await apply(grad, await makePosition(employer.client, { title: '儿童社工' }));
    expect((await move(employer, a.id, 'reviewing')).status).toBe(200);
    const interview = { date: '2026-06-08', time: '09:30', place: '社区服务中心二楼' };
    expect((await employer.client.post(`/api/v1/applications/${a.id}/status`, { status: 'interview', interview })).status).toBe(200);
    expect((await inbox(grad)).items[0].text).toBe('您报名的「儿童社工」（青城社工服务中心）已进入“面试”阶段。面试时间：2026-06-08 09:30，地点：社区服务中心二楼。');
    expect((await read(grad, a.id)).interview).toEqual({ ...interview, link: null });

    const moved = { interview: { date: '2026-06-09', time: '15:00', place: '街道办三楼会议室', link: 'https://meeting.example.cn/x' }, note: '时间有变' };
    for (const c of [grad, await makeEmployer(t).then((e) => e.client), await makeDepartment(t, '15')]) {
      await unchangedTables(t, ['applications', 'application_events', 'notifications'], async () => {
        const res = await c.put(`/api/v1/applications/${a.id}/interview`, moved);
        expect([403, 404]).toContain(res.status);
      });
    }
    const res = await employer.client.put(`/api/v1/applications/${a.id}/interview`, moved);
    expect(res.status).toBe(200);
    const after = (await res.json()) as AppJson;
    expect(after.interview).toEqual(moved.interview);
    expect(after.events.at(-1)).toMatchObject({ toStatus: 'interview', note: '时间有变' });
    const n = await inbox(grad);
    expect(n.items[0]).toMatchObject({ kind: 'interview_rescheduled', link: '/me/applications' });
    expect(n.items[0].text).toContain('2026-06-09 15:00，地点：街道办三楼会议室，线上链接：https://meeting.example.cn/x');
    // Not at the interview stage any more: no reschedule.
    expect((await move(employer, a.id, 'offer')).status).toBe(200);
    await expectProblem(await employer.client.put(`/api/v1/applications/${a.id}/interview`, moved), 409);
  });
});

describe('stage filters', () => {
  it('the applicant list counts each stage, whatever the filter, and filters by it', async () => {
    const employer = await makeEmployer(t);
    const positionId = await makePosition(employer.client);
    const ids: string[] = [];
    for (const name of ['甲', '乙', '丙']) ids.push((await apply(await makeGraduate(t, { name }), positionId)).id);
    expect((await move(employer, ids[0], 'reviewing')).status).toBe(200);
    expect((await move(employer, ids[1], 'reviewing')).status).toBe(200);
    expect((await move(employer, ids[1], 'interview')).status).toBe(200);
    const page = async (q: string) =>
      (await (await employer.client.get(`/api/v1/positions/${positionId}/applications${q}`)).json()) as { items: AppJson[]; total: number; stageCounts: Record<string, number> };
    const all = await page('');
    expect(all.stageCounts).toEqual({ submitted: 1, reviewing: 1, interview: 1 });
    const interviewing = await page('?status=interview');
    expect(interviewing.items.map((i) => i.id)).toEqual([ids[1]]);
    expect(interviewing.stageCounts).toEqual(all.stageCounts);
  });
});

describe('invitations', () => {
  async function setup() {
    const employer = await makeEmployer(t, { name: '青城社工服务中心' });
    const positionId = await makePosition(employer.client, { title: '儿童社工' });
    const grad = await makeGraduate(t);
    return { employer, positionId, grad };
  }

  it('the talent is notified with the post link and lists the invitation; a second one is refused', async () => {
    const { employer, positionId, grad } = await setup();
    const res = await employer.client.post('/api/v1/invitations', { talentId: grad.talentId, positionId });
    expect(res.status).toBe(201);
    const n = await inbox(grad);
    expect(n.items[0]).toMatchObject({ kind: 'invitation', link: `/positions/${positionId}` });
    expect(n.items[0].text).toContain('青城社工服务中心邀请您报名岗位「儿童社工」');
    const mine = (await (await grad.get('/api/v1/invitations')).json()) as { items: { position: { id: string; takesApplications: boolean }; applicationId: string | null }[] };
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ position: { id: positionId, takesApplications: true }, applicationId: null });
    await unchangedTables(t, ['invitations', 'notifications'], async () => {
      expect((await expectProblem(await employer.client.post('/api/v1/invitations', { talentId: grad.talentId, positionId }), 409, 'talentId')).code).toBe('conflict');
    });
    const applied = await apply(grad, positionId);
    const again = (await (await grad.get('/api/v1/invitations')).json()) as { items: { applicationId: string | null }[] };
    expect(again.items[0].applicationId).toBe(applied.id);
  });

  it("another employer's post is 404, an unverified employer 403, a hidden or not-looking talent refused, and nothing is written", async () => {
    const { employer, positionId, grad } = await setup();
    const other = await makeEmployer(t);
    const pending = await makeEmployer(t, { status: 'pending' });
    const hidden = await makeGraduate(t, { visibility: 'department' });
    const employed = await makeGraduate(t, { availability: 'employed' });
    const draft = await makePosition(employer.client, {}, { open: false });
    await unchangedTables(t, ['invitations', 'notifications'], async () => {
      await expectProblem(await other.client.post('/api/v1/invitations', { talentId: grad.talentId, positionId }), 404, 'positionId');
      await expectProblem(await pending.client.post('/api/v1/invitations', { talentId: grad.talentId, positionId }), 403);
      await expectProblem(await grad.post('/api/v1/invitations', { talentId: grad.talentId, positionId }), 403);
      await expectProblem(await (await makeDepartment(t, '15')).post('/api/v1/invitations', { talentId: grad.talentId, positionId }), 403);
      await expectProblem(await employer.client.post('/api/v1/invitations', { talentId: hidden.talentId, positionId }), 404, 'talentId');
      await expectProblem(await employer.client.post('/api/v1/invitations', { talentId: 'nobody', positionId }), 404, 'talentId');
      await expectProblem(await employer.client.post('/api/v1/invitations', { talentId: employed.talentId, positionId }), 409, 'talentId');
      await expectProblem(await employer.client.post('/api/v1/invitations', { talentId: grad.talentId, positionId: draft }), 409, 'positionId');
      await expectProblem(await employer.client.post('/api/v1/invitations', { talentId: grad.talentId }), 422, 'positionId');
      await expectProblem(await employer.client.post('/api/v1/invitations', { talentId: 'x'.repeat(65), positionId }), 422, 'talentId');
    });
  });

  it('at most 30 a day per employer (429 naming the limit); the next day the count starts again', async () => {
    const { employer, positionId } = await setup();
    for (let i = 0; i < 30; i++) {
      const g = await makeGraduate(t);
      expect((await employer.client.post('/api/v1/invitations', { talentId: g.talentId, positionId })).status).toBe(201);
    }
    const late = await makeGraduate(t);
    const p = await expectProblem(await employer.client.post('/api/v1/invitations', { talentId: late.talentId, positionId }), 429, 'talentId');
    expect(p.errors?.[0].message).toContain('30');
    t.clock.now += 86_400_000;
    expect((await employer.client.post('/api/v1/invitations', { talentId: late.talentId, positionId })).status).toBe(201);
  });
});

describe('a placement closes the other open applications', () => {
  it("a hire closes the talent's open applications elsewhere as 已在其他单位就业 and tells those employers; its own employer's are left", async () => {
    const hirer = await makeEmployer(t);
    const other = await makeEmployer(t, { name: '另一家单位' });
    const grad = await makeGraduate(t, { name: '王芳' });
    const hired = await apply(grad, await makePosition(hirer.client));
    const sameEmployer = await apply(grad, await makePosition(hirer.client, { title: '第二个岗位' }));
    const elsewhere = await apply(grad, await makePosition(other.client, { title: '老年社工' }));
    expect((await move(other, elsewhere.id, 'reviewing')).status).toBe(200);
    expect((await move(other, elsewhere.id, 'interview')).status).toBe(200);
    for (const s of ['reviewing', 'interview', 'offer', 'hired']) expect((await move(hirer, hired.id, s)).status).toBe(200);
    const closed = await read(grad, elsewhere.id);
    expect(closed.status).toBe('placed_elsewhere');
    expect(closed.events.at(-1)).toMatchObject({ toStatus: 'placed_elsewhere', note: '已在其他单位就业' });
    expect((await read(grad, sameEmployer.id)).status).toBe('submitted');
    const n = await inbox(other.client);
    expect(n.items[0]).toMatchObject({ kind: 'application_closed_placed' });
    expect(n.items[0].text).toBe('王芳报名「老年社工」的申请已关闭：已在其他单位就业。');
    // Final: the other employer can no longer move it, the talent can no longer withdraw it.
    await expectProblem(await move(other, elsewhere.id, 'offer'), 409);
    await expectProblem(await grad.post(`/api/v1/applications/${elsewhere.id}/withdraw`), 409);
  });

  it('a placement a department records closes them too; an internship does not', async () => {
    const dept = await signedIn(t, 'department', { regionCode: '15' });
    const host = await makeEmployer(t);
    const other = await makeEmployer(t);
    const grad = await makeGraduate(t);
    const open = await apply(grad, await makePosition(other.client));
    await makePlacement(dept, { talentId: grad.talentId, employerId: host.employerId, kind: 'internship' });
    expect((await read(grad, open.id)).status).toBe('submitted');
    await makePlacement(dept, { talentId: grad.talentId, employerId: host.employerId });
    expect((await read(grad, open.id)).status).toBe('placed_elsewhere');
    expect((await inbox(other.client)).items.filter((i) => i.kind === 'application_closed_placed')).toHaveLength(1);
  });
});

describe('recommendations leave out the current employer', () => {
  it("the talent's recommended posts skip the employer they work at; its candidates skip its staff", async () => {
    const dept = await signedIn(t, 'department', { regionCode: '15' });
    const host = await makeEmployer(t);
    const other = await makeEmployer(t);
    const hostPost = await makePosition(host.client);
    const otherPost = await makePosition(other.client);
    const grad = await makeGraduate(t);
    const recs = async () => ((await (await grad.get('/api/v1/talents/me/recommendations')).json()) as { items: { position: { id: string } }[] }).items.map((i) => i.position.id);
    const candidates = async () =>
      ((await (await host.client.get(`/api/v1/positions/${hostPost}/candidates`)).json()) as { items: { talent: { id: string } }[] }).items.map((i) => i.talent.id);
    expect(await recs()).toEqual(expect.arrayContaining([hostPost, otherPost]));
    expect(await candidates()).toContain(grad.talentId);
    await makePlacement(dept, { talentId: grad.talentId, employerId: host.employerId });
    const after = await recs();
    expect(after).toContain(otherPost);
    expect(after).not.toContain(hostPost);
    expect(await candidates()).not.toContain(grad.talentId);
  });
});

describe('rounds', () => {
  it("a round proposal accepted by both closes the talent's applications elsewhere; the round page counts seats taken since it opened", async () => {
    const dept = await signedIn(t, 'department', { regionCode: '15' });
    const host = await makeEmployer(t);
    const other = await makeEmployer(t);
    const grad = await makeGraduate(t);
    const post = await makePosition(host.client, { seats: 3, reservedSeats: 0 });
    const open = await apply(grad, await makePosition(other.client));
    const roundId = await insertProposal(t, { departmentUserId: dept.userId, talentId: grad.talentId, positionId: post, roundStatus: 'published' });
    await t.deps.database.db.updateTable('round_positions').set({ seats: 3 }).where('round_id', '=', roundId).execute();
    const proposalId = (await t.deps.database.db.selectFrom('round_proposals').select('id').where('round_id', '=', roundId).executeTakeFirstOrThrow()).id;
    const shrunk = async () => ((await (await dept.get(`/api/v1/rounds/${roundId}/positions`)).json()) as { items: { shrunkSeats: number }[] }).items[0].shrunkSeats;
    expect(await shrunk()).toBe(0);
    expect((await grad.post(`/api/v1/proposals/${proposalId}/response`, { decision: 'accept' })).status).toBe(200);
    expect((await read(grad, open.id)).status).toBe('submitted');
    expect((await host.client.post(`/api/v1/proposals/${proposalId}/response`, { decision: 'accept' })).status).toBe(200);
    expect((await read(grad, open.id)).status).toBe('placed_elsewhere');
    // The round's own placement takes none of its seats away; a hire outside it does (3 in the round, 2 free besides its own now).
    expect(await shrunk()).toBe(0);
    const hired = await makeGraduate(t, { name: '赵敏' });
    const a = await apply(hired, post);
    for (const s of ['reviewing', 'interview', 'offer', 'hired']) expect((await move(host, a.id, s)).status).toBe(200);
    expect(await shrunk()).toBe(1);
  });
});
