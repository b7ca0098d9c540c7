// Issue 9 B2: an import cut to D1's per-invocation limits (as src/worker.ts sets it): small chunks,
// a bounded number per commit call, the page shows the progress and resumes; an upload has its own
// bounds. Here on SQLite with the same settings (test/worker/import-d1.test.ts runs it on D1).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app';
import { webUser, type WebClient } from '../web/client';
import { TALENT_HEADER, count, talentRow, utf8Csv } from './helpers';
import { withBadCheckChar } from '../helpers/ids';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
  t.deps.importChunking = { rowsPerChunk: 10, chunksPerCall: 2, rowsPerFile: 100, errorRowsKept: 3 };
});
afterEach(() => t.close());

async function postFile(c: WebClient, path: string, fields: Record<string, string>, bytes: Uint8Array, name: string): Promise<Response> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
  const cookie = [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return t.app.request(path, { method: 'POST', body: form, headers: { cookie, 'sec-fetch-site': 'same-origin', origin: 'http://localhost' } });
}

async function waitFor(c: WebClient, path: string, text: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const html = await c.html(path);
    if (strip(html).includes(text)) return html;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${path} never showed ${text}`);
}

const strip = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('an import within D1 limits', () => {
  it('each commit writes at most its share; the page shows rows and percentage and continues to the end', async () => {
    const d = await webUser(t, 'department', { regionCode: '15' });
    const rows = Array.from({ length: 45 }, () => talentRow());
    const res = await postFile(d, '/department/imports', { kind: 'talents' }, utf8Csv(TALENT_HEADER, rows), '名册.csv');
    expect(res.status).toBe(303);
    const where = res.headers.get('location')!;
    expect(
      await t.deps.database.db
        .selectFrom('import_chunks')
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ).toEqual({ n: 5 });

    expect((await d.post(`${where}/commit`, { confirm: 'yes' })).status).toBe(303);
    const html = await waitFor(d, where, '已写入 20 / 45 行（44%）');
    expect(await count(t, 'talents')).toBe(20);
    expect(html).toContain('<progress max="45" value="20"');
    expect(html).toContain('继续导入');
    expect(html).not.toContain('style=');

    // The continue button posts the confirmation itself; each press writes the next share.
    expect((await d.post(`${where}/commit`, { confirm: 'yes' })).status).toBe(303);
    await waitFor(d, where, '已写入 40 / 45 行（88%）');
    expect(await count(t, 'talents')).toBe(40);
    expect((await d.post(`${where}/commit`, { confirm: 'yes' })).status).toBe(303);
    await waitFor(d, where, '导入完成：45 行已写入');
    expect(await count(t, 'talents')).toBe(45);
    expect((await d.post(`${where}/commit`, { confirm: 'yes' })).status).toBe(303);
    expect(await count(t, 'talents')).toBe(45);
  });

  it('a committing import shows the percentage and refreshes itself every 2 s', async () => {
    const d = await webUser(t, 'department', { regionCode: '15' });
    const res = await postFile(d, '/department/imports', { kind: 'talents' }, utf8Csv(TALENT_HEADER, [talentRow(), talentRow(), talentRow(), talentRow()]), 'a.csv');
    const where = res.headers.get('location')!;
    const id = where.split('/').pop()!;
    const { created_by } = await t.deps.database.db.selectFrom('imports').select('created_by').where('id', '=', id).executeTakeFirstOrThrow();
    await t.deps.database.db
      .insertInto('jobs')
      .values({
        id: 'live-job',
        kind: 'import_commit',
        owner_user_id: created_by,
        subject_id: id,
        status: 'running',
        progress_total: 4,
        runner: 'inline',
        result: null,
        error: null,
        created_at: t.clock.now,
        updated_at: t.clock.now,
        finished_at: null,
      })
      .execute();
    await t.deps.database.db
      .updateTable('imports')
      .set({ status: 'committing', rows_done: 3, lease_until: t.clock.now + 60_000, job_id: 'live-job' })
      .where('id', '=', id)
      .execute();
    const page = await d.get(where);
    expect(page.headers.get('refresh')).toBe('2');
    const text = strip(await page.text());
    expect(text).toContain('正在导入：已写入 3 / 4 行');
    expect(text).toContain('已完成 75%，本页每 2 秒自动刷新');
    const en = strip(await d.html(`${where}?lang=en`));
    expect(en).toContain('75% done; this page refreshes itself every 2 seconds');
  });

  it('an upload over the runtime row limit answers 422 naming it and stages nothing; problems beyond the kept number are counted', async () => {
    const d = await webUser(t, 'department', { regionCode: '15' });
    const form = new FormData();
    form.set('kind', 'talents');
    form.set(
      'file',
      new Blob([
        utf8Csv(
          TALENT_HEADER,
          Array.from({ length: 101 }, () => talentRow()),
        ) as Uint8Array<ArrayBuffer>,
      ]),
      'big.csv',
    );
    const cookie = [...d.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const big = await t.app.request('/api/v1/imports', { method: 'POST', body: form, headers: { cookie, 'sec-fetch-site': 'same-origin', origin: 'http://localhost' } });
    expect(big.status).toBe(422);
    expect(big.headers.get('content-type')).toContain('application/problem+json');
    expect(await big.text()).toContain('rowsPerFile');
    expect(await count(t, 'import_chunks')).toBe(0);

    const bad = Array.from({ length: 8 }, () => talentRow());
    for (const r of bad) r[1] = withBadCheckChar(r[1] as string);
    const res = await postFile(d, '/department/imports', { kind: 'talents' }, utf8Csv(TALENT_HEADER, bad), 'bad.csv');
    const where = res.headers.get('location')!;
    expect(await count(t, 'import_errors')).toBe(3);
    const id = where.split('/').pop()!;
    const api = await t.app.request(`/api/v1/imports/${id}`, { headers: { cookie } });
    expect(await api.json()).toMatchObject({ errors: { total: 3, notListed: 5 } });
  });
});
