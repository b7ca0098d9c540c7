import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Client, expectProblem, makeTestApp, signedIn, uniqueEmail, type TestApp } from '../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

describe('accounts and sessions', () => {
  it('registers, reads /me, signs out', async () => {
    const c = new Client(t);
    const email = uniqueEmail('grad');
    const res = await c.post('/api/v1/auth/register', { email, password: 'long enough pw', displayName: '李娜', role: 'graduate' });
    expect(res.status).toBe(201);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^session=[a-z2-7]{26}\.[a-z2-7]{52};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('Secure');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    c.token = cookie.split(';')[0].slice('session='.length);
    const me = await c.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email, role: 'graduate', displayName: '李娜' });
    expect((await c.post('/api/v1/auth/sign-out')).status).toBe(204);
    await expectProblem(await c.get('/api/v1/me'), 401);
  });

  it('stores only the SHA-256 of the session secret', async () => {
    const c = await signedIn(t, 'graduate');
    const [id, secret] = c.token!.split('.');
    const row = await t.deps.database.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(Buffer.from(row.secret_hash).toString('hex')).not.toContain(Buffer.from(secret).toString('hex'));
    expect(row.secret_hash.length).toBe(32);
  });

  it('refuses a tampered token', async () => {
    const c = await signedIn(t, 'graduate');
    c.token = c.token!.slice(0, -1) + (c.token!.endsWith('a') ? 'b' : 'a');
    await expectProblem(await c.get('/api/v1/me'), 401);
  });

  it('ends a session after 10 days without use, and refreshes it when used hourly', async () => {
    const c = await signedIn(t, 'graduate');
    t.clock.now += 9 * 86400_000;
    expect((await c.get('/api/v1/me')).status).toBe(200);
    t.clock.now += 9 * 86400_000; // 18 days after sign-in, 9 after last use
    expect((await c.get('/api/v1/me')).status).toBe(200);
    t.clock.now += 10 * 86400_000 + 1;
    await expectProblem(await c.get('/api/v1/me'), 401);
  });

  it('hashes passwords with scrypt and stores its parameters', async () => {
    const c = await signedIn(t, 'graduate');
    const row = await t.deps.database.db.selectFrom('users').select('password_hash').where('id', '=', c.userId).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$1024,8,1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(row.password_hash).not.toContain('correct horse');
  });

  it('rejects a wrong password with 401 and the same message for unknown accounts', async () => {
    const c = await signedIn(t, 'graduate');
    const a = await new Client(t).post('/api/v1/auth/sign-in', { email: c.email, password: 'wrong password' });
    const b = await new Client(t).post('/api/v1/auth/sign-in', { email: uniqueEmail('nobody'), password: 'wrong password' });
    expect((await expectProblem(a, 401)).detail).toBe((await expectProblem(b, 401)).detail);
  });

  it('rate limits sign-in failures per account with 429 and Retry-After', async () => {
    const c = await signedIn(t, 'graduate');
    for (let i = 0; i < 5; i++) {
      await expectProblem(await new Client(t).request('POST', '/api/v1/auth/sign-in', { email: c.email, password: 'nope nope' }, { 'x-forwarded-for': `198.51.100.${i}` }), 401);
    }
    const blocked = await new Client(t).request('POST', '/api/v1/auth/sign-in', { email: c.email, password: 'correct horse battery' }, { 'x-forwarded-for': '198.51.100.99' });
    await expectProblem(blocked, 429);
    const wait = Number(blocked.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(15 * 60);
    t.clock.now += wait * 1000;
    expect((await new Client(t).post('/api/v1/auth/sign-in', { email: c.email, password: 'correct horse battery' })).status).toBe(200);
  });

  it('rate limits sign-in failures per address across accounts', async () => {
    for (let i = 0; i < 20; i++) {
      await expectProblem(await new Client(t).request('POST', '/api/v1/auth/sign-in', { email: uniqueEmail('x'), password: 'nope nope' }, { 'x-forwarded-for': '192.0.2.7' }), 401);
    }
    const c = await signedIn(t, 'graduate');
    await expectProblem(
      await new Client(t).request('POST', '/api/v1/auth/sign-in', { email: c.email, password: 'correct horse battery' }, { 'x-forwarded-for': '192.0.2.7' }),
      429,
    );
    expect((await new Client(t).request('POST', '/api/v1/auth/sign-in', { email: c.email, password: 'correct horse battery' }, { 'x-forwarded-for': '192.0.2.8' })).status).toBe(
      200,
    );
  });

  it('changing the password ends the other sessions but keeps this one', async () => {
    const a = await signedIn(t, 'graduate');
    const b = new Client(t);
    const signIn = await b.post('/api/v1/auth/sign-in', { email: a.email, password: 'correct horse battery' });
    b.token = ((await signIn.json()) as { token: string }).token;
    await expectProblem(await a.post('/api/v1/auth/password', { currentPassword: 'wrong', newPassword: 'another long one' }), 422, 'currentPassword');
    expect((await a.post('/api/v1/auth/password', { currentPassword: 'correct horse battery', newPassword: 'another long one' })).status).toBe(204);
    expect((await a.get('/api/v1/me')).status).toBe(200);
    await expectProblem(await b.get('/api/v1/me'), 401);
    expect((await new Client(t).post('/api/v1/auth/sign-in', { email: a.email, password: 'another long one' })).status).toBe(200);
  });

  it('refuses cross-site form posts and cross-origin requests', async () => {
    const email = uniqueEmail('grad');
    const form = new URLSearchParams({ email, password: 'long enough pw' });
    const r1 = await t.app.request('http://localhost/api/v1/auth/sign-in', {
      method: 'POST',
      body: form,
      headers: { 'sec-fetch-site': 'cross-site', 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect((await expectProblem(r1, 403)).code).toBe('cross_site_request');
    const r2 = await t.app.request('http://localhost/api/v1/auth/register', {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'long enough pw', displayName: 'x', role: 'graduate' }),
    });
    expect((await expectProblem(r2, 403)).code).toBe('cross_site_request');
    expect(await t.deps.database.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()).toBeUndefined();
    const r3 = await t.app.request('http://localhost/api/v1/auth/register', {
      method: 'POST',
      headers: { origin: 'http://localhost', 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'long enough pw', displayName: 'x', role: 'graduate' }),
    });
    expect(r3.status).toBe(201);
  });

  it('gives problem+json naming the field for bad sign-up input and writes nothing', async () => {
    const c = new Client(t);
    await expectProblem(await c.post('/api/v1/auth/register', '{"email": '), 400);
    await expectProblem(await c.post('/api/v1/auth/register', { email: 'not-an-email', password: 'long enough pw', displayName: 'x', role: 'graduate' }), 422, 'email');
    await expectProblem(await c.post('/api/v1/auth/register', { email: uniqueEmail('a'), password: 'short', displayName: 'x', role: 'graduate' }), 422, 'password');
    await expectProblem(await c.post('/api/v1/auth/register', { email: uniqueEmail('a'), password: 'long enough pw', displayName: 'x', role: 'admin' }), 422, 'role');
    await expectProblem(
      await c.post('/api/v1/auth/register', { email: uniqueEmail('a'), password: 'long enough pw', displayName: 'x'.repeat(61), role: 'graduate' }),
      422,
      'displayName',
    );
    await expectProblem(await c.post('/api/v1/auth/register', { email: uniqueEmail('a'), password: 12345678, displayName: 'x', role: 'graduate' }), 422, 'password');
    await expectProblem(await c.post('/api/v1/auth/register', { password: 'long enough pw', displayName: 'x', role: 'graduate' }), 422, 'email');
    await expectProblem(await c.post('/api/v1/auth/register', 'x'.repeat(300 * 1024)), 413);
    const n = await t.deps.database.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });

  it('on a server without mail (nobody could confirm an address), refuses a second account with the same email', async () => {
    const a = await signedIn(t, 'employer');
    await expectProblem(
      await new Client(t).post('/api/v1/auth/register', { email: a.email.toUpperCase(), password: 'long enough pw', displayName: 'x', role: 'graduate' }),
      409,
      'email',
    );
  });
});

describe('request bodies that are not JSON', () => {
  it('answer 415 problem+json on every JSON route, not a 5xx', async () => {
    const c = await signedIn(t, 'graduate');
    for (const [method, path] of [
      ['POST', '/api/v1/auth/register'],
      ['POST', '/api/v1/auth/sign-in'],
      ['POST', '/api/v1/auth/password'],
    ] as const) {
      const res = await c.request(method, path, 'email=a', { 'content-type': 'text/plain' });
      expect((await expectProblem(res, 415)).code).toBe('unsupported_media_type');
    }
  });
});
