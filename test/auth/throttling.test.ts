// Issue 9 A4: sign-in limits hold under parallel attempts, and strangers cannot lock the owner out.
// Attempts are reserved before the password is checked; a browser that signed in before (a valid
// device cookie for the account) has its own allowance; the admin can unlock an account.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Client, expectProblem, makeTestApp, signedIn, uniqueEmail, type TestApp } from '../helpers/app';
import type { ScryptFn } from '../../src/lib/context';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const PASSWORD = 'correct horse battery';

/** One sign-in through the API as a browser: its device cookie (if any) and its address. */
function attempt(email: string, password: string, opts: { device?: string | null; address?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-forwarded-for': opts.address ?? '198.51.100.1' };
  if (opts.device) headers.cookie = `device=${opts.device}`;
  return t.app.request('/api/v1/auth/sign-in', { method: 'POST', headers, body: JSON.stringify({ email, password }) });
}
const deviceOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .find((s) => s.startsWith('device='))
    ?.split(';')[0]
    .slice('device='.length) ?? null;

/** Counts password checks (scrypt runs) from now on. */
function countScrypt(): { runs: number } {
  const counter = { runs: 0 };
  const real: ScryptFn = t.deps.scrypt;
  t.deps.scrypt = async (...args) => {
    counter.runs += 1;
    return real(...args);
  };
  return counter;
}

describe('sign-in throttling', () => {
  it('40 parallel wrong passwords: only 5 are checked, the rest answer 429 without running scrypt', async () => {
    const owner = await signedIn(t, 'graduate');
    await attempt(uniqueEmail('warm'), 'warm up the dummy hash', { address: '192.0.2.200' });
    const scrypt = countScrypt();
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(owner.email, `wrong password ${i}`, { address: `198.51.100.${i}` })));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(35);
    expect(scrypt.runs).toBe(5);
    const row = await t.deps.database.db.selectFrom('rate_limits').selectAll().where('key', '=', `signin:account:${owner.email}`).executeTakeFirstOrThrow();
    expect(row.failures).toBe(5);
  });

  it('parallel attempts from one address across accounts stop at the address limit', async () => {
    const scrypt = countScrypt();
    const answers = await Promise.all(Array.from({ length: 60 }, () => attempt(uniqueEmail('nobody'), 'wrong password', { address: '192.0.2.9' })));
    expect(answers.filter((r) => r.status === 401)).toHaveLength(20);
    expect(answers.filter((r) => r.status === 429)).toHaveLength(40);
    expect(scrypt.runs).toBeLessThanOrEqual(21); // 20 checks (+ the dummy hash made once)
  });

  it('strangers lock the account for strangers, but the browser that signed in before still gets in', async () => {
    const email = uniqueEmail('admin');
    await signedIn(t, 'admin', { email });
    const first = await attempt(email, PASSWORD, { address: '203.0.113.50' });
    expect(first.status).toBe(200);
    const device = deviceOf(first);
    expect(device).toBeTruthy();
    expect(first.headers.getSetCookie().find((s) => s.startsWith('device='))).toMatch(/HttpOnly.*Secure|Secure.*HttpOnly/);

    for (let i = 0; i < 12; i++) await attempt(email, 'guess ' + i, { address: `198.51.100.${i}` });
    // A stranger (no device cookie), even with the right password, is refused for the window.
    await expectProblem(await attempt(email, PASSWORD, { address: '203.0.113.51' }), 429);
    // The owner's browser is not.
    const owner = await attempt(email, PASSWORD, { device, address: '203.0.113.50' });
    expect(owner.status).toBe(200);
    // Even from an address strangers have exhausted.
    for (let i = 0; i < 25; i++) await attempt(uniqueEmail('x'), 'nope nope', { address: '192.0.2.66' });
    await expectProblem(await attempt(email, PASSWORD, { address: '192.0.2.66' }), 429);
    expect((await attempt(email, PASSWORD, { device: deviceOf(owner), address: '192.0.2.66' })).status).toBe(200);
  });

  it('a device has its own allowance: its failures lock that device only, and success forgives them', async () => {
    const email = uniqueEmail('grad');
    await signedIn(t, 'graduate', { email });
    const a = deviceOf(await attempt(email, PASSWORD));
    const b = deviceOf(await attempt(email, PASSWORD));
    for (let i = 0; i < 4; i++) await expectProblem(await attempt(email, 'typo ' + i, { device: a }), 401);
    expect((await attempt(email, PASSWORD, { device: a })).status).toBe(200); // forgiven
    for (let i = 0; i < 5; i++) await expectProblem(await attempt(email, 'typo ' + i, { device: a }), 401);
    await expectProblem(await attempt(email, PASSWORD, { device: a }), 429);
    expect((await attempt(email, PASSWORD, { device: b })).status).toBe(200);
    // Strangers were never counted by the device's failures.
    expect((await attempt(email, PASSWORD)).status).toBe(200);
  });

  it('a device cookie helps only the account it was issued for, and a forged one helps nobody', async () => {
    const alice = uniqueEmail('alice');
    const bob = uniqueEmail('bob');
    await signedIn(t, 'graduate', { email: alice });
    const bobUser = await signedIn(t, 'graduate', { email: bob });
    const aliceDevice = deviceOf(await attempt(alice, PASSWORD))!;
    const bobDevice = deviceOf(await attempt(bob, PASSWORD))!;
    for (let i = 0; i < 5; i++) await attempt(bob, 'guess ' + i, { address: `198.51.100.${i}` });
    await expectProblem(await attempt(bob, PASSWORD, { device: aliceDevice }), 429);
    const [, nonce, sig] = bobDevice.split('.');
    const forged = [`${bobUser.userId}.${nonce}.${sig.slice(0, -2)}AA`, `${bobUser.userId}.AAAAAAAAAAAAAAAAAAAAAA.${sig}`, `${bobUser.userId}.${nonce}`, 'x'.repeat(500)];
    for (const device of forged) await expectProblem(await attempt(bob, PASSWORD, { device }), 429);
    expect((await attempt(bob, PASSWORD, { device: bobDevice })).status).toBe(200);
  });

  it("signing up counts as signing in: the new account's browser gets its device cookie", async () => {
    const email = uniqueEmail('new');
    const res = await new Client(t).post('/api/v1/auth/register', { email, password: PASSWORD, displayName: '新用户', role: 'employer' });
    expect(res.status).toBe(201);
    const device = deviceOf(res);
    expect(device).toBeTruthy();
    for (let i = 0; i < 6; i++) await attempt(email, 'guess ' + i, { address: `198.51.100.${i}` });
    await expectProblem(await attempt(email, PASSWORD), 429);
    expect((await attempt(email, PASSWORD, { device })).status).toBe(200);
  });

  it('the web sign-in form sets and honours the device cookie too', async () => {
    const email = uniqueEmail('dept');
    await signedIn(t, 'department', { email });
    const form = (password: string, device?: string | null) =>
      t.app.request('/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '198.51.100.7', ...(device ? { cookie: `device=${device}` } : {}) },
        body: new URLSearchParams({ email, password }).toString(),
      });
    const ok = await form(PASSWORD);
    expect(ok.status).toBe(303);
    const device = deviceOf(ok);
    expect(device).toBeTruthy();
    for (let i = 0; i < 6; i++) await form('wrong ' + i);
    const locked = await form(PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBeTruthy();
    expect((await form(PASSWORD, device)).status).toBe(303);
  });
});

describe('admin unlock', () => {
  it('an admin lifts the lock for strangers and for locked devices; audit-logged', async () => {
    const admin = await signedIn(t, 'admin');
    const grad = await signedIn(t, 'graduate');
    const device = deviceOf(await attempt(grad.email, PASSWORD));
    for (let i = 0; i < 5; i++) await attempt(grad.email, 'guess ' + i, { address: `198.51.100.${i}` });
    for (let i = 0; i < 5; i++) await attempt(grad.email, 'typo ' + i, { device });
    await expectProblem(await attempt(grad.email, PASSWORD), 429);
    await expectProblem(await attempt(grad.email, PASSWORD, { device }), 429);

    const res = await admin.post(`/api/v1/admin/users/${grad.userId}/unlock`);
    expect(res.status).toBe(204);
    expect((await attempt(grad.email, PASSWORD, { device })).status).toBe(200);
    expect((await attempt(grad.email, PASSWORD)).status).toBe(200);
    const audit = await t.deps.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'unlock_account').execute();
    expect(audit).toMatchObject([{ actor_user_id: admin.userId, subject_type: 'user', subject_id: grad.userId }]);
  });

  it('only an admin may unlock: anonymous 401, other roles 403, an unknown account 404; nothing changes', async () => {
    const grad = await signedIn(t, 'graduate');
    for (let i = 0; i < 5; i++) await attempt(grad.email, 'guess ' + i);
    const path = `/api/v1/admin/users/${grad.userId}/unlock`;
    await expectProblem(await new Client(t).post(path), 401);
    for (const role of ['graduate', 'employer', 'department'] as const) {
      const c = await signedIn(t, role);
      await expectProblem(await c.post(path), 403);
    }
    await expectProblem(await grad.post(path), 403);
    const admin = await signedIn(t, 'admin');
    await expectProblem(await admin.post('/api/v1/admin/users/aaaaaaaaaaaaaaaa/unlock'), 404);
    await expectProblem(await attempt(grad.email, PASSWORD), 429);
    expect(await t.deps.database.db.selectFrom('audit_log').selectAll().execute()).toEqual([]);
  });
});
