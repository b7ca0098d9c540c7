// The admin console's API (issue #11 §3): disabling an account ends its sessions and refuses sign-in,
// enabling lets it back in, unlocking lifts a throttled sign-in, a reset link is mailed, and each
// action writes its audit row; only admins may do any of it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Client, expectProblem, makeTestApp, signedIn, uniqueEmail, type TestApp } from '../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const PASSWORD = 'correct horse battery';
const signIn = (email: string, password = PASSWORD, from = '198.51.100.7') =>
  t.app.request('/api/v1/auth/sign-in', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': from }, body: JSON.stringify({ email, password }) });
const auditOf = (action: string, subjectId: string) =>
  t.deps.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('subject_id', '=', subjectId).execute();

describe('disable and enable', () => {
  it('a disabled account is signed out everywhere and refused at sign-in with a clear reason; enabled, it signs in again', async () => {
    const admin = await signedIn(t, 'admin');
    const dept = await signedIn(t, 'department');
    expect((await dept.get('/api/v1/me')).status).toBe(200);

    expect((await admin.post(`/api/v1/admin/users/${dept.userId}/disable`)).status).toBe(204);
    expect((await dept.get('/api/v1/me')).status).toBe(401);
    const refused = await expectProblem(await signIn(dept.email), 403);
    expect(refused.detail).toContain('disabled');
    // A wrong password still says only that the credentials are wrong.
    await expectProblem(await signIn(dept.email, 'wrong password'), 401);
    await expectProblem(await admin.post(`/api/v1/admin/users/${dept.userId}/disable`), 409);
    expect(await auditOf('account_disable', dept.userId)).toHaveLength(1);

    const found = (await (await admin.get(`/api/v1/admin/users?email=${encodeURIComponent(dept.email)}`)).json()) as { items: { id: string; disabled: boolean }[] };
    expect(found.items).toEqual([expect.objectContaining({ id: dept.userId, disabled: true })]);

    expect((await admin.post(`/api/v1/admin/users/${dept.userId}/enable`)).status).toBe(204);
    expect((await signIn(dept.email)).status).toBe(200);
    await expectProblem(await admin.post(`/api/v1/admin/users/${dept.userId}/enable`), 409);
    expect(await auditOf('account_enable', dept.userId)).toHaveLength(1);
  });

  it('an admin cannot disable their own account; unknown accounts are 404', async () => {
    const admin = await signedIn(t, 'admin');
    const own = await expectProblem(await admin.post(`/api/v1/admin/users/${admin.userId}/disable`), 409);
    expect(own.detail).toContain('signed in with');
    expect((await admin.get('/api/v1/me')).status).toBe(200);
    await expectProblem(await admin.post('/api/v1/admin/users/nobody/disable'), 404);
    await expectProblem(await admin.post('/api/v1/admin/users/nobody/password-reset'), 404);
  });

  it('only admins: the other roles get 403, anonymous callers 401, and nothing changes', async () => {
    const victim = await signedIn(t, 'graduate');
    for (const role of ['graduate', 'employer', 'department'] as const) {
      const c = await signedIn(t, role);
      for (const what of ['disable', 'enable', 'unlock', 'password-reset']) await expectProblem(await c.post(`/api/v1/admin/users/${victim.userId}/${what}`), 403);
      await expectProblem(await c.get(`/api/v1/admin/users?email=example`), 403);
      await expectProblem(await c.get('/api/v1/admin/audit'), 403);
      await expectProblem(await c.get('/api/v1/admin/imports'), 403);
      await expectProblem(await c.get('/api/v1/admin/overview'), 403);
    }
    await expectProblem(await new Client(t).post(`/api/v1/admin/users/${victim.userId}/disable`), 401);
    expect((await victim.get('/api/v1/me')).status).toBe(200);
    const rows = await t.deps.database.db.selectFrom('audit_log').select('id').execute();
    expect(rows).toHaveLength(0);
  });
});

describe('throttled sign-ins', () => {
  it('the users search shows a throttled account; unlocking lets it sign in at once', async () => {
    const admin = await signedIn(t, 'admin');
    const grad = await signedIn(t, 'graduate');
    for (let i = 0; i < 5; i++) await expectProblem(await signIn(grad.email, 'wrong password'), 401);
    await expectProblem(await signIn(grad.email), 429);
    const list = (await (await admin.get(`/api/v1/admin/users?email=${encodeURIComponent(grad.email.toUpperCase())}`)).json()) as {
      items: { id: string; signInBlockedForSeconds: number | null }[];
    };
    expect(list.items[0]).toMatchObject({ id: grad.userId });
    expect(list.items[0].signInBlockedForSeconds).toBeGreaterThan(0);
    const overview = (await (await admin.get('/api/v1/admin/overview')).json()) as { throttledSignIns: number };
    expect(overview.throttledSignIns).toBe(1);

    expect((await admin.post(`/api/v1/admin/users/${grad.userId}/unlock`)).status).toBe(204);
    expect((await signIn(grad.email)).status).toBe(200);
    expect(await auditOf('unlock_account', grad.userId)).toHaveLength(1);
    const after = (await (await admin.get(`/api/v1/admin/users?email=${encodeURIComponent(grad.email)}`)).json()) as { items: { signInBlockedForSeconds: number | null }[] };
    expect(after.items[0].signInBlockedForSeconds).toBeNull();
  });

  it('finds by a part of the email (wildcards taken literally), the exact address first, at most 20; an empty query is 422', async () => {
    const admin = await signedIn(t, 'admin');
    const tag = `find${Date.now().toString(36)}`;
    for (let i = 0; i < 22; i++) await signedIn(t, 'graduate', { email: `${tag}.${i}@example.cn` });
    const res = (await (await admin.get(`/api/v1/admin/users?email=${tag}.1`)).json()) as { items: { email: string }[] };
    expect(res.items.map((i) => i.email)).toContain(`${tag}.10@example.cn`);
    expect(res.items.every((i) => i.email.includes(`${tag}.1`))).toBe(true);
    const exact = (await (await admin.get(`/api/v1/admin/users?email=${tag}.1@example.cn`)).json()) as { items: { email: string }[] };
    expect(exact.items[0].email).toBe(`${tag}.1@example.cn`);
    const all = (await (await admin.get(`/api/v1/admin/users?email=${tag}`)).json()) as { items: unknown[] };
    expect(all.items).toHaveLength(20);
    const wild = (await (await admin.get(`/api/v1/admin/users?email=%25`)).json()) as { items: unknown[] };
    expect(wild.items).toHaveLength(0);
    await expectProblem(await admin.get('/api/v1/admin/users?email='), 422, 'email');
    await expectProblem(await admin.get(`/api/v1/admin/users?email=${'x'.repeat(101)}`), 422, 'email');
  });
});

describe('password reset link by the admin', () => {
  it('mails a single-use link to the account and audits it; without mail it is 503 and nothing is written', async () => {
    const admin = await signedIn(t, 'admin');
    const dept = await signedIn(t, 'department');
    await expectProblem(await admin.post(`/api/v1/admin/users/${dept.userId}/password-reset`), 503);
    expect(await auditOf('account_reset_link', dept.userId)).toHaveLength(0);

    t.deps.config.mode = 'development';
    const res = await admin.post(`/api/v1/admin/users/${dept.userId}/password-reset`);
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ sentTo: dept.email });
    const mail = await t.deps.database.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', dept.email).execute();
    expect(mail).toHaveLength(1);
    const resets = await t.deps.database.db.selectFrom('password_resets').selectAll().where('user_id', '=', dept.userId).execute();
    expect(resets).toHaveLength(1);
    expect(await auditOf('account_reset_link', dept.userId)).toHaveLength(1);
  });
});

describe('departments', () => {
  it('creating one writes its audit row; the list names the region', async () => {
    const admin = await signedIn(t, 'admin');
    const email = uniqueEmail('dept');
    const res = await admin.post('/api/v1/admin/departments', { email, password: 'department pw 1', displayName: '包头市社会工作部', regionCode: '1502' });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; regionName: string; disabled: boolean };
    expect(created).toMatchObject({ regionName: '内蒙古自治区包头市', disabled: false });
    expect(await auditOf('department_create', created.id)).toHaveLength(1);
    const list = (await (await admin.get('/api/v1/admin/departments')).json()) as { items: { email: string; regionName: string }[] };
    expect(list.items.find((i) => i.email === email)?.regionName).toBe('内蒙古自治区包头市');
  });
});
