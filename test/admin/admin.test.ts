import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Client, expectProblem, makeTestApp, signedIn, uniqueEmail, type TestApp } from '../helpers/app';
import { buildNodeDeps } from '../../src/server';
import { parseEnv } from '../../src/env';
import { createApp } from '../../src/app';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const body = (regionCode = '1501') => ({ email: uniqueEmail('dept'), password: 'department pw 1', displayName: '呼和浩特市社会工作部', regionCode });

describe('department accounts', () => {
  it('an admin creates a department account that can sign in with its region scope', async () => {
    const admin = await signedIn(t, 'admin');
    const b = body();
    const res = await admin.post('/api/v1/admin/departments', b);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ email: b.email, role: 'department', regionCode: '1501' });
    const signIn = await new Client(t).post('/api/v1/auth/sign-in', { email: b.email, password: b.password });
    expect(signIn.status).toBe(200);
    const list = (await (await admin.get('/api/v1/admin/departments')).json()) as { items: { email: string }[] };
    expect(list.items.map((i) => i.email)).toContain(b.email);
  });

  it('only admins may create or list departments', async () => {
    for (const role of ['graduate', 'employer', 'department'] as const) {
      const c = await signedIn(t, role);
      await expectProblem(await c.post('/api/v1/admin/departments', body()), 403);
      await expectProblem(await c.get('/api/v1/admin/departments'), 403);
    }
    await expectProblem(await new Client(t).post('/api/v1/admin/departments', body()), 401);
    await expectProblem(await new Client(t).get('/api/v1/admin/departments'), 401);
    const n = await t.deps.database.db.selectFrom('users').select('id').where('role', '=', 'department').execute();
    expect(n).toHaveLength(1); // the department that tried
  });

  it('validates the region against the region table and names the field', async () => {
    const admin = await signedIn(t, 'admin');
    await expectProblem(await admin.post('/api/v1/admin/departments', body('1599')), 422, 'regionCode');
    await expectProblem(await admin.post('/api/v1/admin/departments', body('15x')), 422, 'regionCode');
    await expectProblem(await admin.post('/api/v1/admin/departments', { ...body(), email: 'nope' }), 422, 'email');
    await expectProblem(await admin.post('/api/v1/admin/departments', '{'), 400);
    const n = await t.deps.database.db.selectFrom('users').select('id').where('role', '=', 'department').execute();
    expect(n).toHaveLength(0);
  });
});

describe('the CLI', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'shegong-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = (args: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      env: { ...process.env, DATABASE_PATH: join(dir, 'db.sqlite'), DATA_DIR: dir, PASSWORD_SCRYPT_N: '1024' },
    });

  it('creates the first admin and a department, which then sign in', async () => {
    const out = await run(['create-admin', '--email', 'root@example.cn', '--password', 'admin password', '--name', '管理员']);
    expect(out.stdout).toContain('created admin root@example.cn');
    const dept = await run(['create-department', '--email', 'nmg@example.cn', '--password', 'dept password', '--name', '内蒙古自治区社会工作部', '--region', '15']);
    expect(dept.stdout).toContain('for region 15');
    expect(statSync(join(dir, 'data-key')).mode & 0o777).toBe(0o600);
    const { deps, close } = await buildNodeDeps(parseEnv({ DATABASE_PATH: join(dir, 'db.sqlite'), DATA_DIR: dir, LOG_REQUESTS: 'false' }), { search: 'none' });
    try {
      const app = createApp(deps);
      for (const [email, password, role] of [
        ['root@example.cn', 'admin password', 'admin'],
        ['nmg@example.cn', 'dept password', 'department'],
      ]) {
        const res = await app.request('/api/v1/auth/sign-in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
        expect(res.status).toBe(200);
        expect(((await res.json()) as { user: { role: string } }).user.role).toBe(role);
      }
    } finally {
      await close();
    }
  }, 120_000);

  it('refuses bad input with a message and a non-zero exit', async () => {
    await expect(run(['create-department', '--email', 'x@example.cn', '--password', 'dept password', '--name', 'x', '--region', '9999'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('unknown region code 9999'),
    });
    await expect(run(['create-admin', '--email', 'bad', '--password', 'admin password', '--name', 'x'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--email'),
    });
  }, 120_000); // each run starts node with tsx in a child process: seconds when quiet, tens of seconds under load
});

describe('unknown paths on the real Node server', () => {
  it('get problem+json under /api and the HTML 404 page elsewhere', async () => {
    const { withStaticFiles } = await import('../../src/server');
    const app = withStaticFiles(t.app);
    const api = await app.request('/api/v1/nope');
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    const page = await app.request('/no-such-page');
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toContain('text/html');
    const css = await app.request('/static/style.css');
    expect(css.status).toBe(200);
  });
});
