// Issue 9 A8: every operation of the OpenAPI document, called by a signed-in caller of every role
// (placeholder ids, junk bodies, the same walk as every-endpoint.test.ts), answers
// `Cache-Control: private, no-store` — successes and refusals alike — and so does every answer that
// hands out a session. Anonymous answers of public operations stay cacheable by the browser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeTestApp, signedIn, uniqueEmail, type TestApp } from '../helpers/app';
import { concrete, openApiOperations } from '../helpers/openapi';

let t: TestApp;
let operations: { method: string; path: string }[];

beforeAll(async () => {
  t = await makeTestApp();
  operations = await openApiOperations(t);
});
afterAll(() => t.close());

const PRIVATE = 'private, no-store';

describe('Cache-Control on authenticated answers', () => {
  it('every operation answers a signed-in caller of every role with private, no-store', { timeout: 120_000 }, async () => {
    expect(operations.length).toBeGreaterThan(80);
    const roles = await Promise.all([signedIn(t, 'graduate'), signedIn(t, 'employer'), signedIn(t, 'department', { regionCode: '1501' }), signedIn(t, 'admin')]);
    const wrong: string[] = [];
    let ok = 0;
    for (const c of roles) {
      for (const { method, path } of operations) {
        if (path === '/auth/sign-out' || path === '/auth/password') continue; // would end this client's session
        const res = await c.request(method, `/api/v1${concrete(path)}`, method === 'GET' ? undefined : {});
        if (res.status < 300) ok += 1;
        if (res.headers.get('cache-control') !== PRIVATE) wrong.push(`${method} ${path} → ${res.status} ${res.headers.get('cache-control')}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(ok).toBeGreaterThan(40); // the walk reaches real answers, not only refusals
  });

  it('named in the issue: /me, talent search and the admin endpoints; sign-in, sign-out and password change too', async () => {
    const admin = await signedIn(t, 'admin');
    const dept = await signedIn(t, 'department', { regionCode: '15' });
    for (const [c, path] of [
      [admin, '/api/v1/me'],
      [dept, '/api/v1/search/talents?q=社工'],
      [admin, '/api/v1/admin/search/status'],
      [admin, '/api/v1/admin/departments'],
    ] as const) {
      const res = await c.get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe(PRIVATE);
    }
    const email = uniqueEmail('grad');
    const reg = await new Client(t).post('/api/v1/auth/register', { email, password: 'long enough pw', displayName: '李娜', role: 'graduate' });
    expect(reg.status).toBe(201);
    expect(reg.headers.get('cache-control')).toBe(PRIVATE);
    const signIn = await new Client(t).post('/api/v1/auth/sign-in', { email, password: 'long enough pw' });
    expect(signIn.headers.get('cache-control')).toBe(PRIVATE);
    const c = new Client(t);
    c.token = ((await signIn.json()) as { token: string }).token;
    expect((await c.post('/api/v1/auth/password', { currentPassword: 'long enough pw', newPassword: 'another long pw' })).headers.get('cache-control')).toBe(PRIVATE);
    expect((await c.post('/api/v1/auth/sign-out')).headers.get('cache-control')).toBe(PRIVATE);
  });

  it('pages for a signed-in browser are private too; public answers to anonymous callers are not marked', async () => {
    const grad = await signedIn(t, 'graduate');
    for (const path of ['/', '/me/profile', '/no-such-page', '/search?q=社工']) {
      expect((await grad.get(path)).headers.get('cache-control'), path).toBe(PRIVATE);
    }
    expect((await new Client(t).get('/api/v1/positions')).headers.get('cache-control')).toBeNull();
  });
});
