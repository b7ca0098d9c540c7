// Employer and placement rosters, and the templates: each template, filled in as it comes, imports.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectProblem, makeTestApp, signedIn, type TestApp } from '../helpers/app';
import type { Cell } from '../../src/lib/spreadsheet';
import { TALENT_HEADER, commit, count, creditCode, talentRow, uploadOk, utf8Csv, xlsxBytes, json } from './helpers';

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
  for (const kind of ['talents', 'employers', 'placements'] as const) {
    it(`the ${kind} template downloads as xlsx and csv, and its example row imports as it is`, async () => {
      const d = await signedIn(t, 'department', { regionCode: '15' });
      if (kind === 'placements') {
        // The example placement names the example talent and employer: import those first.
        for (const k of ['talents', 'employers']) {
          const x = await d.get(`/api/v1/imports/templates/${k}`);
          await commit(d, (await uploadOk(t, d, k, new Uint8Array(await x.arrayBuffer()), `${k}.xlsx`)).id);
        }
      }
      const xlsx = await d.get(`/api/v1/imports/templates/${kind}?format=xlsx`);
      expect(xlsx.status).toBe(200);
      expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(xlsx.headers.get('content-disposition')).toMatch(/^attachment; filename="[a-z-]+\.xlsx"; filename\*=UTF-8''%/);
      const bytes = new Uint8Array(await xlsx.arrayBuffer());
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes.buffer as ArrayBuffer);
      const header = (wb.worksheets[0].getRow(1).values as Cell[]).slice(1);
      expect(header[0]).toMatch(kind === 'employers' ? /^单位名称\*$/ : kind === 'talents' ? /^姓名\*$/ : /^身份证号\*$/);
      expect(wb.worksheets[0].rowCount).toBe(2);

      const csv = await d.get(`/api/v1/imports/templates/${kind}?format=csv`);
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      const csvBytes = new Uint8Array(await csv.arrayBuffer());
      expect([...csvBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(new TextDecoder().decode(csvBytes)).toContain(String(header[0]));

      const fromXlsx = await uploadOk(t, d, kind, bytes, `template.xlsx`);
      expect(fromXlsx).toMatchObject({ rows: { total: 1, good: 1, bad: 0 } });
      const fromCsv = await uploadOk(t, d, kind, csvBytes, `template.csv`);
      expect(fromCsv).toMatchObject({ rows: { total: 1, good: 1, bad: 0 } });
    });
  }

  it('an unknown kind or format is 422', async () => {
    const d = await signedIn(t, 'department', { regionCode: '15' });
    await expectProblem(await d.get('/api/v1/imports/templates/people'), 422, 'kind');
    await expectProblem(await d.get('/api/v1/imports/templates/talents?format=pdf'), 422, 'format');
  });
});
