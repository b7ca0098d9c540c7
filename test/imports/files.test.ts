// Files that cannot be imported as they are: wrong or missing columns, empty files, bad encodings,
// files cut off part-way. Each answers 422 naming what is wrong, and nothing is staged or written.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectProblem, makeTestApp, signedIn, type TestApp } from '../helpers/app';
import { TALENT_HEADER, count, csvText, gbkCsv, talentRow, upload, uploadOk, utf8Csv, xlsxBytes } from './helpers';
import { ROWS_PER_CHUNK } from '../../src/imports/imports.service';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const dept = () => signedIn(t, 'department', { regionCode: '15' });

async function nothingStaged() {
  expect(await count(t, 'import_chunks')).toBe(0);
  expect(await count(t, 'import_errors')).toBe(0);
  expect(await count(t, 'talents')).toBe(0);
  const live = await t.deps.database.db.selectFrom('imports').select('status').where('status', 'in', ['staging', 'previewed', 'committing', 'committed']).execute();
  expect(live).toEqual([]);
}

describe('columns', () => {
  it('an employer roster uploaded as talents: 422 naming the missing and the unknown columns', async () => {
    const d = await dept();
    const bytes = await xlsxBytes(
      ['单位名称', '统一社会信用代码', '单位类型', '所在地区', '联系人', '联系电话'],
      [['某社工站', '52150102MJ0000001Q', '社工站', '150102', '王敏', '0471-6901234']],
    );
    const body = await expectProblem(await upload(t, d, 'talents', bytes, 'roster.xlsx'), 422);
    const paths = body.errors!.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['columns.姓名', 'columns.身份证号', 'columns.单位名称', 'columns.统一社会信用代码']));
    expect(paths).not.toContain('columns.所在地区');
    expect(body.detail).toMatch(/missing 姓名, 身份证号/);
    await nothingStaged();
  });

  it('one required column missing is named on its own', async () => {
    const d = await dept();
    const header = TALENT_HEADER.filter((h) => h !== '身份证号');
    const rows = [talentRow()].map((r) => r.filter((_, i) => TALENT_HEADER[i] !== '身份证号'));
    const body = await expectProblem(await upload(t, d, 'talents', utf8Csv(header, rows), 'roster.csv'), 422, 'columns.身份证号');
    expect(body.errors).toHaveLength(1);
    await nothingStaged();
  });

  it('a column twice and a column of no template are refused; 序号 and 备注 are read past', async () => {
    const d = await dept();
    const twice = await expectProblem(await upload(t, d, 'talents', utf8Csv([...TALENT_HEADER, '姓名'], [[...talentRow(), '王芳']]), 'r.csv'), 422, 'columns.姓名');
    expect(twice.errors![0].message).toMatch(/twice/);
    await expectProblem(await upload(t, d, 'talents', utf8Csv([...TALENT_HEADER, '年龄'], [[...talentRow(), 30]]), 'r.csv'), 422, 'columns.年龄');
    const p = await uploadOk(t, d, 'talents', utf8Csv(['序号', ...TALENT_HEADER, '备注'], [[1, ...talentRow(), '无']]), 'r.csv');
    expect(p.rows).toMatchObject({ total: 1, good: 1, bad: 0 });
  });

  it('a title row above the header is read past; row numbers stay the sheet’s', async () => {
    const d = await dept();
    const rows = [talentRow(), talentRow({ region: '火星' })];
    const p = await uploadOk(t, d, 'talents', await xlsxBytes(['2026年新城区社会工作人才名册'], [[], TALENT_HEADER, ...rows]), 'titled.xlsx');
    expect(p.rows).toMatchObject({ total: 2, good: 1, bad: 1 });
    expect(p.errors.items.map((e) => [e.row, e.column])).toEqual([[5, '所在地区']]);
  });

  it('English headers, required marks and notes in brackets are accepted', async () => {
    const d = await dept();
    const header = ['Name', 'ID number*', 'region (code or full name)'];
    const p = await uploadOk(t, d, 'talents', utf8Csv(header, [['王芳', talentRow()[1], '内蒙古自治区呼和浩特市新城区']]), 'en.csv');
    expect(p.rows).toMatchObject({ total: 1, good: 1 });
  });
});

describe('empty files', () => {
  it('0 bytes, blank rows only, or a header without rows: 422 on the file', async () => {
    const d = await dept();
    const zero = await expectProblem(await upload(t, d, 'talents', new Uint8Array(), 'empty.csv'), 422, 'file');
    expect(zero.detail).toMatch(/empty/);
    await expectProblem(await upload(t, d, 'talents', new TextEncoder().encode('\uFEFF\r\n,,\r\n\r\n'), 'blank.csv'), 422, 'file');
    const headerOnly = await expectProblem(await upload(t, d, 'talents', await xlsxBytes(TALENT_HEADER, []), 'h.xlsx'), 422, 'file');
    expect(headerOnly.detail).toMatch(/no data rows/);
    await expectProblem(await upload(t, d, 'talents', await xlsxBytes([], []), 'blank.xlsx'), 422, 'file');
    await nothingStaged();
  });
});

describe('encodings', () => {
  const rows = () => [talentRow({ name: '乌云其木格', region: '内蒙古自治区呼和浩特市新城区' }), talentRow({ name: '张伟', areas: '儿童、残障' })];

  it('a GBK csv (what Chinese Excel saves) is read as GB18030: names, regions and labels intact', async () => {
    const d = await dept();
    const p = await uploadOk(t, d, 'talents', gbkCsv(TALENT_HEADER, rows()), '名册.csv');
    expect(p).toMatchObject({ encoding: 'gb18030', rows: { total: 2, good: 2, bad: 0 } });
    expect((await d.post(`/api/v1/imports/${p.id}/commit`, { confirm: true })).status).toBe(200);
    const names = await t.deps.database.db.selectFrom('talents').select(['name', 'region_code', 'service_areas']).orderBy('name').execute();
    expect(names).toEqual([
      { name: '乌云其木格', region_code: '150102', service_areas: '["elderly","community"]' },
      { name: '张伟', region_code: '150102', service_areas: '["children","disability"]' },
    ]);
  });

  it('UTF-8 without a BOM, and a GBK file named explicitly, are read too', async () => {
    const d = await dept();
    expect((await uploadOk(t, d, 'talents', utf8Csv(TALENT_HEADER, rows(), false), 'a.csv')).encoding).toBe('utf-8');
    expect((await uploadOk(t, d, 'talents', gbkCsv(TALENT_HEADER, rows()), 'b.csv', { encoding: 'gb18030' })).rows.good).toBe(2);
  });

  it('a GBK file declared UTF-8 is refused with the line that is not UTF-8', async () => {
    const d = await dept();
    const body = await expectProblem(await upload(t, d, 'talents', gbkCsv(TALENT_HEADER, rows()), 'b.csv', { encoding: 'utf-8' }), 422, 'file');
    expect(body.detail).toMatch(/line 1 is not valid UTF-8/);
    await nothingStaged();
  });

  it('bytes that are neither UTF-8 nor GBK are reported with their line; NUL bytes mean not a text file', async () => {
    const d = await dept();
    const good = new TextEncoder().encode(csvText(TALENT_HEADER, rows()));
    const broken = new Uint8Array([...good, ...new TextEncoder().encode('王'), 0xff, 0x81, 0x20, 0x0d, 0x0a]);
    const body = await expectProblem(await upload(t, d, 'talents', broken, 'x.csv'), 422, 'file');
    expect(body.detail).toMatch(/line 4 is neither UTF-8 nor GBK/);
    const binary = await expectProblem(await upload(t, d, 'talents', new Uint8Array([0x41, 0x00, 0x42, 0x0a]), 'x.csv'), 422, 'file');
    expect(binary.detail).toMatch(/not a text/);
    const junk = await expectProblem(await upload(t, d, 'talents', new Uint8Array([0x41, 0x2c, 0x42]), 'x.csv', { encoding: 'latin1' }), 422, 'encoding');
    expect(junk.code).toBe('validation_failed');
    await nothingStaged();
  });

  it('an old .xls workbook and a file named .xlsx that is not one are refused with the reason', async () => {
    const d = await dept();
    const xls = await expectProblem(await upload(t, d, 'talents', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'old.xls'), 422, 'file');
    expect(xls.detail).toMatch(/97-2003/);
    const fake = await expectProblem(await upload(t, d, 'talents', utf8Csv(TALENT_HEADER, rows()), 'fake.xlsx'), 422, 'file');
    expect(fake.detail).toMatch(/not an xlsx/);
  });
});

describe('files cut off part-way', () => {
  it('an xlsx that cannot be read to its end stages nothing', async () => {
    const d = await dept();
    const rows = Array.from({ length: ROWS_PER_CHUNK * 3 }, () => talentRow());
    const full = await xlsxBytes(TALENT_HEADER, rows);
    for (const fraction of [0.5, 0.9, 0.99]) {
      const cut = full.subarray(0, Math.floor(full.length * fraction));
      const body = await expectProblem(await upload(t, d, 'talents', cut, 'cut.xlsx'), 422, 'file');
      expect(body.detail).toMatch(/cut off or damaged/);
    }
    await nothingStaged();
  });

  it('a csv cut inside a quoted field fails after its first chunks were staged, and they are dropped', async () => {
    const d = await dept();
    const rows = Array.from({ length: ROWS_PER_CHUNK * 2 + 50 }, (_, i) => talentRow({ name: `王芳${i}` }));
    rows[rows.length - 1][8] = '内蒙古大学\n（呼和浩特校区）';
    const text = csvText(TALENT_HEADER, rows);
    const cut = new TextEncoder().encode(text.slice(0, text.lastIndexOf('（')));
    const body = await expectProblem(await upload(t, d, 'talents', cut, 'cut.csv'), 422, 'file');
    expect(body.detail).toMatch(/quoted field is never closed/);
    const imports = await t.deps.database.db.selectFrom('imports').select(['status', 'failure', 'good_rows']).execute();
    // The first chunks were written while reading; the failure removed them.
    expect(imports).toEqual([{ status: 'failed', failure: expect.stringMatching(/never closed/), good_rows: 0 }]);
    await nothingStaged();
    // A failed import cannot be committed.
    const [{ id }] = await t.deps.database.db.selectFrom('imports').select('id').execute();
    await expectProblem(await d.post(`/api/v1/imports/${id}/commit`, { confirm: true }), 409);
  });
});

describe('where there is no xlsx codec (Workers)', () => {
  it('an xlsx upload is 415 and its template 406; CSV works', async () => {
    const d = await dept();
    const xlsx = await xlsxBytes(TALENT_HEADER, [talentRow()]);
    t.deps.xlsx = undefined;
    const refused = await expectProblem(await upload(t, d, 'talents', xlsx, 'a.xlsx'), 415, 'file');
    expect(refused.detail).toMatch(/upload a CSV/);
    await expectProblem(await d.get('/api/v1/imports/templates/talents?format=xlsx'), 406);
    expect((await d.get('/api/v1/imports/templates/talents?format=csv')).status).toBe(200);
    expect((await uploadOk(t, d, 'talents', utf8Csv(TALENT_HEADER, [talentRow()]), 'a.csv')).rows.good).toBe(1);
  });
});

describe('the request', () => {
  it('a JSON body is 415; a missing file or kind is 422 naming the field', async () => {
    const d = await dept();
    await expectProblem(await d.post('/api/v1/imports', { kind: 'talents' }), 415);
    const form = new FormData();
    form.set('kind', 'people');
    const res = await t.app.request('/api/v1/imports', { method: 'POST', body: form, headers: { cookie: `session=${d.token}` } });
    const body = await expectProblem(res, 422, 'file');
    expect(body.errors!.map((e) => e.path)).toContain('kind');
  });
});
