// The admin search tuning page (/admin/search): a thin view over the tuning service. Admin only;
// forms post, validate with the API's schemas and show errors in the page's language; a zero-result
// query's "add as synonym" fills the form.
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestApp, signedIn, type TestApp } from '../helpers/app';

let t: TestApp;
afterEach(() => t?.close());

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
  body: new URLSearchParams(fields).toString(),
});

describe('/admin/search', () => {
  it('admins add and delete synonym groups and dictionary words; others are refused', async () => {
    t = await makeTestApp();
    const admin = await signedIn(t, 'admin');
    const dept = await signedIn(t, 'department', { regionCode: '15' });
    const cookie = { cookie: `session=${admin.token}` };
    expect((await dept.get('/admin/search')).status).toBe(403);
    expect((await t.app.request('/admin/search')).status).toBe(303);

    const bad = await t.app.request('/admin/search/synonyms', { ...form({ words: '养老、養老' }), headers: { ...form({}).headers, ...cookie } });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('重复');
    const ok = await t.app.request('/admin/search/synonyms', { ...form({ words: '护理员，照护员' }), headers: { ...form({}).headers, ...cookie } });
    expect(ok.status).toBe(303);
    const word = await t.app.request('/admin/search/dictionary', { ...form({ word: '儿童保护' }), headers: { ...form({}).headers, ...cookie } });
    expect(word.status).toBe(303);
    const html = await (await admin.get('/admin/search')).text();
    expect(html).toContain('护理员、照护员');
    expect(html).toContain('儿童保护');
    const { synonyms, dictionary } = (await (await admin.get('/api/v1/admin/search/tuning')).json()) as { synonyms: { id: string }[]; dictionary: { id: string }[] };
    const del = await t.app.request(`/admin/search/synonyms/${synonyms[0].id}/delete`, { ...form({}), headers: { ...form({}).headers, ...cookie } });
    expect(del.status).toBe(303);
    const delWord = await t.app.request(`/admin/search/dictionary/${dictionary[0].id}/delete`, { ...form({}), headers: { ...form({}).headers, ...cookie } });
    expect(delWord.status).toBe(303);
    const after = await (await admin.get('/admin/search')).text();
    expect(after).not.toContain('护理员、照护员');
    expect((await t.app.request('/admin/search/dictionary', { ...form({ word: '甲乙' }), headers: { ...form({}).headers, cookie: `session=${dept.token}` } })).status).toBe(403);
  });

  it("lists this week's zero-result searches, and 'add as synonym' fills the form", async () => {
    t = await makeTestApp();
    const admin = await signedIn(t, 'admin');
    await t.deps.database.db.insertInto('search_zero_results').values({ query: '银发族', entity: 'position', day: '2026-06-01', count: 7 }).execute();
    const html = await (await admin.get('/admin/search')).text();
    expect(html).toMatch(/银发族<\/td><td>岗位<\/td><td>7<\/td>/);
    expect(html).toContain(`/admin/search?synonym=${encodeURIComponent('银发族')}#synonym-form`);
    const prefilled = await (await admin.get(`/admin/search?synonym=${encodeURIComponent('银发族')}`)).text();
    expect(prefilled).toMatch(/name="words"[^>]*value="银发族"|value="银发族"[^>]*name="words"/);
  });
});
