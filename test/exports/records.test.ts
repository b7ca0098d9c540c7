// Placement and agreement exports, made through the API as a department would.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectProblem, makeTestApp, signedIn, type TestApp } from '../helpers/app';
import { makeEmployer, makeGraduate, makePosition, makeAgreement, makePlacement, type AgreementJson } from '../helpers/builders';
import { byHeading, csvOf, filenameOf, get, xlsxOf } from './helpers';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

async function world() {
  const dept15 = await signedIn(t, 'department', { regionCode: '15' });
  const dept13 = await signedIn(t, 'department', { regionCode: '13' });
  const hohhotEmployer = await makeEmployer(t, { regionCode: '150102', type: 'station' });
  const baotouEmployer = await makeEmployer(t, { regionCode: '150202', type: 'school' });
  const hebeiEmployer = await makeEmployer(t, { regionCode: '130102' });
  const a = await makeGraduate(t, { name: '呼市甲', region_code: '150102' });
  const b = await makeGraduate(t, { name: '包头乙', region_code: '150202', phone: '13900002222' });
  const h = await makeGraduate(t, { name: '河北丙', region_code: '130102' });
  const agreementA = await makeAgreement(dept15, a.talentId, { status: 'awaiting_placement', targetRegionCode: '1501' });
  const agreementB = await makeAgreement(dept15, b.talentId, { targetRegionCode: '1502', institution: '=CMD|calc' });
  const agreementH = await makeAgreement(dept13, h.talentId, { targetRegionCode: '1301' });
  const placementA = await makePlacement(dept15, { talentId: a.talentId, employerId: hohhotEmployer.employerId, startOn: '2026-03-01', agreementId: agreementA.id });
  const placementB = await makePlacement(dept15, { talentId: b.talentId, employerId: baotouEmployer.employerId, kind: 'internship', startOn: '2026-05-01', endOn: '2026-05-31' });
  const placementH = await makePlacement(dept13, { talentId: h.talentId, employerId: hebeiEmployer.employerId });
  return { dept15, dept13, a, b, h, hohhotEmployer, baotouEmployer, agreementA, agreementB, agreementH, placementA, placementB, placementH };
}

const col = (rows: string[][], heading: string) =>
  byHeading(rows)
    .map((r) => r[heading])
    .sort();

describe('placement export', () => {
  it('lists the placements at employers in the region, with names, labels and served days', async () => {
    const w = await world();
    const dept1501 = await signedIn(t, 'department', { regionCode: '1501' });
    const res = await get(dept1501, 'placements?format=csv');
    expect(filenameOf(res)).toEqual({ ascii: 'placements_Huhehaote-City_2026-06-01.csv', utf8: '岗位对接记录_内蒙古自治区呼和浩特市_2026-06-01.csv' });
    const rows = await csvOf(res);
    expect(byHeading(rows)).toEqual([
      {
        人才姓名: '呼市甲',
        身份证号: '1501**********1234',
        手机号码: '138****5678',
        用人单位: '呼和浩特市新城区海拉尔东路街道社会工作服务站',
        统一社会信用代码: w.hohhotEmployer.creditCode,
        单位类型: '乡镇(街道)社工站',
        单位所在地区: '内蒙古自治区呼和浩特市新城区',
        地区代码: '150102',
        岗位: '',
        类型: '就业',
        开始日期: '2026-03-01',
        结束日期: '',
        结束原因: '',
        服务天数: String(w.placementA.days),
        来源: '直接登记',
        定向协议编号: w.agreementA.id,
        记录编号: w.placementA.id,
      },
    ]);
    expect(w.placementA.days).toBe(93);
  });

  it('scope by employer region, filters, and the xlsx matches the csv', async () => {
    const w = await world();
    const admin = await signedIn(t, 'admin');
    expect(col(await csvOf(await get(w.dept15, 'placements')), '人才姓名')).toEqual(['包头乙', '呼市甲'].sort());
    expect(col(await csvOf(await get(w.dept13, 'placements')), '人才姓名')).toEqual(['河北丙']);
    expect(col(await csvOf(await get(admin, 'placements')), '记录编号')).toEqual([w.placementA.id, w.placementB.id, w.placementH.id].sort());
    expect(col(await csvOf(await get(w.dept15, 'placements?kind=internship')), '人才姓名')).toEqual(['包头乙']);
    expect(col(await csvOf(await get(w.dept15, 'placements?open=false')), '人才姓名')).toEqual(['包头乙']);
    expect(col(await csvOf(await get(w.dept15, 'placements?open=true&region=1502')), '人才姓名')).toEqual([]);
    await expectProblem(await get(w.dept13, 'placements?region=15'), 404);
    const csv = await csvOf(await get(w.dept15, 'placements?format=csv&region=1502'));
    const { rows } = await xlsxOf(t, await get(w.dept15, 'placements?format=xlsx&region=1502'));
    expect(rows).toEqual(csv);
    expect(byHeading(rows)[0]).toMatchObject({ 类型: '实习', 结束日期: '2026-05-31', 服务天数: '31', 单位类型: '学校', 手机号码: '139****2222' });
  });

  it('reveal=true: full numbers and one audit record naming the dataset and row count', async () => {
    const w = await world();
    const sealed = await t.deps.fieldCrypto.encrypt('150202199901011234');
    await t.deps.database.db.updateTable('talents').set({ id_number_enc: sealed }).where('id', '=', w.b.talentId).execute();
    const rows = byHeading(await csvOf(await get(w.dept15, 'placements?reveal=true&purpose=verify_identity&kind=internship')));
    expect(rows.map((r) => [r['人才姓名'], r['身份证号'], r['手机号码']])).toEqual([['包头乙', '150202199901011234', '13900002222']]);
    const audit = await t.deps.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'export_reveal').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].detail!)).toEqual({ dataset: 'placements', format: 'csv', region: '15', filters: { kind: 'internship' }, rows: 1, purpose: 'verify_identity' });
    expect(audit[0].detail).not.toContain('150202199901011234');
  });
});

describe('revealing across regions', () => {
  it('a department reveals only talents registered in its region; an admin all', async () => {
    const w = await world();
    // 河北丙 (registered in 130102) applied to a post in 呼和浩特 and the employer placed them there.
    const post = await makePosition(w.hohhotEmployer.client);
    expect((await w.h.post('/api/v1/applications', { positionId: post })).status).toBe(201);
    const across = await makePlacement(w.hohhotEmployer.client, { talentId: w.h.talentId, startOn: '2026-04-01' });
    const seal = async (talentId: string, idNumber: string) =>
      t.deps.database.db
        .updateTable('talents')
        .set({ id_number_enc: await t.deps.fieldCrypto.encrypt(idNumber) })
        .where('id', '=', talentId)
        .execute();
    await seal(w.a.talentId, '150102199901011234');
    await seal(w.h.talentId, '130102199901011234');
    const ids = (rows: Record<string, string>[]) => Object.fromEntries(rows.map((r) => [r['记录编号'] ?? r['协议编号'], [r['身份证号'], r['手机号码']]]));

    const byDept = ids(byHeading(await csvOf(await get(w.dept15, 'placements?reveal=true&purpose=verify_identity&region=1501'))));
    expect(byDept).toEqual({
      [w.placementA.id]: ['150102199901011234', '13812345678'],
      [across.id]: ['1501**********1234', '138****5678'],
    });
    const admin = await signedIn(t, 'admin');
    const byAdmin = ids(byHeading(await csvOf(await get(admin, 'placements?reveal=true&purpose=verify_identity&region=1501'))));
    expect(byAdmin[across.id]).toEqual(['130102199901011234', '13812345678']);

    // An agreement whose talent has since moved out of the region: masked for the department.
    await t.deps.database.db.updateTable('talents').set({ region_code: '130102' }).where('id', '=', w.a.talentId).execute();
    const agreements = ids(byHeading(await csvOf(await get(w.dept15, 'agreements?reveal=true&purpose=verify_identity&region=1501'))));
    expect(agreements[w.agreementA.id]).toEqual(['1501**********1234', '138****5678']);
    expect(ids(byHeading(await csvOf(await get(admin, 'agreements?reveal=true&purpose=verify_identity&region=1501'))))[w.agreementA.id][0]).toBe('150102199901011234');
  });
});

describe('agreement export', () => {
  it('lists agreements by target or sponsor region with status labels and the served days the agreements API reports', async () => {
    const w = await world();
    const dept1501 = await signedIn(t, 'department', { regionCode: '1501' });
    const fromApi = (await (await w.dept15.get(`/api/v1/agreements/${w.agreementA.id}`)).json()) as AgreementJson;
    const rows = byHeading(await csvOf(await get(dept1501, 'agreements')));
    expect(rows).toEqual([
      {
        人才姓名: '呼市甲',
        身份证号: '1501**********1234',
        手机号码: '138****5678',
        培养院校: '内蒙古师范大学',
        入学年份: '2021',
        毕业年份: '2025',
        服务年限: '5',
        签订日期: '2021-08-20',
        定向地区: '内蒙古自治区呼和浩特市',
        定向地区代码: '1501',
        定向单位: '',
        委托地区: '内蒙古自治区',
        状态: '服务中', // the word every page uses (src/lib/vocab.ts)
        状态说明: '',
        已服务天数: String(fromApi.servedDays),
        应服务天数: String(fromApi.owedDays),
        协议编号: w.agreementA.id,
      },
    ]);
    expect([fromApi.status, fromApi.servedDays, fromApi.owedDays]).toEqual(['serving', 93, 1825]);
  });

  it('scope, status filter, neutralised institution, xlsx equal to csv', async () => {
    const w = await world();
    const admin = await signedIn(t, 'admin');
    const dept1502 = await signedIn(t, 'department', { regionCode: '1502' });
    expect(col(await csvOf(await get(w.dept15, 'agreements')), '协议编号')).toEqual([w.agreementA.id, w.agreementB.id].sort());
    expect(col(await csvOf(await get(dept1502, 'agreements')), '协议编号')).toEqual([w.agreementB.id]);
    expect(col(await csvOf(await get(w.dept13, 'agreements')), '协议编号')).toEqual([w.agreementH.id]);
    expect(col(await csvOf(await get(admin, 'agreements')), '协议编号')).toEqual([w.agreementA.id, w.agreementB.id, w.agreementH.id].sort());
    expect(col(await csvOf(await get(admin, 'agreements?status=in_training')), '协议编号')).toEqual([w.agreementB.id, w.agreementH.id].sort());
    expect(col(await csvOf(await get(w.dept15, 'agreements?status=in_training&region=1501')), '协议编号')).toEqual([]);
    await expectProblem(await get(dept1502, 'agreements?region=1501'), 404);

    const csv = await csvOf(await get(dept1502, 'agreements?format=csv'));
    const { rows } = await xlsxOf(t, await get(dept1502, 'agreements?format=xlsx'));
    expect(rows).toEqual(csv);
    expect(byHeading(rows)[0]).toMatchObject({ 培养院校: "'=CMD|calc", 状态: '在读培养', 已服务天数: '0', 定向地区: '内蒙古自治区包头市' });
    const en = byHeading(await csvOf(await get(dept1502, 'agreements?lang=en')));
    expect(en[0]).toMatchObject({ Institution: "'=CMD|calc", Status: 'In training', 'Days owed': '1825' });
  });
});
