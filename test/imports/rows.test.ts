// Row validation: every bad row is reported with its row number, column and reason before anything
// is written; the good rows go in only after the commit.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, signedIn, type TestApp } from '../helpers/app';
import type { Cell } from '../../src/lib/spreadsheet';
import { TALENT_HEADER, allErrors, commit, count, talentRow, uploadOk, utf8Csv, xlsxBytes, json } from './helpers';
import { withBadCheckChar, idNumber } from '../helpers/ids';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const col = (name: string) => TALENT_HEADER.indexOf(name);

describe('a roster with 5% bad rows', () => {
  it('reports every bad row (row, column, reason), writes nothing, and writes exactly the good rows on commit', async () => {
    const d = await signedIn(t, 'department', { regionCode: '15' });
    const rows: Cell[][] = Array.from({ length: 400 }, (_, i) => talentRow({ name: `王芳${i}` }));
    const expected: { row: number; column: string; code: string }[] = [];
    const breakRow = (i: number, column: string, value: Cell, code: string) => {
      rows[i][col(column)] = value;
      expected.push({ row: i + 2, column, code });
    };
    // 20 bad rows of 400, spread through the file and across chunks.
    [3, 57, 130, 391].forEach((i) => breakRow(i, '身份证号', withBadCheckChar(rows[i][1] as string), 'idCheck'));
    [12, 201].forEach((i) => breakRow(i, '身份证号', '1501021995', 'idFormat'));
    [25, 240, 380].forEach((i) => breakRow(i, '所在地区', '火星省', 'regionUnknown'));
    [40, 260].forEach((i) => breakRow(i, '所在地区', '110101', 'regionOutside'));
    [77, 299].forEach((i) => breakRow(i, '学历', '小学', 'vocab'));
    [88].forEach((i) => breakRow(i, '手机号', '12345', 'mobile'));
    [150, 350].forEach((i) => breakRow(i, '姓名', null, 'required'));
    [170].forEach((i) => breakRow(i, '证书编号', null, 'certRequired'));
    [199].forEach((i) => breakRow(i, '出生日期', '1990-02-30', 'dateInvalid'));
    // The same person twice: the later row is the bad one.
    [
      [310, 5],
      [399, 6],
    ].forEach(([i, first]) => {
      rows[i][1] = rows[first][1];
      expected.push({ row: i + 2, column: '身份证号', code: 'idRepeated' });
    });
    expect(new Set(expected.map((e) => e.row)).size).toBe(20);

    const p = await uploadOk(t, d, 'talents', await xlsxBytes(TALENT_HEADER, rows), '名册.xlsx');
    expect(p).toMatchObject({ status: 'previewed', rows: { total: 400, good: 380, bad: 20, new: 380, update: 0 }, errorCount: 20 });
    const errors = await allErrors(d, p.id);
    expect(errors.map(({ row, column, code }) => ({ row, column, code })).sort((a, b) => a.row - b.row)).toEqual(expected.sort((a, b) => a.row - b.row));
    expect(errors.find((e) => e.code === 'idRepeated' && e.row === 312)?.reason).toBe('the same ID number is already in row 7');
    expect(errors.find((e) => e.code === 'regionUnknown')?.reason).toMatch(/火星省/);
    expect(errors.find((e) => e.code === 'vocab')?.reason).toBe('"小学" is not one of the allowed values');

    // The preview pages through the errors in row order.
    const page2 = await json(d.get(`/api/v1/imports/${p.id}?page=2&pageSize=7`));
    expect(page2.errors).toMatchObject({ total: 20, page: 2, pageSize: 7 });
    expect(page2.errors.items.map((e: { row: number }) => e.row)).toEqual(errors.slice(7, 14).map((e) => e.row));

    // Nothing written before the commit.
    expect(await count(t, 'talents')).toBe(0);
    expect(await count(t, 'search_outbox')).toBe(0);

    const res = await commit(d, p.id);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'committed', progress: { done: 380, total: 380, skipped: 0 } });
    expect(await count(t, 'talents')).toBe(380);
    const bad = new Set(expected.map((e) => e.row - 2));
    const names = (await t.deps.database.db.selectFrom('talents').select('name').execute()).map((r) => r.name).sort();
    expect(names).toEqual(
      rows
        .map((r, i) => (bad.has(i) ? null : (r[0] as string)))
        .filter((n): n is string => n !== null)
        .sort(),
    );
    expect(await count(t, 'import_chunks')).toBe(0);
  });
});

describe('cells as Excel and people write them', () => {
  it('an ID number typed as a number has lost digits: a clear row error', async () => {
    const d = await signedIn(t, 'department', { regionCode: '15' });
    const asNumber = talentRow();
    asNumber[1] = Number(asNumber[1]);
    const p = await uploadOk(t, d, 'talents', await xlsxBytes(TALENT_HEADER, [talentRow(), asNumber]), 'n.xlsx');
    expect(p.rows).toMatchObject({ good: 1, bad: 1 });
    expect(p.errors.items).toEqual([
      expect.objectContaining({ row: 3, column: '身份证号', code: 'idAsNumber', reason: expect.stringMatching(/stored as a number and lost its last digits/) }),
    ]);
    // What a csv saved from such a sheet holds.
    const csv = talentRow();
    csv[1] = '1.50102E+17';
    const q = await uploadOk(t, d, 'talents', utf8Csv(TALENT_HEADER, [csv]), 'n.csv');
    expect(q.errors.items[0]).toMatchObject({ code: 'idAsNumber' });
  });

  it('a phone or ID number typed into the wrong column is masked when the error quotes it', async () => {
    const d = await signedIn(t, 'department', { regionCode: '15' });
    const row = talentRow({ education: '13812345678', region: '150102199003071234' });
    const p = await uploadOk(t, d, 'talents', utf8Csv(TALENT_HEADER, [row]), 'm.csv');
    const text = JSON.stringify(p.errors.items);
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('150102199003071234');
    expect(p.errors.items.map((e) => e.reason).sort()).toEqual(['"13*******78" is not one of the allowed values', 'no region has this code or full name: 15**************34']);
  });

  it('dates as YYYY-MM-DD, YYYY/M/D or a real Excel date; anything else is a row error', async () => {
    const d = await signedIn(t, 'department', { regionCode: '15' });
    const birth = (v: Cell) => talentRow({ id: idNumber('150102', '19900307'), birth: v });
    const rows = [birth('1990-03-07'), birth('1990/3/7'), birth(new Date(Date.UTC(1990, 2, 7))), birth('1990年3月7日'), birth('7/3/1990'), birth('1990-03-08'), birth(32939)];
    const p = await uploadOk(t, d, 'talents', await xlsxBytes(TALENT_HEADER, rows), 'd.xlsx');
    expect(p.rows).toMatchObject({ good: 4, bad: 3 });
    expect(p.errors.items.map((e) => [e.row, e.code])).toEqual([
      [6, 'date'],
      [7, 'birthMismatch'],
      [8, 'dateAsNumber'],
    ]);
    expect((await commit(d, p.id)).status).toBe(200);
    const births = await t.deps.database.db.selectFrom('talents').select('birth_date').execute();
    expect(births.map((b) => b.birth_date)).toEqual(['1990-03-07', '1990-03-07', '1990-03-07', '1990-03-07']);
  });

  it('regions by code or full name inside the caller’s subtree; vocabularies by code, Chinese or English label', async () => {
    const d = await signedIn(t, 'department', { regionCode: '1501' });
    const rows = [
      talentRow({ region: '150102', education: 'bachelor', qualification: 'Assistant social worker', areas: 'children, Elderly' }),
      talentRow({ region: '内蒙古自治区呼和浩特市新城区', education: '硕士研究生', qualification: '无', cert: null, areas: '学校' }),
      talentRow({ region: 150105, education: 'Master', qualification: 'senior', areas: '儿童；青少年' }),
      talentRow({ region: '内蒙古自治区包头市', education: '本科' }),
      talentRow({ region: '15', education: '本科' }),
      talentRow({ region: '内蒙古自治区呼和浩特市不存在区', education: '本科' }),
      talentRow({ region: '150102', education: '本科', qualification: '注册社工', areas: '儿童、唱歌' }),
    ];
    rows[1][col('取得年份')] = null;
    const p = await uploadOk(t, d, 'talents', await xlsxBytes(TALENT_HEADER, rows), 'r.xlsx');
    expect(p.errors.items.map((e) => [e.row, e.column, e.code])).toEqual([
      [5, '所在地区', 'regionOutside'],
      [6, '所在地区', 'regionOutside'],
      [7, '所在地区', 'regionUnknown'],
      [8, '职业资格', 'vocab'],
      [8, '服务领域', 'vocab'],
    ]);
    expect(p.rows).toMatchObject({ good: 3, bad: 4 });
    await commit(d, p.id);
    const saved = await t.deps.database.db
      .selectFrom('talents')
      .select(['region_code', 'education_level', 'qualification_level', 'certificate_number', 'service_areas', 'visibility', 'availability'])
      .orderBy('region_code')
      .orderBy('education_level')
      .execute();
    expect(saved).toEqual([
      {
        region_code: '150102',
        education_level: 'bachelor',
        qualification_level: 'assistant',
        certificate_number: 'A2019150001',
        service_areas: '["children","elderly"]',
        visibility: 'department',
        availability: 'available',
      },
      {
        region_code: '150102',
        education_level: 'master',
        qualification_level: 'none',
        certificate_number: null,
        service_areas: '["school"]',
        visibility: 'department',
        availability: 'available',
      },
      {
        region_code: '150105',
        education_level: 'master',
        qualification_level: 'senior',
        certificate_number: 'A2019150001',
        service_areas: '["children","youth"]',
        visibility: 'department',
        availability: 'available',
      },
    ]);
  });

  it('gender and birth date come from the ID number and must agree with it when given', async () => {
    const d = await signedIn(t, 'department', { regionCode: '15' });
    const male = idNumber('150102', '19880101'); // serial digit parity decides
    const row = talentRow({ id: male });
    const expectedGender = Number(male[16]) % 2 === 1 ? 'male' : 'female';
    const wrong = talentRow({ id: idNumber('150102', '19880101') });
    const otherId = wrong[1] as string;
    wrong[col('性别')] = Number(otherId[16]) % 2 === 1 ? '女' : '男';
    const p = await uploadOk(t, d, 'talents', utf8Csv(TALENT_HEADER, [row, wrong]), 'g.csv');
    expect(p.errors.items.map((e) => [e.row, e.column, e.code])).toEqual([[3, '性别', 'genderMismatch']]);
    await commit(d, p.id);
    expect(await t.deps.database.db.selectFrom('talents').select(['gender', 'birth_date']).execute()).toEqual([{ gender: expectedGender, birth_date: '1988-01-01' }]);
  });
});
