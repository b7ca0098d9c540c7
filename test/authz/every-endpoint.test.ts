// Every operation the OpenAPI document lists, called by each role with placeholder ids and junk
// bodies: never a 5xx, always problem+json on errors, and the anonymous caller is refused (401)
// everywhere except the few public operations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeTestApp, signedIn, type TestApp } from '../helpers/app';
import { concrete, openApiOperations } from '../helpers/openapi';

const PUBLIC = new Set([
  'POST /auth/register',
  'POST /auth/sign-in',
  'GET /regions',
  'GET /regions/{code}',
  'GET /regions/{code}/children',
  'GET /regions/{code}/ancestors',
  'GET /positions',
  'GET /positions/{id}',
  'GET /employers/{id}',
  'GET /search/positions',
  'GET /rounds/{id}/report',
]);

let t: TestApp;
let operations: { method: string; path: string }[];

beforeAll(async () => {
  t = await makeTestApp();
  operations = await openApiOperations(t);
});
afterAll(() => t.close());


describe('every endpoint', () => {
  it('the document lists the operations of every feature', () => {
    const paths = new Set(operations.map((o) => o.path));
    for (const p of ['/auth/sign-in', '/me', '/regions/{code}', '/talents', '/employers', '/positions', '/applications', '/admin/departments', '/search/talents']) {
      expect(paths.has(p)).toBe(true);
    }
  });

  it('anonymous callers get 401 except on public operations, and nothing answers 5xx', async () => {
    const anon = new Client(t);
    const wrong: string[] = [];
    for (const { method, path } of operations) {
      const res = await anon.request(method, `/api/v1${concrete(path)}`, method === 'GET' ? undefined : {});
      const key = `${method} ${path}`;
      if (res.status >= 500) wrong.push(`${key} → ${res.status}`);
      if (!PUBLIC.has(key) && res.status !== 401) wrong.push(`${key} → ${res.status}, expected 401`);
      if (res.status >= 400) expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(wrong).toEqual([]);
  });

  it('signed-in callers of every role get a 4xx problem, never a 5xx, for placeholder ids and junk bodies', async () => {
    const roles = await Promise.all([
      signedIn(t, 'graduate'),
      signedIn(t, 'employer'),
      signedIn(t, 'department', { regionCode: '1501' }),
      signedIn(t, 'admin'),
    ]);
    const wrong: string[] = [];
    for (const c of roles) {
      for (const { method, path } of operations) {
        if (path === '/auth/sign-out' || path === '/auth/password') continue; // would end this client's session
        for (const body of method === 'GET' ? [undefined] : [{}, '{"broken', { id: 1, name: ['x'], regionCode: { a: 1 } }]) {
          const res = await c.request(method, `/api/v1${concrete(path)}`, body);
          if (res.status >= 500) wrong.push(`${method} ${path} ${JSON.stringify(body)} → ${res.status} ${await res.text()}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('jobs (GET /jobs/{id})', () => {
  it('only the user who started a job reads it: every other role, the admin included, gets 404', async () => {
    const owner = await signedIn(t, 'department', { regionCode: '15' });
    const form = new FormData();
    form.set('kind', 'talents');
    form.set('file', new Blob(['姓名,身份证号\r\n']), 'r.csv');
    await t.app.request('/api/v1/imports', { method: 'POST', body: form, headers: { cookie: `session=${owner.token}` } });
    const job = await t.deps.database.db.selectFrom('jobs').select('id').where('owner_user_id', '=', owner.userId).executeTakeFirstOrThrow();
    expect((await owner.get(`/api/v1/jobs/${job.id}`)).status).toBe(200);
    const others = await Promise.all([
      signedIn(t, 'graduate'),
      signedIn(t, 'employer'),
      signedIn(t, 'department', { regionCode: '15' }),
      signedIn(t, 'admin'),
    ]);
    for (const c of others) expect((await c.get(`/api/v1/jobs/${job.id}`)).status).toBe(404);
    expect((await new Client(t).get(`/api/v1/jobs/${job.id}`)).status).toBe(401);
  });
});
