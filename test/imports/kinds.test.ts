// Employer and placement rosters, and the templates: the example row of each is never imported.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectProblem, makeTestApp, signedIn, type TestApp } from '../helpers/app';
import type { Cell } from '../../src/lib/spreadsheet';
import { TALENT_HEADER, commit, count, talentRow, upload, uploadOk, utf8Csv, xlsxBytes, json } from './helpers';
import { creditCode } from '../helpers/ids';
import { webUser } from '../web/client';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const EMPLOYER_HEADER = ['单位名称', '统一社会信用代码', '单位类型', '所在地区', '地址', '联系人', '联系电话', '实习基地'];
const employerRow = (o: { name?: string; code?: string; type?: string; region?: Cell; base?: string } = {}): Cell[] => [
  o.name ?? '新城区社工站',
  o.code ?? creditCode(),
  o.type ?? '乡镇(街道)社工站',
  o.region ?? '150102',
  '呼和浩特市新城区',
  '王敏',
  '0471-6901234',
  o.base ?? '否',
];
const PLACEMENT_HEADER = ['身份证号', '姓名', '统一社会信用代码', '类型', '开始日期', '结束日期', '结束原因'];

describe('employers', () => {
  it('imports verified employers matched by credit code; refuses bad codes, repeats and codes outside the region', async () => {
    const d = await signedIn(t, 'department', { regionCode: '1501' });
    const code = creditCode();
    const broken = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    const rows = [
      employerRow({ code, type: 'school', name: '新城区第一小学' }),
      employerRow({ code: broken }),
      employerRow({ code, name: '重复' }),
      employerRow({ region: '150202' }),
      employerRow({ type: '工厂' }),
      employerRow({ base: '是', type: '社工机构' }),
    ];
    const p = await uploadOk(t, d, 'employers', await xlsxBytes(EMPLOYER_HEADER, rows), 'e.xlsx');
    expect(p.errors.items.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, '统一社会信用代码', 'creditCheck'],
      [4, '统一社会信用代码', 'creditRepeated'],
      [5, '所在地区', 'regionOutside'],
      [6, '单位类型', 'vocab'],
    ]);
    expect(p.rows).toMatchObject({ good: 2, new: 2 });
    await commit(d, p.id);
    const saved = await t.deps.database.db.selectFrom('employers').select(['name', 'type', 'status', 'internship_base', 'reviewed_by']).orderBy('type').execute();
    expect(saved).toEqual([
      { name: '新城区社工站', type: 'agency', status: 'verified', internship_base: 1, reviewed_by: d.userId },
      { name: '新城区第一小学', type: 'school', status: 'verified', internship_base: 0, reviewed_by: d.userId },
    ]);

    // Again, renamed: updated in place.
    rows[0][0] = '新城区第一小学（本部）';
    const again = await uploadOk(t, d, 'employers', utf8Csv(EMPLOYER_HEADER, [rows[0], rows[5]]), 'e.csv');
    expect(again.rows).toMatchObject({ good: 2, new: 0, update: 2 });
    await commit(d, again.id);
    expect(await count(t, 'employers')).toBe(2);
    expect(await t.deps.database.db.selectFrom('employers').select('name').where('credit_code', '=', code).executeTakeFirst()).toEqual({ name: '新城区第一小学（本部）' });
  });
});

describe('placements', () => {
  it('need the talent (by ID number) and the employer (by credit code); the same file twice adds nothing', async () => {
    const d = await signedIn(t, 'department', { regionCode: '15' });
    const people = [talentRow({ name: '阿拉坦' }), talentRow({ name: '斯琴' })];
    const code = creditCode();
    await commit(d, (await uploadOk(t, d, 'talents', await xlsxBytes(TALENT_HEADER, people), 't.xlsx')).id);
    await commit(d, (await uploadOk(t, d, 'employers', await xlsxBytes(EMPLOYER_HEADER, [employerRow({ code })]), 'e.xlsx')).id);
    const unknownCode = creditCode();
    const rows: Cell[][] = [
      [people[0][1], '阿拉坦', code, '就业', '2025-09-01', null, null],
      [people[1][1], '斯琴', code, '实习', new Date(Date.UTC(2026, 2, 1)), '2026/5/31', '实习结束'],
      [people[1][1], '别人', code, '就业', '2026-06-01', null, null],
      [talentRow()[1], null, code, '就业', '2026-06-01', null, null],
      [people[0][1], null, unknownCode, '就业', '2026-06-01', null, null],
      [people[0][1], null, code, '就业', '2025-09-01', null, null],
      [people[0][1], null, code, '兼职', '2026-06-01', '2026-01-01', null],
    ];
    const p = await uploadOk(t, d, 'placements', await xlsxBytes(PLACEMENT_HEADER, rows), 'p.xlsx');
    expect(p.errors.items.map((e) => [e.row, e.column, e.code])).toEqual([
      [4, '姓名', 'nameMismatch'],
      [5, '身份证号', 'talentUnknown'],
      [6, '统一社会信用代码', 'employerUnknown'],
      [7, '开始日期', 'placementRepeated'],
      [8, '类型', 'vocab'],
      [8, '结束日期', 'endBeforeStart'],
    ]);
    expect(p.rows).toMatchObject({ good: 2, new: 2, bad: 5 });
    await commit(d, p.id);
    const placements = await t.deps.database.db.selectFrom('placements').select(['kind', 'start_on', 'end_on', 'end_reason', 'source']).orderBy('start_on').execute();
    expect(placements).toEqual([
      { kind: 'employment', start_on: '2025-09-01', end_on: null, end_reason: null, source: 'import' },
      { kind: 'internship', start_on: '2026-03-01', end_on: '2026-05-31', end_reason: '实习结束', source: 'import' },
    ]);

    // Ending the first one in a later roster updates it in place.
    const later = await uploadOk(t, d, 'placements', utf8Csv(PLACEMENT_HEADER, [[people[0][1], '阿拉坦', code, '就业', '2025-09-01', '2026-05-31', '合同期满'], rows[1]]), 'p.csv');
    expect(later.rows).toMatchObject({ good: 2, new: 0, update: 2 });
    await commit(d, later.id);
    expect(await count(t, 'placements')).toBe(2);
    expect(await t.deps.database.db.selectFrom('placements').select(['end_on', 'end_reason']).where('start_on', '=', '2025-09-01').executeTakeFirst()).toEqual({
      end_on: '2026-05-31',
      end_reason: '合同期满',
    });
    // The department's placement list shows them.
    expect((await json(d.get('/api/v1/placements'))).total).toBe(2);
  });
});

describe('templates', () => {
  /** The template's header and rows as cells (xlsx) or text lines (csv). */
  async function templateOf(d: Awaited<ReturnType<typeof signedIn>>, kind: string) {
    const xlsx = await d.get(`/api/v1/imports/templates/${kind}?format=xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers.get('content-disposition')).toMatch(/^attachment; filename="[a-z-]+\.xlsx"; filename\*=UTF-8''%/);
    const bytes = new Uint8Array(await xlsx.arrayBuffer());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer as ArrayBuffer);
    const csv = await d.get(`/api/v1/imports/templates/${kind}?format=csv`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const csvBytes = new Uint8Array(await csv.arrayBuffer());
    return { bytes, wb, csvBytes };
  }

  for (const kind of ['talents', 'employers', 'placements'] as const) {
    it(`the ${kind} template downloads as xlsx and csv with its example row marked 示例, which is never imported`, async () => {
      const d = await signedIn(t, 'department', { regionCode: '15' });
      const { bytes, wb, csvBytes } = await templateOf(d, kind);
      const sheet = wb.worksheets[0];
      const header = (sheet.getRow(1).values as Cell[]).slice(1);
      expect(header[0]).toBe('序号');
      expect(header[1]).toMatch(kind === 'employers' ? /^单位名称\*$/ : kind === 'talents' ? /^姓名\*$/ : /^身份证号\*$/);
      expect(sheet.rowCount).toBe(2);
      expect(sheet.getRow(2).getCell(1).value).toBe('示例');
      expect([...csvBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const csvText = new TextDecoder().decode(csvBytes);
      expect(csvText).toContain(String(header[1]));
      expect(csvText.split(/\r?\n/)[1]).toMatch(/^示例,/);

      // Uploaded as it comes, the template is refused: it holds nothing but its example.
      for (const [file, name] of [
        [bytes, 'template.xlsx'],
        [csvBytes, 'template.csv'],
      ] as const) {
        const p = await expectProblem(await upload(t, d, kind, file, name), 422, 'file');
        expect(p.errors![0].message).toMatch(/only the template's example row/);
      }
      expect(await count(t, kind)).toBe(0);
      expect(await count(t, 'import_chunks')).toBe(0);
    });
  }

  it('a filled-in template imports the rows below the example, and the preview lists the example as skipped', async () => {
    const d = await webUser(t, 'department', { regionCode: '15' });
    const api = await signedIn(t, 'department', { regionCode: '15' });
    const { wb, csvBytes } = await templateOf(api, 'talents');
    const header = (wb.worksheets[0].getRow(1).values as Cell[]).slice(1).map((h) => String(h).replace(/\*$/, ''));
    const mine = (serial: Cell, name: string): Cell[] => {
      const row = talentRow({ name });
      return header.map((h) => (h === '序号' ? serial : (row[TALENT_HEADER.indexOf(h)] ?? null)));
    };
    wb.worksheets[0].addRow(mine(1, '其木格'));
    wb.worksheets[0].addRow(mine(2, '巴特尔'));
    const filled = new Uint8Array(await wb.xlsx.writeBuffer());
    const p = await uploadOk(t, api, 'talents', filled, 'filled.xlsx');
    expect(p.rows).toMatchObject({ total: 2, good: 2, bad: 0 });
    expect(p.errors.items.map((e) => [e.row, e.column, e.code])).toEqual([[2, '序号', 'exampleRow']]);
    await commit(api, p.id);
    const names = await t.deps.database.db.selectFrom('talents').select('name').orderBy('name').execute();
    expect(names.map((n) => n.name).sort()).toEqual(['其木格', '巴特尔'].sort());

    // The same in CSV, through the page: the preview says 示例行，已跳过.
    const line = mine(3, '萨仁')
      .map((c) => (c === null ? '' : String(c)))
      .join(',');
    const csv = new Uint8Array([...csvBytes, ...new TextEncoder().encode(line + '\r\n')]);
    const form = new FormData();
    form.set('kind', 'talents');
    form.set('encoding', 'auto');
    form.set('file', new Blob([csv]), 'filled.csv');
    const cookie = [...d.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await t.app.request('/department/imports', { method: 'POST', body: form, headers: { cookie, 'sec-fetch-site': 'same-origin', origin: 'http://localhost' } });
    expect(res.status).toBe(303);
    const html = (await d.html(res.headers.get('location')!)).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(html).toContain('2 序号 示例行，已跳过');
    expect(html).toMatch(/有效行 1 .*有问题的行 0/);
  });

  it('a copy of the example (its ID number and name, or credit code and name) is the example even without the 序号 column', async () => {
    const d = await signedIn(t, 'department', { regionCode: '15' });
    const example = talentRow({ id: '150102199503141027', name: '李娜' });
    const p = await uploadOk(t, d, 'talents', utf8Csv(TALENT_HEADER, [example, talentRow()]), 'r.csv');
    expect(p.rows).toMatchObject({ total: 1, good: 1, bad: 0 });
    expect(p.errors.items.map((e) => [e.row, e.column, e.code])).toEqual([[2, '身份证号', 'exampleRow']]);
    const e = await uploadOk(
      t,
      d,
      'employers',
      utf8Csv(EMPLOYER_HEADER, [employerRow({ code: '52150102MJ0000001Q', name: '呼和浩特市新城区海拉尔东路街道社会工作服务站' }), employerRow()]),
      'e.csv',
    );
    expect(e.rows).toMatchObject({ total: 1, good: 1 });
    expect(e.errors.items.map((x) => [x.row, x.column, x.code])).toEqual([[2, '统一社会信用代码', 'exampleRow']]);
    // A real person who happens to have the example's ID number (another name) is imported.
    const real = await uploadOk(t, d, 'talents', utf8Csv(TALENT_HEADER, [talentRow({ id: '150102199503141027', name: '张伟' })]), 'z.csv');
    expect(real.rows).toMatchObject({ total: 1, good: 1 });
    expect(real.errors.total).toBe(0);
    // 示例 / example in a 序号 column marks any row; a number does not.
    const marked = await uploadOk(
      t,
      d,
      'talents',
      utf8Csv(
        ['No.', ...TALENT_HEADER],
        [
          ['example', ...talentRow()],
          ['1', ...talentRow()],
        ],
      ),
      'n.csv',
    );
    expect(marked.rows).toMatchObject({ total: 1, good: 1 });
  });

  it('an unknown kind or format is 422', async () => {
    const d = await signedIn(t, 'department', { regionCode: '15' });
    await expectProblem(await d.get('/api/v1/imports/templates/people'), 422, 'kind');
    await expectProblem(await d.get('/api/v1/imports/templates/talents?format=pdf'), 422, 'format');
  });
});
