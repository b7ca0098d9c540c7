// The admin console's audit log (filters by actor, action and dates; paging; CSV export that is
// itself audited) and its pages: admins get them, other roles 403, anonymous callers sign in first;
// the forms post and redirect (PRG) with a flash.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectProblem, makeTestApp, signedIn, type TestApp } from '../helpers/app';
import { WebClient, webUser } from '../web/client';
import { TALENT_HEADER, talentRow, uploadOk, utf8Csv } from '../imports/helpers';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const PAGES = ['/admin', '/admin/departments', '/admin/users', '/admin/users?email=example', '/admin/audit', '/admin/imports', '/admin/search/status'];

describe('the audit log', () => {
  it('filters by part of the actor’s name or email, by action and by China-time dates, and pages', async () => {
    const admin = await signedIn(t, 'admin');
    const other = await signedIn(t, 'admin', { email: 'second.admin@example.cn' });
    const grads = await Promise.all([signedIn(t, 'graduate'), signedIn(t, 'graduate')]);
    t.clock.now = Date.parse('2026-06-01T20:00:00+08:00');
    await admin.post(`/api/v1/admin/users/${grads[0].userId}/disable`);
    t.clock.now = Date.parse('2026-06-02T09:00:00+08:00');
    await other.post(`/api/v1/admin/users/${grads[1].userId}/disable`);
    await other.post(`/api/v1/admin/users/${grads[1].userId}/unlock`);
    type P = { items: { action: string; actor: { email: string }; subject: string }[]; total: number };
    const q = async (s: string) => (await (await admin.get(`/api/v1/admin/audit${s}`)).json()) as P;

    expect((await q('')).total).toBe(3);
    const byOther = await q('?actor=SECOND.admin');
    expect(byOther.items.map((i) => i.action).sort()).toEqual(['account_disable', 'unlock_account']);
    expect(byOther.items.every((i) => i.actor.email === 'second.admin@example.cn')).toBe(true);
    const disables = await q('?action=account_disable');
    expect(disables.total).toBe(2);
    expect(disables.items[0].subject).toContain(grads[1].email); // newest first, named by the account
    expect((await q('?from=2026-06-02')).total).toBe(2);
    expect((await q('?to=2026-06-01')).total).toBe(1);
    expect((await q('?from=2026-06-03')).total).toBe(0);
    expect((await q('?actor=%25')).total).toBe(0);
    expect((await q('?page=2')).items).toHaveLength(0);

    await expectProblem(await admin.get('/api/v1/admin/audit?from=2026-13-01'), 422, 'from');
    await expectProblem(await admin.get('/api/v1/admin/audit?from=2026-06-03&to=2026-06-01'), 422, 'to');
    await expectProblem(await admin.get('/api/v1/admin/audit?action=drop_tables'), 422, 'action');
    await expectProblem(await admin.get(`/api/v1/admin/audit?actor=${'x'.repeat(101)}`), 422, 'actor');
  });

  it('pages 50 rows at a time', async () => {
    const admin = await signedIn(t, 'admin');
    const grad = await signedIn(t, 'graduate');
    for (let i = 0; i < 51; i++) await admin.post(`/api/v1/admin/users/${grad.userId}/unlock`);
    const first = (await (await admin.get('/api/v1/admin/audit')).json()) as { items: unknown[]; total: number; pageSize: number };
    expect(first).toMatchObject({ total: 51, pageSize: 50 });
    expect(first.items).toHaveLength(50);
    const second = (await (await admin.get('/api/v1/admin/audit?page=2')).json()) as { items: unknown[] };
    expect(second.items).toHaveLength(1);
  });
});

describe('admin pages', () => {
  it('admins get every page; graduates, employers and departments 403; anonymous callers go to sign-in', async () => {
    const admin = await webUser(t, 'admin');
    const others = await Promise.all([webUser(t, 'graduate'), webUser(t, 'employer'), webUser(t, 'department')]);
    const anonymous = new WebClient(t);
    for (const path of PAGES) {
      const html = await admin.html(path);
      expect(html).toContain('<h1');
      for (const c of others) expect((await c.get(path)).status).toBe(403);
      const res = await anonymous.get(path);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toContain('/sign-in?next=');
    }
    for (const path of ['/admin/departments', `/admin/users/x/disable`, '/admin/audit/export', '/admin/search/reindex']) {
      for (const c of others) expect((await c.post(path, {})).status).toBe(403);
    }
  });

  it('an admin lands on the console after signing in, with a link to each section', async () => {
    const admin = new WebClient(t);
    const { createAccount } = await import('../../src/auth');
    await createAccount(t.deps, { email: 'landing.admin@example.cn', password: 'correct horse battery', displayName: '管理员', role: 'admin' });
    const res = await admin.post('/sign-in', { email: 'landing.admin@example.cn', password: 'correct horse battery' });
    expect(res.headers.get('location')).toBe('/admin');
    const html = await admin.html('/admin');
    for (const href of ['/admin/departments', '/admin/users', '/admin/audit', '/admin/imports', '/admin/search/status', '/admin/search']) expect(html).toContain(`href="${href}"`);
  });

  it('creates a department from a region picked by name, disables and enables it, each with a flash after a redirect', async () => {
    const admin = await webUser(t, 'admin');
    const form = await admin.html('/admin/departments');
    expect(form).toContain('内蒙古自治区呼和浩特市');
    const bad = await admin.post('/admin/departments', { displayName: '呼和浩特市社会工作部', email: 'hohhot.dept@example.cn', password: 'short', regionCode: '' });
    expect(bad.status).toBe(422);
    const created = await admin.post('/admin/departments', {
      displayName: '呼和浩特市社会工作部',
      email: 'hohhot.dept@example.cn',
      password: 'department pw 1',
      regionCode: '1501',
    });
    expect(created.status).toBe(303);
    expect(created.headers.get('location')).toBe('/admin/departments');
    const list = await admin.html('/admin/departments');
    expect(list).toContain('部门账号已创建');
    expect(list).toMatch(/呼和浩特市社会工作部<\/td><td>内蒙古自治区呼和浩特市<\/td><td>hohhot.dept@example.cn/);
    const id = (await t.deps.database.db.selectFrom('users').select('id').where('email', '=', 'hohhot.dept@example.cn').executeTakeFirstOrThrow()).id;

    const off = await admin.post(`/admin/users/${id}/disable?back=${encodeURIComponent('/admin/departments')}`);
    expect(off.status).toBe(303);
    expect(off.headers.get('location')).toBe('/admin/departments');
    expect(await admin.html('/admin/departments')).toContain('已停用');
    const dept = new WebClient(t);
    const refused = await dept.post('/sign-in', { email: 'hohhot.dept@example.cn', password: 'department pw 1' });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('此账号已被管理员停用');
    // A stranger's "back" never leaves the console.
    const on = await admin.post(`/admin/users/${id}/enable?back=${encodeURIComponent('https://evil.example/')}`);
    expect(on.headers.get('location')).toBe('/admin/users');
    expect((await dept.post('/sign-in', { email: 'hohhot.dept@example.cn', password: 'department pw 1' })).status).toBe(303);
  });

  it('refuses disabling oneself on the page with the reason, and exports the filtered audit log as CSV (audited)', async () => {
    const admin = await webUser(t, 'admin');
    const me = (await t.deps.database.db.selectFrom('users').select('id').where('email', '=', admin.email).executeTakeFirstOrThrow()).id;
    const own = await admin.post(`/admin/users/${me}/disable?back=${encodeURIComponent(`/admin/users?email=${admin.email}`)}`);
    expect(own.status).toBe(409);
    expect(await own.text()).toContain('不能停用自己正在使用的管理员账号');

    const grad = await signedIn(t, 'graduate');
    await admin.post(`/admin/users/${grad.userId}/unlock`);
    const csv = await admin.post('/admin/audit/export?action=unlock_account');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs for Chinese text
    const lines = new TextDecoder().decode(bytes).trim().split('\r\n');
    expect(lines[0]).toBe('时间,操作人,操作人邮箱,操作,对象类型,对象,详情');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('解除登录限制');
    expect(lines[1]).toContain(grad.email);
    const exported = await t.deps.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'audit_export').execute();
    expect(exported).toHaveLength(1);
  });

  it('the reindex button is refused with a reason when only the SQL fallback runs', async () => {
    const admin = await webUser(t, 'admin');
    expect(await admin.html('/admin/search/status')).toContain('备用搜索（数据库）');
    const res = await admin.post('/admin/search/reindex', { entity: 'talent' });
    expect(res.status).toBe(409);
    expect((await admin.post('/admin/search/reindex', { entity: 'nothing' })).status).toBe(422);
    const jobs = await t.deps.database.db.selectFrom('jobs').select('id').execute();
    expect(jobs).toHaveLength(0);
  });
});

describe('imports across the region', () => {
  it('lists every department’s imports with the department’s name and the region’s name, linking to the details', async () => {
    const admin = await signedIn(t, 'admin');
    const dept = await signedIn(t, 'department', { regionCode: '1502' });
    await uploadOk(t, dept, 'talents', utf8Csv(TALENT_HEADER, [talentRow({ region: '包头市' })]), '包头名册.csv');
    const list = (await (await admin.get('/api/v1/admin/imports')).json()) as {
      items: { id: string; fileName: string; department: { email: string }; regionName: string }[];
      total: number;
    };
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ fileName: '包头名册.csv', department: { email: dept.email }, regionName: '内蒙古自治区包头市' });
    const web = await webUser(t, 'admin');
    const html = await web.html('/admin/imports');
    expect(html).toContain(`href="/department/imports/${list.items[0].id}"`);
    expect(html).toContain('内蒙古自治区包头市');
    expect((await web.get(`/department/imports/${list.items[0].id}`)).status).toBe(200);
  });
});
