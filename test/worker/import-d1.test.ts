// Issue 9 B2 on Workers: a 5,000-row talents CSV imported on a local D1 (wrangler dev). An import is
// cut to D1's per-invocation limits: 100-row chunks, two per commit call, so one call writes at most
// 200 rows (about 400 statements); the client commits until the import is committed.
import { randomBytes, scryptSync } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorker, type LocalWorker } from '../helpers/d1';
import { hashPassword } from '../../src/auth/password';
import { TALENT_HEADER, talentRow, utf8Csv } from '../imports/helpers';
import { idNumber } from '../helpers/ids';

let worker: LocalWorker;
let base: string;
let file: string;
const email = 'dept.d1@example.cn';
const password = 'department password';

beforeAll(async () => {
  // A department of Inner Mongolia (15), as an operator would add it with `wrangler d1 execute`.
  const hash = await hashPassword((pw, salt, { N, r, p, dkLen }) => Promise.resolve(new Uint8Array(scryptSync(pw, salt, dkLen, { N, r, p }))), password, 1024);
  worker = await startLocalWorker({
    prefix: 'shegong-d1-import-',
    vars: { DATA_KEY: randomBytes(32).toString('base64'), PASSWORD_SCRYPT_N: '1024', LOG_REQUESTS: 'false' },
    seed: (d1) => {
      d1.prepare('INSERT INTO users (id, email, role, display_name, region_code, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        'dept-d1',
        email,
        'department',
        '自治区民政厅',
        '15',
        hash,
        Date.now(),
      );
    },
  });
  base = worker.base;
  file = worker.file;
}, 180_000);

afterAll(() => {
  worker?.close();
});

interface Imp {
  id: string;
  status: string;
  rows: { good: number; bad: number; new: number };
  progress: { done: number; total: number; skipped: number };
}

describe('a talents import on D1', () => {
  it('uploads, previews and commits 5,000 rows over bounded commit calls, each row written once', async () => {
    const signIn = await fetch(`${base}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    expect(signIn.status).toBe(200);
    const { token } = (await signIn.json()) as { token: string };
    const auth = { authorization: `Bearer ${token}` };

    const ids = Array.from({ length: 5000 }, () => idNumber());
    const form = new FormData();
    form.set('kind', 'talents');
    form.set(
      'file',
      new Blob([
        utf8Csv(
          TALENT_HEADER,
          ids.map((id) => talentRow({ id })),
        ) as Uint8Array<ArrayBuffer>,
      ]),
      '名册.csv',
    );
    const up = await fetch(`${base}/api/v1/imports`, { method: 'POST', body: form, headers: auth });
    expect(up.status, await up.clone().text()).toBe(201);
    const preview = (await up.json()) as Imp;
    expect(preview).toMatchObject({ status: 'previewed', rows: { good: 5000, bad: 0, new: 5000 } });

    let imp = preview;
    let calls = 0;
    while (imp.status !== 'committed' && calls < 100) {
      const before = imp.progress.done;
      const res = await fetch(`${base}/api/v1/imports/${preview.id}/commit`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ confirm: true }),
      });
      expect(res.status, await res.clone().text()).toBe(200);
      imp = (await res.json()) as Imp;
      calls++;
      // One call writes at most two 100-row chunks: at most ~400 statements against D1's ~1,000.
      expect(imp.progress.done - before).toBeGreaterThan(0);
      expect(imp.progress.done - before).toBeLessThanOrEqual(200);
      if (imp.status !== 'committed') expect(imp.status).toBe('previewed');
    }
    expect(imp).toMatchObject({ status: 'committed', progress: { done: 5000, total: 5000, skipped: 0 } });
    expect(calls).toBe(25);

    const d1 = new BetterSqlite3(file, { readonly: true });
    const row = d1.prepare('SELECT count(*) AS n, count(DISTINCT id_number_hmac) AS distinct_ids FROM talents').get() as { n: number; distinct_ids: number };
    d1.close();
    expect(row).toEqual({ n: 5000, distinct_ids: 5000 });

    // Committing again changes nothing.
    const again = await fetch(`${base}/api/v1/imports/${preview.id}/commit`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ confirm: true }),
    });
    expect(((await again.json()) as Imp).progress.done).toBe(5000);
  }, 300_000);
});
