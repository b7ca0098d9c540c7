// Issue 9 A7: text fields refuse control characters (newline and tab only in multi-line fields),
// bidi overrides and zero-width characters with a 422 naming the field, in the API and the web
// forms alike; a JSON body that is not valid UTF-8 is a 400; a stored U+0002/U+0003 never becomes
// <mark> in search highlights.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Client, expectProblem, makeTestApp, signedIn, uniqueEmail, type TestApp } from '../helpers/app';
import { employerBody, makeEmployer, makePosition, positionBody, profileBody } from '../helpers/builders';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

/** Characters no text field takes (besides newline and tab, which only multi-line fields take). */
const REFUSED: [string, string][] = [
  ['NUL', '\u0000'],
  ['STX', '\u0002'],
  ['ETX', '\u0003'],
  ['ESC', '\u001b'],
  ['DEL', '\u007f'],
  ['C1 NEL', '\u0085'],
  ['RLO', '\u202e'],
  ['LRE', '\u202a'],
  ['RLI', '\u2067'],
  ['PDI', '\u2069'],
  ['RLM', '\u200f'],
  ['ZWSP', '\u200b'],
  ['ZWJ', '\u200d'],
  ['word joiner', '\u2060'],
  ['BOM inside', '\ufeff'],
];
const countUsers = async () =>
  (
    await t.deps.database.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

describe('text fields refuse invisible characters', () => {
  it('sign-up: the display name with any refused character is 422 naming displayName; nothing is stored', async () => {
    const before = await countUsers();
    for (const [name, ch] of [...REFUSED, ['newline', '\n'], ['tab', '\t'], ['CR', '\r']] as [string, string][]) {
      const res = await new Client(t).post('/api/v1/auth/register', { email: uniqueEmail('x'), password: 'long enough pw', displayName: `李${ch}娜`, role: 'graduate' });
      const problem = await expectProblem(res, 422, 'displayName');
      expect(problem.errors?.find((e) => e.path === 'displayName')?.message, name).toMatch(/control characters|one line/);
    }
    expect(await countUsers()).toBe(before);
  });

  it('single-line fields refuse newline and tab; multi-line fields take them (CRLF stored as LF) but refuse the rest', async () => {
    const { client } = await makeEmployer(t);
    await expectProblem(await client.post('/api/v1/positions', positionBody({ title: '社区\n工作者' })), 422, 'title');
    await expectProblem(await client.post('/api/v1/positions', positionBody({ title: '社区\t工作者' })), 422, 'title');
    for (const [, ch] of REFUSED) {
      await expectProblem(await client.post('/api/v1/positions', positionBody({ title: `社区${ch}工作者` })), 422, 'title');
      await expectProblem(await client.post('/api/v1/positions', positionBody({ description: `第一行\n第${ch}二行` })), 422, 'description');
    }
    const res = await client.post('/api/v1/positions', positionBody({ description: '第一行\r\n\t第二行' }));
    expect(res.status).toBe(201);
    expect(((await res.json()) as { description: string }).description).toBe('第一行\n\t第二行');
  });

  it('employer, talent profile, application, search and region fields: 422 naming the field', async () => {
    const employer = await signedIn(t, 'employer');
    await expectProblem(await employer.post('/api/v1/employers', employerBody({ name: '街道\u202e站务工作社' })), 422, 'name');
    await expectProblem(await employer.post('/api/v1/employers', employerBody({ address: '海拉尔东路\u200b12 号' })), 422, 'address');
    await expectProblem(await employer.post('/api/v1/employers', employerBody({ contactName: '王\u0007敏' })), 422, 'contactName');

    const grad = await signedIn(t, 'graduate');
    await expectProblem(await grad.put('/api/v1/talents/me', profileBody({ name: '李\u202e娜' })), 422, 'name');
    const school = await grad.put('/api/v1/talents/me', profileBody({ education: { level: 'bachelor', school: '内蒙古\u0002大学', major: '社会工作', graduationYear: 2025 } }));
    await expectProblem(school, 422, 'education.school');

    const { client: org } = await makeEmployer(t);
    const positionId = await makePosition(org);
    await expectProblem(await grad.post('/api/v1/applications', { positionId, coverLetter: '您好\u0000' }), 422, 'coverLetter');

    await expectProblem(await new Client(t).get(`/api/v1/search/positions?q=${encodeURIComponent('社工\u0002')}`), 422, 'q');
    await expectProblem(await new Client(t).get(`/api/v1/regions?q=${encodeURIComponent('呼和\u200b浩特')}`), 422, 'q');
  });

  it('the web form says so at the field, in Chinese', async () => {
    const res = await t.app.request('/sign-up', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: uniqueEmail('w'), password: 'long enough pw', displayName: 'admin\u202egnp.exe', role: 'graduate' }).toString(),
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('不能包含控制字符、双向文本控制符或零宽字符');
    expect(html).toContain('f-displayName-error');
  });
});

describe('JSON bodies', () => {
  it('invalid UTF-8 is a 400, not silently repaired into U+FFFD', async () => {
    const before = await countUsers();
    const json = new TextEncoder().encode(JSON.stringify({ email: uniqueEmail('u'), password: 'long enough pw', displayName: '李XX', role: 'graduate' }));
    const at = new TextDecoder().decode(json).indexOf('XX');
    const bytes = new Uint8Array(json);
    bytes.set([0xff, 0xfe], new TextEncoder().encode(new TextDecoder().decode(json).slice(0, at)).length);
    const res = await t.app.request('/api/v1/auth/register', { method: 'POST', headers: { 'content-type': 'application/json' }, body: bytes });
    const problem = await expectProblem(res, 400, '(body)');
    expect(problem.detail).toMatch(/UTF-8/);
    expect(await countUsers()).toBe(before);
    // Valid UTF-8 (with a BOM) still works.
    const ok = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...new TextEncoder().encode(JSON.stringify({ email: uniqueEmail('v'), password: 'long enough pw', displayName: '李娜', role: 'graduate' })),
    ]);
    expect((await t.app.request('/api/v1/auth/register', { method: 'POST', headers: { 'content-type': 'application/json' }, body: ok })).status).toBe(201);
  });
});

describe('search highlights', () => {
  it('U+0002/U+0003 stored in a title (older data) never become <mark>', async () => {
    const { client } = await makeEmployer(t);
    const id = await makePosition(client, { title: '社区工作者' }, { open: true });
    await t.deps.database.db.updateTable('positions').set({ title: '社区\u0002站长\u0003工作者' }).where('id', '=', id).execute();
    const res = await new Client(t).get(`/api/v1/search/positions?q=${encodeURIComponent('工作者')}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { id: string; highlights: Record<string, string> }[] };
    const hit = body.items.find((h) => h.id === id);
    expect(hit).toBeDefined();
    expect(hit!.highlights.title).toBe('社区站长<mark>工作者</mark>');
    expect(Object.values(hit!.highlights).join('')).not.toMatch(/[\u0002\u0003]/);
  });
});
