// Issue #12 item 6: the zero-result report. Searches that find nothing are counted by normalised text,
// index and day — never who asked; text that looks like an ID number or a phone number is not stored
// at all; a failed insert never fails the search. (SQL fallback: recording does not depend on the engine.)
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestApp, signedIn, type TestApp } from '../helpers/app';

let t: TestApp;
afterEach(() => t?.close());

const rows = (app: TestApp) => app.deps.database.db.selectFrom('search_zero_results').selectAll().orderBy('query').execute();

/** Recording is not awaited by the search: wait for it to land. */
async function settle(app: TestApp, expected: number): Promise<Awaited<ReturnType<typeof rows>>> {
  for (let i = 0; i < 100; i++) {
    const r = await rows(app);
    const total = r.reduce((s, x) => s + x.count, 0);
    if (total >= expected) return r;
    await new Promise((res) => setTimeout(res, 10));
  }
  return rows(app);
}

describe('zero-result report', () => {
  it('counts per text, index and day (normalised), lists this week most frequent first, and stores nothing about who asked', async () => {
    t = await makeTestApp();
    const dept = await signedIn(t, 'department', { regionCode: '15' });
    const admin = await signedIn(t, 'admin');
    for (const q of ['银龄 护理', '銀齡  護理', '银龄 护理']) expect((await t.app.request('/api/v1/search/positions?q=' + encodeURIComponent(q))).status).toBe(200);
    // A talent search (often a person's name) is never stored, whatever it holds.
    expect((await dept.get('/api/v1/search/talents?q=' + encodeURIComponent('藏语'))).status).toBe(200);
    expect((await dept.get('/api/v1/search/talents?q=' + encodeURIComponent('王小明'))).status).toBe(200);
    const stored = await settle(t, 3);
    await new Promise((res) => setTimeout(res, 200));
    expect(await rows(t)).toEqual(stored);
    expect(stored).toEqual([{ query: '银龄 护理', entity: 'position', day: '2026-06-01', count: 3 }]);
    // Yesterday's and last month's rows: the week's report sums the week only.
    await t.deps.database.db
      .insertInto('search_zero_results')
      .values([
        { query: '藏语', entity: 'position', day: '2026-05-27', count: 4 },
        { query: '旧词', entity: 'position', day: '2026-05-01', count: 9 },
      ])
      .execute();
    const res = await admin.get('/api/v1/admin/search/zero-results');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      from: '2026-05-26',
      to: '2026-06-01',
      items: [
        { query: '藏语', entity: 'position', count: 4 },
        { query: '银龄 护理', entity: 'position', count: 3 },
      ],
    });
    expect((await dept.get('/api/v1/admin/search/zero-results')).status).toBe(403);
    expect((await admin.get('/api/v1/admin/search/zero-results?days=57')).status).toBe(422);
  });

  it('a region that does not exist is a 422 naming regionCode, and the search is not counted', async () => {
    t = await makeTestApp();
    const dept = await signedIn(t, 'department', { regionCode: '15' });
    for (const res of [
      await t.app.request('/api/v1/search/positions?regionCode=159999&q=' + encodeURIComponent('银龄')),
      await dept.get('/api/v1/search/talents?regionCode=159999&q=' + encodeURIComponent('银龄')),
    ]) {
      expect(res.status).toBe(422);
      expect(((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['regionCode']);
    }
    // The same words in a real region are counted: the report waits for nothing else.
    expect((await t.app.request('/api/v1/search/positions?regionCode=15&q=' + encodeURIComponent('银龄'))).status).toBe(200);
    await settle(t, 1);
    await new Promise((res) => setTimeout(res, 100));
    expect(await rows(t)).toEqual([{ query: '银龄', entity: 'position', day: '2026-06-01', count: 1 }]);
  });

  it('never stores a query that looks like an ID number, a phone number or an e-mail address', async () => {
    t = await makeTestApp();
    for (const q of ['150102199003071234', '15010219900307123X', '张伟 150102199003071234', '13812345678', '138 1234 5678', '138-1234-5678', '0471-6281234', 'zhang@example.cn']) {
      expect((await t.app.request('/api/v1/search/positions?q=' + encodeURIComponent(q))).status).toBe(200);
    }
    // A query that is stored, searched last: once it is there, the others were skipped, not delayed.
    expect((await t.app.request('/api/v1/search/positions?q=' + encodeURIComponent('护理员'))).status).toBe(200);
    expect((await settle(t, 1)).map((r) => r.query)).toEqual(['护理员']);
  });

  it('cuts long text, and deletes days older than eight weeks', async () => {
    t = await makeTestApp();
    const long = '甲乙丙丁戊己庚辛壬癸'.repeat(8);
    await t.deps.database.db.insertInto('search_zero_results').values({ query: '旧', entity: 'position', day: '2026-04-05', count: 1 }).execute();
    expect((await t.app.request('/api/v1/search/positions?q=' + encodeURIComponent(long))).status).toBe(200);
    const stored = await settle(t, 2);
    expect(stored.map((r) => r.query)).toEqual([long.slice(0, 50)]);
  });

  it('a failed insert is logged and the search still answers', async () => {
    t = await makeTestApp();
    await sql`DROP TABLE search_zero_results`.execute(t.deps.database.db);
    const res = await t.app.request('/api/v1/search/positions?q=' + encodeURIComponent('银龄'));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { total: number }).total).toBe(0);
    for (let i = 0; i < 100 && !t.logs.some((e) => String(e.msg).includes('zero-result')); i++) await new Promise((r) => setTimeout(r, 10));
    expect(t.logs.some((e) => e.level === 'warn' && String(e.msg).includes('could not record a zero-result search'))).toBe(true);
  });
});
