// Issue 9 A3: imports reveal nothing outside the caller's region. A placement row about a talent
// outside the caller's subtree gets the same reason as an unknown person — whatever name it gives —
// and writes nothing, at preview or at commit. A talent row may say the ID number is registered
// elsewhere (uniqueness needs it), and nothing more.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, signedIn, type TestApp } from '../helpers/app';
import type { Cell } from '../../src/lib/spreadsheet';
import { TALENT_HEADER, commit, count, json, talentRow, uploadOk, xlsxBytes } from './helpers';
import { creditCode, idNumber } from '../helpers/ids';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const EMPLOYER_HEADER = ['单位名称', '统一社会信用代码', '单位类型', '所在地区', '地址', '联系人', '联系电话', '实习基地'];
const PLACEMENT_HEADER = ['身份证号', '姓名', '统一社会信用代码', '类型', '开始日期', '结束日期', '结束原因'];
const employerRow = (code: string, region: string): Cell[] => ['某社会工作服务站', code, '乡镇(街道)社工站', region, '某路 1 号', '王敏', '0471-6901234', '否'];
const placementRow = (id: Cell, name: Cell, code: string, start = '2026-06-01'): Cell[] => [id, name, code, '就业', start, null, null];

async function world() {
  const inner = await signedIn(t, 'department', { regionCode: '15' });
  const beijing = await signedIn(t, 'department', { regionCode: '11' });
  const person = talentRow({ name: '阿拉坦', region: '150102' });
  await commit(inner, (await uploadOk(t, inner, 'talents', await xlsxBytes(TALENT_HEADER, [person]), 't.xlsx')).id);
  const innerCode = creditCode('150102');
  const beijingCode = creditCode('110101');
  await commit(inner, (await uploadOk(t, inner, 'employers', await xlsxBytes(EMPLOYER_HEADER, [employerRow(innerCode, '150102')]), 'e.xlsx')).id);
  await commit(beijing, (await uploadOk(t, beijing, 'employers', await xlsxBytes(EMPLOYER_HEADER, [employerRow(beijingCode, '110101')]), 'e.xlsx')).id);
  return { inner, beijing, idOfPerson: person[1] as string, innerCode, beijingCode };
}

describe('placement rows about a talent outside the region', () => {
  it('read as an unknown person whatever the name, and write nothing', async () => {
    const w = await world();
    const rows = [
      placementRow(w.idOfPerson, '阿拉坦', w.beijingCode), // the right name
      placementRow(w.idOfPerson, '别人', w.beijingCode, '2026-06-02'), // a wrong name
      placementRow(w.idOfPerson, null, w.beijingCode, '2026-06-03'), // no name
      placementRow(idNumber('110101', '19990101'), '阿拉坦', w.beijingCode), // nobody's ID number
    ];
    const p = await uploadOk(t, w.beijing, 'placements', await xlsxBytes(PLACEMENT_HEADER, rows), 'p.xlsx');
    expect(p.errors.items.map((e) => [e.row, e.column, e.code, e.reason])).toEqual(
      [2, 3, 4, 5].map((row) => [row, '身份证号', 'talentUnknown', 'no talent in your region has this ID number: import the talent roster first']),
    );
    expect(p.rows).toMatchObject({ good: 0, bad: 4 });
    expect(JSON.stringify(p)).not.toContain('阿拉坦');
    await commit(w.beijing, p.id);
    expect(await count(t, 'placements')).toBe(0);

    // Inside the region (and for an admin, everywhere) the same person is placed.
    const mine = await uploadOk(t, w.inner, 'placements', await xlsxBytes(PLACEMENT_HEADER, [placementRow(w.idOfPerson, '阿拉坦', w.innerCode)]), 'p.xlsx');
    expect(mine.errors.items).toEqual([]);
    await commit(w.inner, mine.id);
    const admin = await signedIn(t, 'admin');
    const all = await uploadOk(t, admin, 'placements', await xlsxBytes(PLACEMENT_HEADER, [placementRow(w.idOfPerson, '阿拉坦', w.beijingCode)]), 'p.xlsx');
    expect(all.errors.items).toEqual([]);
    await commit(admin, all.id);
    expect(await count(t, 'placements')).toBe(2);
  });

  it('a talent that moved out of the region between preview and commit is skipped, not placed', async () => {
    const w = await world();
    const p = await uploadOk(t, w.inner, 'placements', await xlsxBytes(PLACEMENT_HEADER, [placementRow(w.idOfPerson, '阿拉坦', w.innerCode)]), 'p.xlsx');
    expect(p.rows).toMatchObject({ good: 1, new: 1 });
    await t.deps.database.db.updateTable('talents').set({ region_code: '110101' }).execute();
    expect(await json(commit(w.inner, p.id))).toMatchObject({ status: 'committed', progress: { done: 1, skipped: 1 } });
    expect(await count(t, 'placements')).toBe(0);
  });
});

describe('talent rows whose ID number is registered elsewhere', () => {
  it('say so and confirm no name or other attribute; the placement roster does not even say that', async () => {
    const w = await world();
    const asPlacement = await uploadOk(t, w.beijing, 'placements', await xlsxBytes(PLACEMENT_HEADER, [placementRow(w.idOfPerson, '别人', w.beijingCode)]), 'p.xlsx');
    expect(asPlacement.errors.items.map((e) => e.code)).toEqual(['talentUnknown']);
    const right = talentRow({ id: w.idOfPerson, name: '阿拉坦', region: '110101' });
    const wrong = talentRow({ id: w.idOfPerson, name: '别人', region: '110101', phone: '13900000000', education: '硕士' });
    for (const row of [right, wrong]) {
      const p = await uploadOk(t, w.beijing, 'talents', await xlsxBytes(TALENT_HEADER, [row]), 't.xlsx');
      expect(p.errors.items.map((e) => [e.row, e.column, e.code])).toEqual([[2, '身份证号', 'idOutside']]);
      expect(p.rows).toMatchObject({ good: 0, bad: 1, new: 0, update: 0 });
      expect(JSON.stringify(p)).not.toContain('阿拉坦');
      await commit(w.beijing, p.id);
    }
    expect(await t.deps.database.db.selectFrom('talents').select(['name', 'region_code', 'phone']).execute()).toEqual([
      { name: '阿拉坦', region_code: '150102', phone: '13812345678' },
    ]);
  });
});
