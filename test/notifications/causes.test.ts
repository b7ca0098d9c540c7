// The causes of notifications beyond applications, reviews, agreements and imports (issue 11 §2):
// a round's publication (each talent's proposal or none, each employer's count), a response to a
// proposal (the other side hears), an export that finished, and a registration lapsing within 60
// days (once per end date). Through the API, with a real SMTP server for those who opt in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../helpers/app';
import { graduateWithProfile, makeDepartment, profileBody } from '../helpers/builders';
import { drainMail } from '../../src/mail';
import { notifyLapsingRegistrations } from '../../src/talents';
import { startMailApp, type SmtpSink } from '../mail/smtp-sink';
import { collectingRound, makeRoundWorld, ok } from '../rounds/helpers';

let t: TestApp;
let sink: SmtpSink;
let mailApp: Awaited<ReturnType<typeof startMailApp>>;

beforeAll(async () => {
  mailApp = await startMailApp();
  ({ t, sink } = mailApp);
});
afterAll(() => mailApp.close());

interface List {
  items: { id: string; kind: string; text: string; link: string | null }[];
  unread: number;
}
const inbox = async (c: Client, query = ''): Promise<List> => (await c.get(`/api/v1/me/notifications${query}`)).json() as Promise<List>;
const kinds = async (c: Client) => (await inbox(c)).items.map((i) => i.kind);

describe('a round', () => {
  it('publication tells each talent their proposal or that there is none, and each employer its count; nothing before', async () => {
    const w = await makeRoundWorld(t);
    await ok(await w.g2.request('PUT', '/api/v1/me/notification-settings', { email: true }));
    const round = await collectingRound(w);
    await ok(await w.dept.post(`/api/v1/rounds/${round.id}/run`));
    // A run is not a publication: nobody hears yet (the employers only heard of their verification).
    expect(await kinds(w.g1)).toEqual([]);
    expect(await kinds(w.empA.client)).toEqual(['employer_verified']);
    await ok(await w.dept.post(`/api/v1/rounds/${round.id}/publish`));

    const proposals = await ok<{ items: { talent: { id: string }; position: { id: string } }[] }>(await w.dept.get(`/api/v1/rounds/${round.id}/proposals?pageSize=100`));
    const placed = new Set(proposals.items.map((p) => p.talent.id));
    expect(placed.size).toBeGreaterThan(0);
    for (const g of [w.g1, w.g2, w.g3, w.g4, w.g5, w.g7]) {
      const list = await inbox(g);
      const members = await ok<{ items: { talentId: string }[] }>(await w.dept.get(`/api/v1/rounds/${round.id}/talents?pageSize=100`));
      const inRound = members.items.some((m) => m.talentId === g.talentId);
      const expected = !inRound ? [] : placed.has(g.talentId) ? ['round_proposal'] : ['round_unplaced'];
      expect(list.items.map((i) => i.kind)).toEqual(expected);
      if (expected.length) expect(list.items[0].link).toBe('/me/rounds');
    }
    expect(placed.has(w.g2.talentId)).toBe(true);
    expect((await inbox(w.g2)).items[0].text).toMatch(/^「.+」已公布：您被安排到「社区工作者 P\d」（.+）。/);
    expect((await inbox(w.g4)).items[0]?.text ?? '').toContain('本轮没有为您安排岗位');
    // Employers: one message each, with the number of proposals for its posts.
    const forA = proposals.items.filter((p) => p.position.id === w.p1 || p.position.id === w.p2).length;
    const a = await inbox(w.empA.client);
    expect(a.items.map((i) => [i.kind, i.link])).toEqual([
      ['round_employer', '/employer/proposals'],
      ['employer_verified', '/employer'],
    ]);
    expect(a.items[0].text).toContain(`共有 ${forA} 条录取建议`);
    expect((await inbox(w.empA.client, '?lang=en')).items[0].text).toContain(`${forA} proposal${forA === 1 ? '' : 's'}`);
    // g2 opted in to mail: the same words arrive by mail.
    await drainMail(t.deps);
    const g2Email = ((await (await w.g2.get('/api/v1/me')).json()) as { email: string }).email;
    expect(sink.received.filter((m) => m.to === g2Email && m.subject === '社工人才库消息 / A message from shegong').map((m) => m.text.split('\n')[0])).toEqual([
      (await inbox(w.g2)).items[0].text,
    ]);
    // Departments hear nothing of their own publication.
    expect(await kinds(w.dept)).toEqual([]);
  });

  it('a response to a proposal tells the other side; both accepting says the placement is recorded', async () => {
    const w = await makeRoundWorld(t);
    const round = await collectingRound(w);
    await ok(await w.dept.post(`/api/v1/rounds/${round.id}/run`));
    await ok(await w.dept.post(`/api/v1/rounds/${round.id}/publish`));
    const mine = (await ok<{ items: { id: string; position: { id: string } }[] }>(await w.g2.get('/api/v1/talents/me/proposals'))).items[0];
    expect([w.p1, w.p2]).toContain(mine.position.id); // g2 ranked P2 then P1, both empA's
    const employer = w.empA;
    const before = (await inbox(employer.client)).items.length;
    await ok(await w.g2.post(`/api/v1/proposals/${mine.id}/response`, { decision: 'accept' }));
    const heard = (await inbox(employer.client)).items;
    expect(heard.length).toBe(before + 1);
    expect(heard[0]).toMatchObject({ kind: 'proposal_response', link: '/employer/proposals' });
    expect(heard[0].text).toMatch(/^乙已接受「.+」中「社区工作者 P\d」的录取建议。$/);
    await ok(await employer.client.post(`/api/v1/proposals/${mine.id}/response`, { decision: 'accept' }));
    const back = (await inbox(w.g2)).items[0];
    expect(back.kind).toBe('proposal_response');
    expect(back.text).toContain('双方均已接受，已记入就业。');
    // A refused response (already answered) writes no message.
    const count = (await inbox(w.g2)).items.length;
    expect((await employer.client.post(`/api/v1/proposals/${mine.id}/response`, { decision: 'decline' })).status).toBe(409);
    expect((await inbox(w.g2)).items.length).toBe(count);
  });
});

describe('an export', () => {
  it('tells the department when the file is complete, with its name and rows', async () => {
    const dept = await makeDepartment(t, '15');
    await graduateWithProfile(t);
    const res = await dept.request('GET', '/api/v1/exports/talents?format=csv', undefined, { 'sec-fetch-site': 'same-origin' });
    expect(res.status).toBe(200);
    const lines = (await res.text()).trim().split('\n').length - 1; // minus the header
    const list = await inbox(dept);
    expect(list.items.map((i) => [i.kind, i.link])).toEqual([['export_finished', '/department/exports']]);
    expect(list.items[0].text).toMatch(new RegExp(`^导出「人才.*\\.csv」已完成，共 ${lines} 行`));
  });
});

describe('a registration lapsing within 60 days', () => {
  it('is told once per end date, and not when the end is further away', async () => {
    const soon = await graduateWithProfile(t, {
      qualification: { level: 'intermediate', certificateNumber: 'SW2020150009', year: 2020, registrationValidUntil: '2026-07-01' },
    });
    const later = await graduateWithProfile(t, {
      qualification: { level: 'intermediate', certificateNumber: 'SW2020150010', year: 2020, registrationValidUntil: '2026-08-05' },
    });
    await notifyLapsingRegistrations(t.deps); // the server's sweep (every 6 hours)
    const list = await inbox(soon.client);
    expect(list.items.map((i) => [i.kind, i.link])).toEqual([['registration_lapsing', '/me/profile']]);
    expect(list.items[0].text).toBe('您的社会工作者职业资格登记将于 2026-07-01 到期（还有 30 天），请及时办理续期登记。');
    expect(await kinds(later.client)).toEqual([]);
    // A second sweep writes nothing twice.
    await notifyLapsingRegistrations(t.deps);
    expect(await kinds(soon.client)).toEqual(['registration_lapsing']);
    // Another end date within the window: told again, for that date.
    const renewed = profileBody({ qualification: { level: 'intermediate', certificateNumber: 'SW2020150009', year: 2020, registrationValidUntil: '2026-07-20' } });
    expect((await soon.client.put('/api/v1/talents/me', renewed)).status).toBe(200);
    await notifyLapsingRegistrations(t.deps);
    expect(await kinds(soon.client)).toEqual(['registration_lapsing', 'registration_lapsing']);
    // 9 days on, the other registration (2026-08-05) is within 60 days.
    t.clock.now += 9 * 86_400_000;
    await notifyLapsingRegistrations(t.deps);
    expect(await kinds(later.client)).toEqual(['registration_lapsing']);
    expect((await inbox(later.client)).items[0].text).toContain('2026-08-05 到期（还有 56 天）');
  });
});
