// Every operation the OpenAPI document lists, called by each role with placeholder ids and junk
// bodies: never a 5xx, always problem+json on errors, and the anonymous caller is refused (401)
// everywhere except the few public operations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeTestApp, signedIn, type TestApp } from '../helpers/app';
import { runMatrix, snapshotTables } from '../helpers/matrix';
import { concrete, openApiOperations } from '../helpers/openapi';
import { checkMatrix, expect_, makeWorld } from '../helpers/world';
import { interviewBody, makePosition, moveBody } from '../helpers/builders';

const PUBLIC = new Set([
  'POST /auth/register',
  'POST /auth/register/confirm',
  'POST /auth/sign-in',
  'POST /auth/password-reset/request',
  'POST /auth/password-reset',
  'POST /me/email/confirm',
  'GET /regions',
  'GET /regions/{code}',
  'GET /regions/{code}/children',
  'GET /regions/{code}/ancestors',
  'GET /regions/resolve',
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
    const roles = await Promise.all([signedIn(t, 'graduate'), signedIn(t, 'employer'), signedIn(t, 'department', { regionCode: '1501' }), signedIn(t, 'admin')]);
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
    const [graduate, employer, department, admin] = await Promise.all([
      signedIn(t, 'graduate'),
      signedIn(t, 'employer'),
      signedIn(t, 'department', { regionCode: '15' }),
      signedIn(t, 'admin'),
    ]);
    await runMatrix({
      clients: { owner, graduate, employer, department, admin, anonymous: new Client(t) },
      expected: { owner: 200, graduate: 404, employer: 404, department: 404, admin: 404, anonymous: 401 },
      call: (c) => c.get(`/api/v1/jobs/${job.id}`),
    });
  });
});

describe('search tuning (admin only)', () => {
  it('with valid input: graduates, employers and departments get 403, anonymous callers 401, the admin succeeds', async () => {
    const [grad, employer, dept, admin] = await Promise.all([
      signedIn(t, 'graduate'),
      signedIn(t, 'employer'),
      signedIn(t, 'department', { regionCode: '15' }),
      signedIn(t, 'admin'),
    ]);
    const group = (await (await admin.post('/api/v1/admin/search/synonyms', { words: ['矩阵甲', '矩阵乙'] })).json()) as { id: string };
    const word = (await (await admin.post('/api/v1/admin/search/dictionary', { word: '矩阵丙' })).json()) as { id: string };
    const calls: [string, string, unknown, number][] = [
      ['GET', '/admin/search/tuning', undefined, 200],
      ['GET', '/admin/search/zero-results', undefined, 200],
      ['POST', '/admin/search/synonyms', { words: ['矩阵丁', '矩阵戊'] }, 201],
      ['POST', '/admin/search/dictionary', { word: '矩阵己' }, 201],
      ['DELETE', `/admin/search/synonyms/${group.id}`, undefined, 204],
      ['DELETE', `/admin/search/dictionary/${word.id}`, undefined, 204],
    ];
    for (const [method, path, body, ok] of calls) {
      await runMatrix({
        clients: { graduate: grad, employer, department: dept, anonymous: new Client(t), admin },
        expected: { graduate: 403, employer: 403, department: 403, anonymous: 401, admin: ok },
        call: (c) => c.request(method, `/api/v1${path}`, body),
      });
    }
  });
});

describe('the admin console (admin only)', () => {
  it('with valid input: graduates, employers and departments get 403, anonymous callers 401, the admin succeeds', async () => {
    const [grad, employer, dept, admin, target] = await Promise.all([
      signedIn(t, 'graduate'),
      signedIn(t, 'employer'),
      signedIn(t, 'department', { regionCode: '15' }),
      signedIn(t, 'admin'),
      signedIn(t, 'graduate'),
    ]);
    const calls: [string, string, unknown, number][] = [
      ['GET', '/admin/overview', undefined, 200],
      ['GET', '/admin/departments', undefined, 200],
      ['GET', `/admin/users?email=${encodeURIComponent(target.email)}`, undefined, 200],
      ['GET', '/admin/audit?action=account_disable', undefined, 200],
      ['GET', '/admin/imports', undefined, 200],
      ['POST', `/admin/users/${target.userId}/unlock`, undefined, 204],
      ['POST', `/admin/users/${target.userId}/disable`, undefined, 204],
      ['POST', `/admin/users/${target.userId}/enable`, undefined, 204],
      ['POST', `/admin/users/${target.userId}/password-reset`, undefined, 503], // no mail in production without SMTP
    ];
    for (const [method, path, body, ok] of calls) {
      await runMatrix({
        clients: { graduate: grad, employer, department: dept, anonymous: new Client(t), admin },
        expected: { graduate: 403, employer: 403, department: 403, anonymous: 401, admin: ok },
        call: (c) => c.request(method, `/api/v1${path}`, body),
        snapshot: () => snapshotTables(t, ['users', 'sessions', 'rate_limits', 'audit_log', 'password_resets', 'mail_outbox']),
      });
    }
  });
});

describe('contact endpoints (issue #11 §5): each role, another employer, another user', () => {
  it('POST /invitations: only the verified employer that owns the post; GET /invitations: graduates and employers, each their own', async () => {
    const w = await makeWorld(t);
    const tables = ['invitations', 'notifications'] as const;
    let n = 0;
    // A fresh post per call, so the owner's success is not a duplicate of the last one.
    await checkMatrix(
      w,
      expect_(403, { anonymous: 401, owner: 201, otherEmployer: 404 }),
      async () => makePosition(w.owner.client, { title: `岗位${++n}` }),
      (c, positionId) => c.post('/api/v1/invitations', { talentId: w.graduate.talentId, positionId }),
      { tables },
    );
    await checkMatrix(
      w,
      expect_(403, { anonymous: 401, graduate: 200, otherGraduate: 200, owner: 200, otherEmployer: 200, unverifiedEmployer: 200 }),
      async () => null,
      (c) => c.get('/api/v1/invitations'),
      { tables },
    );
    // Each sees only their own: the other graduate and the other employer see none of the owner's.
    const other = (await (await w.clients.otherEmployer.get('/api/v1/invitations')).json()) as { items: unknown[] };
    const otherGrad = (await (await w.clients.otherGraduate.get('/api/v1/invitations')).json()) as { items: unknown[] };
    const mine = (await (await w.clients.graduate.get('/api/v1/invitations')).json()) as { items: unknown[] };
    expect([other.items.length, otherGrad.items.length, mine.items.length]).toEqual([0, 0, 1]);
  });

  it('PUT /applications/{id}/interview: only the employer of the post, while at interview', async () => {
    const w = await makeWorld(t);
    const atInterview = async () => {
      const positionId = await makePosition(w.owner.client);
      const applied = await w.graduate.post('/api/v1/applications', { positionId });
      const { id } = (await applied.json()) as { id: string };
      for (const s of ['reviewing', 'interview']) await w.owner.client.post(`/api/v1/applications/${id}/status`, moveBody(s, t.clock.now));
      return id;
    };
    await checkMatrix(
      w,
      expect_(403, { anonymous: 401, owner: 200, otherEmployer: 404, unverifiedEmployer: 404 }),
      atInterview,
      (c, id) => c.put(`/api/v1/applications/${id}/interview`, { interview: interviewBody(t.clock.now, { time: '16:00' }) }),
      { tables: ['applications', 'application_events', 'notifications'] },
    );
  });
});
