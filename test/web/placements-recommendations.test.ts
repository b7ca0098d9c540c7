// Recommendation pages: a graduate's best open posts with the reasons in words and a link to apply;
// an employer's best candidates for its own position (masked), refused for other employers' posts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app';
import { seedDemo } from '../e2e/seed';
import { WebClient, signInAs, webUser } from './client';

let t: TestApp;
let seeded: Awaited<ReturnType<typeof seedDemo>>;
beforeAll(async () => {
  t = await makeTestApp();
  seeded = await seedDemo(t.deps);
});
afterAll(() => t.close());

describe('/me/recommendations', () => {
  it('lists open posts best first with the score explained and a link to apply', async () => {
    const grad = await signInAs(t, 'grad@example.cn');
    const html = await grad.html('/me/recommendations');
    const [p1, p2, p3] = seeded.positions;
    // The post in her own township, with her service areas and preferred region, comes first.
    const order = [...html.matchAll(/<li class="record" id="rec-([^"]+)"/g)].map((x) => x[1]);
    expect(order[0]).toBe(p1.id);
    expect(order).toEqual(expect.arrayContaining([p1.id, p2.id, p3.id]));
    expect(html).toContain(`href="/positions/${p1.id}#apply-title"`);
    expect(html).toContain('共同领域：老年、社区治理（岗位列出 2 项）');
    expect(html).toContain('岗位位于意向地区 内蒙古自治区呼和浩特市新城区 之内');
    expect(html).toContain('与居住地同一县（区）');
    expect(html).toContain('岗位要求之外的语言：蒙古语（计 1 种）');
    // The drafted post is not recommended.
    const draft = await t.deps.database.db.selectFrom('positions').select('id').where('status', '=', 'draft').executeTakeFirstOrThrow();
    expect(order).not.toContain(draft.id);
    const en = await grad.html('/me/recommendations?lang=en');
    expect(en).toContain('Shared: Elderly, Community governance (the post lists 2)');
    // English counts: singular and plural, never "(s)".
    expect(en).not.toContain('(s)');
    const seats = await t.deps.database.db.selectFrom('positions').select(['id', 'seats']).where('id', '=', p3.id).executeTakeFirstOrThrow();
    expect(seats.seats).toBe(1);
    const p3Record = en.slice(en.indexOf(`id="rec-${p3.id}"`), en.indexOf('</li>', en.indexOf(`id="rec-${p3.id}"`)));
    expect(p3Record).toContain(' 1 free seat ');
    expect(en).toMatch(/\b1 level above the minimum qualification/);
  });

  it('asks for a profile first, and is for graduates only', async () => {
    const fresh = await webUser(t, 'graduate');
    const html = await fresh.html('/me/recommendations');
    expect(html).toContain('请先填写档案');
    expect((await (await signInAs(t, 'org0@example.cn')).get('/me/recommendations')).status).toBe(403);
    const anon = await new WebClient(t).get('/me/recommendations');
    expect(anon.status).toBe(303);
  });
});

describe('/employer/positions/:id/candidates', () => {
  it('shows the owner the best candidates, masked, with the reasons', async () => {
    const employer = await signInAs(t, 'org0@example.cn');
    const html = await employer.html(`/employer/positions/${seeded.positions[0].id}/candidates`);
    expect(html).toContain('李娜');
    expect(html).toContain('138****1234'); // phone masked for employers
    expect(html).not.toContain('13800001234');
    expect(html).toMatch(/共评估 \d+ 位人才，列出前 1 位。/);
    expect(html).toContain('共同领域：老年、社区治理');
  });

  it("refuses another employer's post and hides its drafts, and is for employers only", async () => {
    const other = await signInAs(t, 'org1@example.cn');
    expect((await other.get(`/employer/positions/${seeded.positions[0].id}/candidates`)).status).toBe(403);
    const draft = await t.deps.database.db.selectFrom('positions').select('id').where('status', '=', 'draft').executeTakeFirstOrThrow();
    const employer = await signInAs(t, 'org0@example.cn');
    expect((await employer.get(`/employer/positions/${draft.id}/candidates`)).status).toBe(404);
    expect((await (await signInAs(t, 'dept@example.cn')).get(`/employer/positions/${seeded.positions[0].id}/candidates`)).status).toBe(403);
  });
});
