// The same app on the Workers runtime: wrangler dev with a local D1, migrations applied by
// wrangler, then the registry used over real HTTP.
import { randomBytes } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorker, type LocalWorker } from '../helpers/d1';
import { idNumber } from '../helpers/ids';

let worker: LocalWorker;
let base: string;

const DAY = 24 * 3600_000;

beforeAll(async () => {
  // Processed search outbox rows for the cron test below (one worker for the file: each start of
  // wrangler dev takes tens of seconds).
  const now = Date.now();
  worker = await startLocalWorker({
    testScheduled: true,
    vars: { DATA_KEY: randomBytes(32).toString('base64'), PASSWORD_SCRYPT_N: '1024', LOG_REQUESTS: 'false' },
    seed: (d1) => {
      const add = d1.prepare("INSERT INTO search_outbox (entity, entity_id, created_at, processed_at) VALUES ('talent', ?, ?, ?)");
      for (let i = 0; i < 30; i++) add.run(`cron-old-${i}`, now - 9 * DAY, now - 8 * DAY);
      add.run('cron-recent', now - DAY, now - DAY);
      add.run('cron-pending', now - 9 * DAY, null);
    },
  });
  base = worker.base;
}, 180_000);

afterAll(() => {
  worker?.close();
});

const json = (token: string | null, body?: unknown): RequestInit => ({
  method: body === undefined ? 'GET' : 'POST',
  headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: body === undefined ? undefined : JSON.stringify(body),
});

describe('on Workers with D1', () => {
  it('registers, signs in, saves a profile with an encrypted ID number and lists positions', async () => {
    const email = `worker.${Date.now()}@example.cn`;
    const reg = await fetch(`${base}/api/v1/auth/register`, json(null, { email, password: 'worker password', displayName: '王芳', role: 'graduate' }));
    expect(reg.status).toBe(201);
    const signIn = await fetch(`${base}/api/v1/auth/sign-in`, json(null, { email, password: 'worker password' }));
    expect(signIn.status).toBe(200);
    expect(signIn.headers.get('set-cookie')).toMatch(/^session=.+HttpOnly/i);
    const { token } = (await signIn.json()) as { token: string };

    const id = idNumber('150102', '19980305', '123');
    const put = await fetch(`${base}/api/v1/talents/me`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        name: '王芳',
        gender: 'female',
        idNumber: id,
        regionCode: '150102',
        phone: '13800001234',
        serviceAreas: ['elderly'],
        languages: ['mandarin', 'mongolian'],
      }),
    });
    expect(put.status).toBe(201);
    const profile = await put.text();
    expect(profile).toContain('1501**********');
    expect(profile).not.toContain(id);

    const bad = await fetch(`${base}/api/v1/talents/me`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: '王芳', regionCode: '159999' }),
    });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');

    const list = await fetch(`${base}/api/v1/positions?regionCode=15`);
    expect(list.status).toBe(200);
    expect(await list.json()).toMatchObject({ items: [], total: 0, page: 1 });

    const region = await fetch(`${base}/api/v1/regions/150102001/ancestors`);
    expect(((await region.json()) as { items: { code: string }[] }).items.map((r) => r.code)).toEqual(['15', '1501', '150102']);
  });

  it('searches from D1 when no Meilisearch is configured (one statement, no compound SELECT)', async () => {
    for (const q of ['养老 呼和浩特', '醫務社工', 'yanglao', '']) {
      const res = await fetch(`${base}/api/v1/search/positions?q=${encodeURIComponent(q)}&serviceArea=elderly,children&language=mongolian&distinct=employer`);
      expect(res.status, `${q}: ${res.status}`).toBe(200);
      const body = (await res.json()) as { degraded: boolean; total: number; facets: Record<string, unknown> };
      expect(body.degraded).toBe(true);
      expect(body.total).toBe(0);
      expect(Object.keys(body.facets)).toEqual(expect.arrayContaining(['kind', 'serviceAreas', 'regionCity', 'employmentType']));
    }
  });

  it('serves the pages, the OpenAPI document and static assets', async () => {
    const home = await fetch(`${base}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<html lang="zh-CN"');
    const doc = (await (await fetch(`${base}/api/v1/openapi.json`)).json()) as { openapi: string };
    expect(doc.openapi).toBe('3.1.0');
    const css = await fetch(`${base}/static/style.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
  });
  // Issue 9, C5 (Workers operations).
  it('the cron trigger prunes processed outbox rows older than a week, and only those', async () => {
    const res = await fetch(`${base}/__scheduled?cron=*+*+*+*+*`);
    expect(res.status).toBe(200);
    let left: string[] = [];
    for (let i = 0; i < 50; i++) {
      const d1 = new BetterSqlite3(worker.file, { readonly: true });
      left = d1.prepare("SELECT entity_id FROM search_outbox WHERE entity_id LIKE 'cron-%' ORDER BY entity_id").pluck().all() as string[];
      d1.close();
      if (left.length === 2) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(left).toEqual(['cron-pending', 'cron-recent']);
  });
});
