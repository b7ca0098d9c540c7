// Issue 9 A2: verification is enforced everywhere. Only a verified employer's posts are public,
// searchable and open to applications; only a verified employer changes posts (its drafts aside),
// moves applicants, answers round proposals and records placements. A verified employer that edits
// a key field goes back to pending: its open posts disappear at once (list, page, search, applying)
// and come back when a department verifies it again. The search index follows through the outbox.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSearch, type SearchRuntime } from '../../search/index';
import { Client, expectProblem, makeTestApp, signedIn, type TestApp } from '../helpers/app';
import { startTestMeili, type TestMeili } from '../search/fixtures';
import { adminOf, makeEmployer, makeGraduate, makePosition, moveBody } from '../helpers/builders';
import { insertProposal, unchanged } from '../authz/trust-fixtures';

const OFFICIAL = '内蒙古自治区民政厅（官方招聘）';
type Page = { items: { id: string; employerName?: string }[]; total: number };

const publicIds = async (t: TestApp) => ((await (await new Client(t).get('/api/v1/positions?pageSize=100')).json()) as Page).items.map((i) => i.id);
const searchIds = async (t: TestApp, q = '') => ((await (await new Client(t).get(`/api/v1/search/positions?q=${encodeURIComponent(q)}`)).json()) as Page).items.map((i) => i.id);

describe('an employer that leaves verified', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp();
  });
  afterEach(() => t.close());

  it('has its posts hidden at once and shown again when verified again', async () => {
    const { client, employerId } = await makeEmployer(t);
    const post = await makePosition(client);
    const draft = await makePosition(client, {}, { open: false });
    const grad = await makeGraduate(t);
    const dept = await signedIn(t, 'department', { regionCode: '1501' });
    expect(await publicIds(t)).toEqual([post]); // and now cached

    const renamed = await client.patch('/api/v1/employers/me', { name: OFFICIAL });
    expect(await renamed.json()).toMatchObject({ status: 'pending', name: OFFICIAL });
    // Gone from the public list, the public page and public search; nobody can apply.
    expect(await publicIds(t)).toEqual([]);
    await expectProblem(await new Client(t).get(`/api/v1/positions/${post}`), 404);
    await expectProblem(await grad.get(`/api/v1/positions/${post}`), 404);
    expect(await searchIds(t)).toEqual([]);
    await unchanged(t, async () => expectProblem(await grad.post('/api/v1/applications', { positionId: post }), 409));
    // Its owner and the department still see it, closed while held.
    expect(await (await client.get(`/api/v1/positions/${post}`)).json()).toMatchObject({ status: 'closed', acceptingApplications: false });
    expect((await dept.get(`/api/v1/positions/${post}`)).status).toBe(200);
    // The search index is told: the employer's posts are in the outbox with the status change.
    const queued = await t.deps.database.db.selectFrom('search_outbox').select('entity_id').where('processed_at', 'is', null).where('entity', '=', 'position').execute();
    expect(queued.map((r) => r.entity_id)).toEqual(expect.arrayContaining([post, draft]));

    // It may not change the post, reopen or close it; it may still prepare its draft.
    await unchanged(t, async () => {
      expect((await expectProblem(await client.patch(`/api/v1/positions/${post}`, { title: '官方招聘：社工' }), 403)).detail).toMatch(/verified/);
      await expectProblem(await client.post(`/api/v1/positions/${post}/publish`), 403);
      await expectProblem(await client.post(`/api/v1/positions/${post}/close`), 403);
      await expectProblem(await client.post(`/api/v1/positions/${draft}/publish`), 403);
    });
    expect((await client.patch(`/api/v1/positions/${draft}`, { title: '草稿：社区工作者' })).status).toBe(200);

    // Verified again: the held post is back, in the list, on its page, in search, taking applications.
    expect((await (await adminOf(t)).post(`/api/v1/employers/${employerId}/verify`, {})).status).toBe(200);
    expect(await publicIds(t)).toEqual([post]);
    expect(await (await new Client(t).get(`/api/v1/positions/${post}`)).json()).toMatchObject({ status: 'open', employerName: OFFICIAL });
    expect(await searchIds(t)).toEqual([post]);
    expect((await grad.post('/api/v1/applications', { positionId: post })).status).toBe(201);
    // The draft stays a draft.
    expect((await publicIds(t)).includes(draft)).toBe(false);
  });

  it('cannot move applicants, answer proposals or record placements; a rejected one cannot hire', async () => {
    const employer = await makeEmployer(t);
    const post = await makePosition(employer.client);
    const grad = await makeGraduate(t);
    const applied = await grad.post('/api/v1/applications', { positionId: post });
    const { id: applicationId } = (await applied.json()) as { id: string };
    for (const status of ['reviewing', 'interview', 'offer']) {
      expect((await employer.client.post(`/api/v1/applications/${applicationId}/status`, moveBody(status, t.clock.now))).status).toBe(200);
    }
    const dept = await signedIn(t, 'department', { regionCode: '15' });
    const other = await makeGraduate(t, { name: '张伟' });
    await insertProposal(t, { departmentUserId: dept.userId, talentId: other.talentId, positionId: post, roundStatus: 'published' });
    const proposalId = (await t.deps.database.db.selectFrom('round_proposals').select('id').executeTakeFirstOrThrow()).id;

    await employer.client.patch('/api/v1/employers/me', { name: OFFICIAL }); // pending
    const refusals = async () => {
      await unchanged(t, async () => {
        await expectProblem(await employer.client.post(`/api/v1/applications/${applicationId}/status`, { status: 'hired' }), 403);
        await expectProblem(await employer.client.post(`/api/v1/applications/${applicationId}/status`, { status: 'rejected' }), 403);
        await expectProblem(await employer.client.post(`/api/v1/proposals/${proposalId}/response`, { decision: 'accept' }), 403);
        await expectProblem(await employer.client.post('/api/v1/placements', { talentId: grad.talentId, kind: 'employment', startOn: '2026-06-01' }), 403);
      });
      // Nothing to do on the application page either.
      expect(await (await employer.client.get(`/api/v1/applications/${applicationId}`)).json()).toMatchObject({ status: 'offer', nextSteps: [] });
    };
    await refusals();
    expect((await (await adminOf(t)).post(`/api/v1/employers/${employer.employerId}/reject`, { note: '冒用机关名称' })).status).toBe(200);
    await refusals();
    expect(await t.deps.database.db.selectFrom('placements').selectAll().execute()).toEqual([]);
  });

  it('an employer verified again moves its applicants again', async () => {
    const employer = await makeEmployer(t);
    const post = await makePosition(employer.client);
    const grad = await makeGraduate(t);
    const { id } = (await (await grad.post('/api/v1/applications', { positionId: post })).json()) as { id: string };
    await employer.client.patch('/api/v1/employers/me', { type: 'agency' });
    await expectProblem(await employer.client.post(`/api/v1/applications/${id}/status`, { status: 'reviewing' }), 403);
    await (await adminOf(t)).post(`/api/v1/employers/${employer.employerId}/verify`, {});
    expect((await employer.client.post(`/api/v1/applications/${id}/status`, { status: 'reviewing' })).status).toBe(200);
  });
});

describe('the search index follows (real Meilisearch)', () => {
  let t: TestApp;
  let meili: TestMeili;
  let searchRuntime: SearchRuntime;
  beforeAll(async () => {
    meili = await startTestMeili();
    t = await makeTestApp();
    searchRuntime = createSearch({
      database: t.deps.database,
      now: () => t.clock.now,
      log: () => {},
      meili: { host: meili.sidecar.url, apiKey: meili.sidecar.masterKey, indexPrefix: `verify${Date.now()}_` },
      searchTimeoutMs: 5_000, // this test is about visibility, not latency: a loaded CI machine must not fall back to SQL
      retryAfterMs: 0,
    });
    t.deps.search = searchRuntime;
    await searchRuntime.start({ drainLoop: false });
  }, 120_000);
  afterAll(async () => {
    await searchRuntime?.stop();
    t?.close();
    await meili?.dispose();
  });

  it('a renamed employer’s post leaves public search when the outbox drains, and returns on verification', async () => {
    const { client, employerId } = await makeEmployer(t);
    const post = await makePosition(client, { title: '社区社工（养老方向）' });
    const drain = () => searchRuntime.drain!.drainAll(20_000);
    await drain();
    const search = async (q: string) => {
      const page = (await (await new Client(t).get(`/api/v1/search/positions?q=${encodeURIComponent(q)}`)).json()) as Page & { degraded: boolean };
      expect(page.degraded).toBe(false);
      return page.items.map((i) => i.id);
    };
    expect(await search('养老')).toEqual([post]);
    await client.patch('/api/v1/employers/me', { name: OFFICIAL });
    await drain();
    expect(await search('养老')).toEqual([]);
    expect(await search('民政厅')).toEqual([]);
    await (await adminOf(t)).post(`/api/v1/employers/${employerId}/verify`, {});
    await drain();
    expect(await search('养老')).toEqual([post]);
  });
});
