// The import pages without script: upload (multipart), preview with the errors table, a confirmed
// commit that runs on while its page refreshes itself, past imports; Chinese first, English too.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app';
import { webUser, type WebClient } from '../web/client';
import type { Cell } from '../../src/lib/spreadsheet';
import { TALENT_HEADER, count, talentRow, xlsxBytes, gbkCsv } from './helpers';
import { withBadCheckChar } from '../helpers/ids';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

/** A browser's multipart form post (same-origin), keeping the client's cookies. */
async function postFile(c: WebClient, path: string, fields: Record<string, string>, file: { bytes: Uint8Array; name: string } | null): Promise<Response> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set('file', new Blob([file.bytes as Uint8Array<ArrayBuffer>]), file.name);
  const cookie = [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return t.app.request(path, { method: 'POST', body: form, headers: { cookie, 'sec-fetch-site': 'same-origin', origin: 'http://localhost' } });
}

async function waitFor(c: WebClient, path: string, text: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const html = await c.html(path);
    if (html.includes(text)) return html;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${path} never showed ${text}`);
}

const strip = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the import pages', () => {
  it('upload → preview with every bad row → confirmed commit with progress → imported', async () => {
    const d = await webUser(t, 'department', { regionCode: '15' });
    const index = await d.html('/department/imports');
    expect(index).toContain('enctype="multipart/form-data"');
    expect(index).toContain('href="/api/v1/imports/templates/talents?format=xlsx"');
    expect(index).toContain('href="/api/v1/imports/templates/placements?format=csv"');
    expect(index).toContain('还没有导入记录');

    const rows: Cell[][] = Array.from({ length: 12 }, (_, i) => talentRow({ name: `图雅${i}` }));
    rows[2][1] = withBadCheckChar(rows[2][1] as string);
    rows[7][6] = '火星省';
    const res = await postFile(d, '/department/imports', { kind: 'talents', encoding: 'auto' }, { bytes: await xlsxBytes(TALENT_HEADER, rows), name: '旗县名册.xlsx' });
    expect(res.status).toBe(303);
    const where = res.headers.get('location')!;
    expect(where).toMatch(/^\/department\/imports\/[a-z0-9]+$/);

    const preview = strip(await d.html(where));
    expect(preview).toContain('旗县名册.xlsx');
    expect(preview).toMatch(/有效行 10 .*有问题的行 2/);
    expect(preview).toContain('4 身份证号 校验码不正确');
    expect(preview).toContain('9 所在地区 找不到代码或全称为“火星省”的行政区划');
    expect(preview).toContain('确认导入 10 行有效记录');
    expect(await count(t, 'talents')).toBe(0);

    // Without the confirmation nothing happens.
    const unconfirmed = await d.post(`${where}/commit`, {});
    expect(unconfirmed.status).toBe(422);
    expect(await unconfirmed.text()).toContain('请勾选确认后再导入');
    expect(await count(t, 'talents')).toBe(0);

    const committed = await d.post(`${where}/commit`, { confirm: 'yes' });
    expect(committed.status).toBe(303);
    expect(committed.headers.get('location')).toBe(where);
    const done = strip(await waitFor(d, where, '导入完成'));
    expect(done).toContain('导入完成：10 行已写入');
    expect(await count(t, 'talents')).toBe(10);
    // Committing again (a second click, a reloaded form) changes nothing.
    expect((await d.post(`${where}/commit`, { confirm: 'yes' })).status).toBe(303);
    expect(await count(t, 'talents')).toBe(10);

    const history = strip(await d.html('/department/imports'));
    expect(history).toContain('旗县名册.xlsx');
    expect(history).toMatch(/已导入 10 \/ 2 10 \/ 10/);
  });

  it('a running import shows its progress, refreshes itself and has a refresh link', async () => {
    const d = await webUser(t, 'department', { regionCode: '15' });
    const res = await postFile(d, '/department/imports', { kind: 'talents' }, { bytes: gbkCsv(TALENT_HEADER, [talentRow(), talentRow(), talentRow()]), name: 'gbk.csv' });
    const where = res.headers.get('location')!;
    const id = where.split('/').pop()!;
    const job = 'live-commit-job';
    const { created_by } = await t.deps.database.db.selectFrom('imports').select('created_by').where('id', '=', id).executeTakeFirstOrThrow();
    await t.deps.database.db
      .insertInto('jobs')
      .values({
        id: job,
        kind: 'import_commit',
        owner_user_id: created_by,
        subject_id: id,
        status: 'running',
        progress_total: 3,
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
      .set({ status: 'committing', rows_done: 2, lease_until: t.clock.now + 60_000, job_id: job })
      .where('id', '=', id)
      .execute();
    const page = await d.get(where);
    expect(page.headers.get('refresh')).toBe('2');
    const html = await page.text();
    expect(html).toContain('<progress max="3" value="2"');
    expect(strip(html)).toContain('正在导入：已写入 2 / 3 行');
    expect(html).toContain(`<a href="${where}">刷新查看进度</a>`);
    expect(strip(html)).toContain('按 GB18030 编码读取');
  });

  it('a file that does not fit is refused on the form page with the reasons, in Chinese or English', async () => {
    const d = await webUser(t, 'department', { regionCode: '15' });
    const header = TALENT_HEADER.filter((h) => h !== '身份证号');
    const wrong = await postFile(d, '/department/imports', { kind: 'talents' }, { bytes: await xlsxBytes([...header, '年龄'], [[...talentRow().slice(2), 30]]), name: 'x.xlsx' });
    expect(wrong.status).toBe(422);
    const html = strip(await wrong.text());
    expect(html).toContain('缺少必填列“身份证号”');
    expect(html).toContain('“年龄”不是本模板的列');
    const cut = await postFile(d, '/department/imports', { kind: 'employers' }, { bytes: (await xlsxBytes(TALENT_HEADER, [talentRow()])).subarray(0, 300), name: 'cut.xlsx' });
    expect(cut.status).toBe(422);
    const cutHtml = await cut.text();
    expect(strip(cutHtml)).toContain('xlsx 文件不完整或已损坏');
    expect(cutHtml).toMatch(/<option value="employers" selected/);
    // Said by code, in the page's language (no pattern matching of the English sentence).
    const gbk = () => ({ bytes: gbkCsv(TALENT_HEADER, [talentRow()]), name: 'g.csv' });
    const declared = await postFile(d, '/department/imports', { kind: 'talents', encoding: 'utf-8' }, gbk());
    expect(declared.status).toBe(422);
    expect(strip(await declared.text())).toContain('第 1 行不是有效的 UTF-8 文本');
    const declaredEn = await postFile(d, '/department/imports?lang=en', { kind: 'talents', encoding: 'utf-8' }, gbk());
    expect(strip(await declaredEn.text())).toContain('Line 1 is not valid UTF-8 text');
    const none = await postFile(d, '/department/imports?lang=en', { kind: 'talents' }, null);
    expect(none.status).toBe(422);
    expect(strip(await none.text())).toContain('Choose a file to upload');
    expect(await count(t, 'imports' as 'talents')).toBe(0);
  });

  it('English, discard, and the scope: another department gets 404, a graduate 403, anonymous callers sign in', async () => {
    const d = await webUser(t, 'department', { regionCode: '1501' });
    const res = await postFile(d, '/department/imports', { kind: 'talents' }, { bytes: await xlsxBytes(TALENT_HEADER, [talentRow({ region: '150202' })]), name: 'a.xlsx' });
    const where = res.headers.get('location')!;
    const en = strip(await d.html(`${where}?lang=en`));
    expect(en).toContain('2 所在地区 is outside your region');
    expect(en).toContain('There are no good rows to import');

    const other = await webUser(t, 'department', { regionCode: '1502' });
    await other.html(where, 404);
    expect((await other.post(`${where}/commit`, { confirm: 'yes' })).status).toBe(404);
    const grad = await webUser(t, 'graduate');
    await grad.html('/department/imports', 403);
    const anon = await t.app.request('/department/imports');
    expect(anon.status).toBe(303);
    expect(anon.headers.get('location')).toMatch(/^\/sign-in\?next=/);

    expect((await d.post(`${where}/discard`)).status).toBe(303);
    expect(strip(await d.html(`${where}?lang=zh`))).toContain('本次导入已放弃');
  });
});
