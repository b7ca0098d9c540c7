// The search API through app.request() against a real Meilisearch (the local sidecar), with the
// scope taken from the session, the outbox drained into the index, and the SQL fallback when
// Meilisearch stops.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSearch, type SearchRuntime } from '../../search/index';
import { Client, expectProblem, makeTestApp, signedIn, type TestApp } from '../helpers/app';
import { startTestMeili, type TestMeili } from '../search/fixtures';
import { makeEmployer, graduateWithProfile } from '../helpers/builders';
import { idNumber } from '../helpers/ids';

let t: TestApp;
let meili: TestMeili;
let search: SearchRuntime;
let ids: { hohhot: string; hohhotHidden: string; baotou: string };

interface Page {
  items: { id: string; name?: string }[];
  total: number;
  degraded: boolean;
  facets: Record<string, Record<string, number>>;
}

beforeAll(async () => {
  meili = await startTestMeili();
  t = await makeTestApp();
  search = createSearch({
    database: t.deps.database,
    now: () => t.clock.now,
    log: () => {},
    meili: { host: meili.sidecar.url, apiKey: meili.sidecar.masterKey, indexPrefix: `api${Date.now()}_` },
    searchTimeoutMs: 800,
    retryAfterMs: 0,
  });
  t.deps.search = search;
  await search.start({ drainLoop: false });
  ids = {
    hohhot: (
      await graduateWithProfile(t, { name: '乌云其其格', idNumber: idNumber('150102', '19960101'), birthDate: '1996-01-01', regionCode: '150102', serviceAreas: ['elderly'] })
    ).id,
    hohhotHidden: (
      await graduateWithProfile(t, {
        name: '巴特尔',
        idNumber: idNumber('150103', '19970202'),
        birthDate: '1997-02-02',
        regionCode: '150103',
        serviceAreas: ['elderly'],
        visibility: 'department',
      })
    ).id,
    baotou: (await graduateWithProfile(t, { name: '张敏', idNumber: idNumber('150203', '19980303'), birthDate: '1998-03-03', regionCode: '150203', serviceAreas: ['children'] }))
      .id,
  };
  await search.drain!.drainAll(20_000);
}, 120_000);

afterAll(async () => {
  await search?.stop();
  t?.close();
  await meili?.dispose();
});

describe('talent search through the API', () => {
  it('a department finds talents of its region only, by name and by skill', async () => {
    const dept = await signedIn(t, 'department', { regionCode: '1501' });
    const res = await dept.get('/api/v1/search/talents?q=' + encodeURIComponent('老年'));
    expect(res.status).toBe(200);
    const page = (await res.json()) as Page;
    expect(page.degraded).toBe(false);
    expect(page.items.map((i) => i.id).sort()).toEqual([ids.hohhot, ids.hohhotHidden].sort());
    const byName = (await (await dept.get('/api/v1/search/talents?q=' + encodeURIComponent('巴特尔'))).json()) as Page;
    expect(byName.items.map((i) => i.id)).toEqual([ids.hohhotHidden]);
    // a filter for another region narrows to nothing instead of widening the scope
    const other = (await (await dept.get('/api/v1/search/talents?regionCode=1502')).json()) as Page;
    expect(other.items).toEqual([]);
    const baotouDept = await signedIn(t, 'department', { regionCode: '1502' });
    const b = (await (await baotouDept.get('/api/v1/search/talents?q=' + encodeURIComponent('张敏'))).json()) as Page;
    expect(b.items.map((i) => i.id)).toEqual([ids.baotou]);
    const b2 = (await (await baotouDept.get('/api/v1/search/talents?q=' + encodeURIComponent('乌云其其格'))).json()) as Page;
    expect(b2.items).toEqual([]);
  });

  it('a verified employer sees only talents open to employers, without names; others may not search', async () => {
    const employer = (await makeEmployer(t, { status: 'verified' })).client;
    const page = (await (await employer.get('/api/v1/search/talents?visibility=department,employers')).json()) as Page;
    expect(page.items.map((i) => i.id).sort()).toEqual([ids.hohhot, ids.baotou].sort());
    expect(page.items.every((i) => i.name === undefined)).toBe(true);
    const byName = (await (await employer.get('/api/v1/search/talents?q=' + encodeURIComponent('巴特尔'))).json()) as Page;
    expect(byName.items.map((i) => i.id)).not.toContain(ids.hohhotHidden);
    await expectProblem(await (await makeEmployer(t, { status: 'pending' })).client.get('/api/v1/search/talents'), 403);
    await expectProblem(await (await signedIn(t, 'graduate')).get('/api/v1/search/talents'), 403);
    await expectProblem(await new Client(t).get('/api/v1/search/talents'), 401);
  });

  it('refuses filter injection, unknown parameters, unknown regions and oversize queries', async () => {
    const dept = await signedIn(t, 'department', { regionCode: '15' });
    await expectProblem(await dept.get('/api/v1/search/talents?regionCode=' + encodeURIComponent('15 OR 1=1')), 422, 'regionCode');
    await expectProblem(await dept.get('/api/v1/search/talents?visibility=' + encodeURIComponent("employers' OR visibility = 'department")), 422);
    await expectProblem(await dept.get('/api/v1/search/talents?phone=138'), 422, 'phone');
    await expectProblem(await dept.get('/api/v1/search/talents?regionCode=159999'), 422, 'regionCode');
    await expectProblem(await dept.get('/api/v1/search/talents?q=' + 'x'.repeat(1000)), 422, 'q');
    await expectProblem(await dept.get('/api/v1/search/talents?page=-1'), 422, 'page');
  });

  it('never puts ID numbers, phones or birth dates into the index', async () => {
    const docs = await fetch(`${meili.sidecar.url}/indexes`, { headers: { authorization: `Bearer ${meili.sidecar.masterKey}` } });
    const { results } = (await docs.json()) as { results: { uid: string }[] };
    let seen = 0;
    for (const { uid } of results) {
      const r = await fetch(`${meili.sidecar.url}/indexes/${uid}/documents?limit=1000`, { headers: { authorization: `Bearer ${meili.sidecar.masterKey}` } });
      const text = await r.text();
      seen += ((JSON.parse(text) as { results: unknown[] }).results ?? []).length;
      expect(text).not.toMatch(/\d{17}[\dX]/);
      expect(text).not.toContain('13812345678');
      expect(text).not.toMatch(/199\d-\d\d-\d\d/);
    }
    expect(seen).toBeGreaterThanOrEqual(3);
  });
});

describe('position search and search status', () => {
  it('answers publicly, and says degraded when Meilisearch is down, then recovers', async () => {
    const ok = (await (await new Client(t).get('/api/v1/search/positions?q=' + encodeURIComponent('社工'))).json()) as Page;
    expect(ok.degraded).toBe(false);
    const admin = await signedIn(t, 'admin');
    type Status = { engine: string; degraded: boolean; outbox: { pending: number }; meilisearch: { documents?: { talent?: number; position?: number } } };
    const status = (await (await admin.get('/api/v1/admin/search/status')).json()) as Status;
    expect(status.engine).toBe('meilisearch');
    expect(status.outbox.pending).toBe(0);
    const talentDocs = status.meilisearch.documents?.talent ?? -1;
    expect(talentDocs).toBeGreaterThanOrEqual(3);
    expect(status.meilisearch.documents?.position).toBeGreaterThanOrEqual(0);
    await meili.stop();
    let g: { id: string } = { id: '' };
    try {
      const down = await new Client(t).get('/api/v1/search/positions');
      expect(down.status).toBe(200);
      expect(((await down.json()) as Page).degraded).toBe(true);
      // writes keep succeeding while the index is down
      g = await graduateWithProfile(t, { name: '其木格', idNumber: idNumber('150104', '19990404'), birthDate: '1999-04-04', regionCode: '150104' });
      expect(g.id).toBeTruthy();
      const s = (await (await admin.get('/api/v1/admin/search/status')).json()) as Status;
      expect(s.outbox.pending).toBeGreaterThan(0);
      expect(s.meilisearch.documents).toBeUndefined();
    } finally {
      await meili.restart();
    }
    await search.drain!.drainAll(20_000);
    // The count follows the index: one talent more once the outbox is drained.
    const after = (await (await admin.get('/api/v1/admin/search/status')).json()) as Status;
    expect(after.meilisearch.documents?.talent).toBe(talentDocs + 1);
    const dept = await signedIn(t, 'department', { regionCode: '15' });
    const found = (await (await dept.get('/api/v1/search/talents?q=' + encodeURIComponent('其木格'))).json()) as Page;
    expect(found.degraded).toBe(false);
    expect(found.items[0].id).toBe(g.id);
  });

  it('status and reindex are for admins only', async () => {
    for (const role of ['graduate', 'employer', 'department'] as const) {
      const c = await signedIn(t, role);
      await expectProblem(await c.get('/api/v1/admin/search/status'), 403);
      await expectProblem(await c.post('/api/v1/admin/search/reindex?entity=talent'), 403);
    }
    await expectProblem(await new Client(t).get('/api/v1/admin/search/status'), 401);
    const admin = await signedIn(t, 'admin');
    await expectProblem(await admin.post('/api/v1/admin/search/reindex?entity=everything'), 422, 'entity');
    const r = await admin.post('/api/v1/admin/search/reindex?entity=talent');
    expect(r.status).toBe(200);
    const dept = await signedIn(t, 'department', { regionCode: '1501' });
    const after = (await (await dept.get('/api/v1/search/talents?q=' + encodeURIComponent('乌云其其格'))).json()) as Page;
    expect(after.items.map((i) => i.id)).toEqual([ids.hohhot]);
  });
});
