import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createApp } from '../../src/app';
import { expectProblem, makeTestApp, signedIn, Client, type TestApp } from '../helpers/app';
import { insertTalent } from '../helpers/builders';
import { asText, byHeading, csvOf, filenameOf, get, talentWithId, workbookOf, xlsxOf } from './helpers';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

/** Talents in 呼和浩特 (1501), 包头 (1502) and 石家庄 (1301, another province). */
async function seed() {
  const hohhot = [
    await talentWithId(t, { name: '李娜', region_code: '150102' }),
    await talentWithId(t, { name: '王芳', region_code: '150102001', qualification_level: 'intermediate', availability: 'employed', service_areas: '["children"]' }),
    await talentWithId(t, { name: '赵敏', region_code: '1501', education_level: 'master', gender: 'male', ethnicity: '01', languages: '["mandarin"]' }),
  ];
  const baotou = [await talentWithId(t, { name: '包头甲', region_code: '150202' }), await talentWithId(t, { name: '包头乙', region_code: '150203' })];
  const hebei = [await talentWithId(t, { name: '河北人', region_code: '130102' })];
  return { hohhot, baotou, hebei };
}

const names = (rows: string[][]) =>
  byHeading(rows)
    .map((r) => r['姓名'])
    .sort();

describe('talent export', () => {
  it('a department gets the talents of its region as csv, with labels, full region names and the database counts', async () => {
    const { hohhot } = await seed();
    const dept = await signedIn(t, 'department', { regionCode: '1501' });
    const res = await get(dept, 'talents?format=csv');
    expect(res.headers.get('cache-control')).toContain('no-store');
    const rows = await csvOf(res);
    expect(rows[0].slice(0, 8)).toEqual(['姓名', '性别', '出生日期', '民族', '身份证号', '手机号码', '所在地区', '地区代码']);
    // Counted independently of the export's own query.
    const { n } = (await sql<{ n: number }>`SELECT count(*) AS n FROM talents WHERE region_code LIKE '1501%'`.execute(t.deps.database.db)).rows[0];
    expect(rows.length - 1).toBe(n);
    expect(names(rows)).toEqual(['李娜', '王芳', '赵敏'].sort());

    const li = byHeading(rows).find((r) => r['姓名'] === '李娜')!;
    expect(li).toMatchObject({
      性别: '女',
      出生日期: '2001-03-07',
      民族: '蒙古族',
      所在地区: '内蒙古自治区呼和浩特市新城区',
      地区代码: '150102',
      学历: '本科',
      毕业院校: '内蒙古大学',
      专业: '社会工作',
      毕业年份: '2024',
      职业资格: '助理社会工作师',
      证书编号: 'ZS2024001',
      登记有效期至: '2027-06-30',
      服务领域: '老年、社区治理',
      语言能力: '普通话、蒙古语',
      意向地区: '内蒙古自治区呼和浩特市',
      求职状态: '可立即到岗',
      公开范围: '对已认证用人单位公开',
      人才编号: hohhot[0].id,
    });
    const wang = byHeading(rows).find((r) => r['姓名'] === '王芳')!;
    expect(wang).toMatchObject({ 所在地区: '内蒙古自治区呼和浩特市新城区海拉尔东路街道', 职业资格: '社会工作师', 求职状态: '在职', 服务领域: '儿童' });
    expect(byHeading(rows).find((r) => r['姓名'] === '赵敏')).toMatchObject({ 性别: '男', 民族: '汉族', 学历: '硕士研究生', 所在地区: '内蒙古自治区呼和浩特市' });
  });

  it('xlsx carries the same rows as csv, in a workbook exceljs opens, with typed numbers', async () => {
    await seed();
    const dept = await signedIn(t, 'department', { regionCode: '15' });
    const csv = await csvOf(await get(dept, 'talents?format=csv'));
    const res = await get(dept, 'talents?format=xlsx');
    expect(filenameOf(res)).toEqual({ ascii: 'talents_Neimenggu-Autonomous-Region_2026-06-01.xlsx', utf8: '人才名录_内蒙古自治区_2026-06-01.xlsx' });
    const { rows, raw, bytes } = await xlsxOf(t, res);
    expect(rows).toEqual(csv);
    expect(rows.length).toBe(1 + 5);
    const year = csv[0].indexOf('毕业年份');
    expect(typeof raw[1][year]).toBe('number');
    const wb = await workbookOf(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['人才名录']);
    expect(wb.worksheets[0].rowCount).toBe(6);
    expect(wb.worksheets[0].getRow(1).getCell(1).value).toBe('姓名');
  });

  it('region scope: other regions never appear; a region outside the caller’s subtree is 404', async () => {
    await seed();
    const dept1501 = await signedIn(t, 'department', { regionCode: '1501' });
    const dept15 = await signedIn(t, 'department', { regionCode: '15' });
    const admin = await signedIn(t, 'admin');
    expect(names(await csvOf(await get(dept15, 'talents')))).toEqual(['李娜', '王芳', '赵敏', '包头甲', '包头乙'].sort());
    expect(names(await csvOf(await get(dept15, 'talents?region=1502')))).toEqual(['包头甲', '包头乙'].sort());
    expect(names(await csvOf(await get(dept1501, 'talents?region=150102')))).toEqual(['李娜', '王芳'].sort());
    expect(names(await csvOf(await get(admin, 'talents')))).toEqual(['李娜', '王芳', '赵敏', '包头甲', '包头乙', '河北人'].sort());
    expect(names(await csvOf(await get(admin, 'talents?region=13')))).toEqual(['河北人']);
    for (const region of ['1502', '15', '13', '150202']) {
      for (const format of ['csv', 'xlsx']) await expectProblem(await get(dept1501, `talents?region=${region}&format=${format}`), 404);
    }
    // In scope but no such region: the field is named.
    await expectProblem(await get(dept1501, 'talents?region=150102999'), 422, 'region');
  });

  it('filters the list endpoint has: qualification (at least), service area, availability', async () => {
    await seed();
    const dept = await signedIn(t, 'department', { regionCode: '15' });
    expect(names(await csvOf(await get(dept, 'talents?qualification=intermediate')))).toEqual(['王芳']);
    expect(names(await csvOf(await get(dept, 'talents?serviceArea=children')))).toEqual(['王芳']);
    expect(names(await csvOf(await get(dept, 'talents?availability=employed&region=1501')))).toEqual(['王芳']);
    expect(names(await csvOf(await get(dept, 'talents?availability=employed&region=1502')))).toEqual([]);
  });

  it('masks ID numbers and phones by default, in csv and xlsx, and writes no audit record', async () => {
    const { hohhot } = await seed();
    const dept = await signedIn(t, 'department', { regionCode: '1501' });
    const csvRes = await get(dept, 'talents?format=csv');
    const text = await csvRes.clone().text();
    const rows = byHeading(await csvOf(csvRes));
    const xlsx = await xlsxOf(t, await get(dept, 'talents?format=xlsx'));
    for (const p of hohhot) {
      expect(text).not.toContain(p.idNumber);
      expect(text).not.toContain(p.phone);
      expect(JSON.stringify(xlsx.raw)).not.toContain(p.idNumber);
      const row = rows.find((r) => r['人才编号'] === p.id)!;
      expect(row['身份证号']).toBe(`${p.idNumber.slice(0, 4)}**********${p.idNumber.slice(-4)}`);
      expect(row['手机号码']).toBe(`${p.phone.slice(0, 3)}****${p.phone.slice(-4)}`);
    }
    expect(await t.deps.database.db.selectFrom('audit_log').selectAll().execute()).toEqual([]);
  });

  it('reveal=true needs a purpose (other: in words), refused with the field named and nothing written', async () => {
    await seed();
    const dept = await signedIn(t, 'department', { regionCode: '1501' });
    await expectProblem(await get(dept, 'talents?reveal=true'), 422, 'purpose');
    await expectProblem(await get(dept, 'placements?reveal=true&purpose=other'), 422, 'purposeNote');
    await expectProblem(await get(dept, 'agreements?reveal=true&purpose=curiosity'), 422, 'purpose');
    await expectProblem(await get(dept, `talents?reveal=true&purpose=other&purposeNote=${'核'.repeat(201)}`), 422, 'purposeNote');
    expect(await t.deps.database.db.selectFrom('audit_log').selectAll().execute()).toEqual([]);
    // Masked exports need none; other with its words is kept in the audit record.
    expect((await get(dept, 'talents')).status).toBe(200);
    expect((await get(dept, 'talents?reveal=true&purpose=other&purposeNote=核对补贴名单')).status).toBe(200);
    const audit = await t.deps.database.db.selectFrom('audit_log').select('detail').execute();
    expect(audit.map((a) => JSON.parse(a.detail!))).toEqual([expect.objectContaining({ purpose: 'other', note: '核对补贴名单' })]);
  });

  it('reveal=true gives full ID numbers and phones and writes one audit record without them', async () => {
    const { hohhot } = await seed();
    const dept = await signedIn(t, 'department', { regionCode: '1501' });
    const res = await get(dept, 'talents?format=xlsx&reveal=true&purpose=verify_identity&qualification=assistant');
    expect(filenameOf(res).utf8).toBe('人才名录_内蒙古自治区呼和浩特市_2026-06-01_含完整证件号.xlsx');
    const rows = byHeading((await xlsxOf(t, res)).rows);
    expect(rows).toHaveLength(3);
    for (const p of hohhot) {
      const row = rows.find((r) => r['人才编号'] === p.id)!;
      expect(row['身份证号']).toBe(p.idNumber);
      expect(row['手机号码']).toBe(p.phone);
    }
    const audit = await t.deps.database.db.selectFrom('audit_log').selectAll().execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_user_id: dept.userId, action: 'export_reveal', subject_type: 'export', subject_id: 'talents', created_at: t.clock.now });
    expect(JSON.parse(audit[0].detail!)).toEqual({
      dataset: 'talents',
      format: 'xlsx',
      region: '1501',
      filters: { qualification: 'assistant' },
      rows: 3,
      purpose: 'verify_identity',
    });
    for (const p of hohhot) {
      expect(audit[0].detail).not.toContain(p.idNumber);
      expect(audit[0].detail).not.toContain(p.phone);
    }
    // Nothing personal in the app's log either.
    expect(JSON.stringify(t.logs)).not.toContain(hohhot[0].idNumber);

    // csv too, and each full export is its own record.
    const csv = byHeading(await csvOf(await get(dept, 'talents?reveal=true&purpose=verify_identity&region=150102')));
    expect(csv.map((r) => r['身份证号']).sort()).toEqual([hohhot[0].idNumber, hohhot[1].idNumber].sort());
    const details = (await t.deps.database.db.selectFrom('audit_log').select('detail').orderBy('created_at').execute()).map((a) => JSON.parse(a.detail!));
    expect(details).toHaveLength(2);
    expect(details.map((d) => [d.format, d.region, d.rows]).sort()).toEqual(
      [
        ['csv', '150102', 2],
        ['xlsx', '1501', 3],
      ].sort(),
    );
  });

  it('an admin may export everything revealed; a row whose sealed number does not open goes out masked', async () => {
    const { hohhot, hebei } = await seed();
    const broken = await insertTalent(t, null, { name: '坏数据', region_code: '150102', id_number_enc: 'v1:AAAA', id_number_masked: '1501**********0000' });
    const admin = await signedIn(t, 'admin');
    const rows = byHeading(await csvOf(await get(admin, 'talents?reveal=true&purpose=verify_identity')));
    expect(rows).toHaveLength(7);
    expect(rows.find((r) => r['人才编号'] === hebei[0].id)!['身份证号']).toBe(hebei[0].idNumber);
    expect(rows.find((r) => r['人才编号'] === hohhot[2].id)!['身份证号']).toBe(hohhot[2].idNumber);
    expect(rows.find((r) => r['人才编号'] === broken)!['身份证号']).toBe('1501**********0000');
    const audit = await t.deps.database.db.selectFrom('audit_log').selectAll().execute();
    expect(audit.map((a) => [a.actor_user_id, JSON.parse(a.detail!).rows, JSON.parse(a.detail!).region])).toEqual([[admin.userId, 7, null]]);
  });

  it('neutralises cells that would run as formulas, entered through the API and the database, in csv and xlsx', async () => {
    const grad = await signedIn(t, 'graduate');
    const profile = {
      name: '=HYPERLINK("http://evil.example","点我")',
      regionCode: '150102',
      phone: '13800001111',
      education: { level: 'bachelor', school: '+SUM(A1:A9)', major: '-2+3' },
      qualification: { level: 'assistant', certificateNumber: '@cmd|calc' },
    };
    const saved = await grad.put('/api/v1/talents/me', profile);
    expect(saved.status, await saved.clone().text()).toBeLessThan(300);
    // Leading tab and CR cannot come through the API (it trims), so straight into the database.
    // A line break inside a cell must not start a new record whose first cell is a live formula.
    await insertTalent(t, null, { name: '\t=1+2', school: '\r=cmd', major: 'ok', certificate_number: 'A1\r\n=2+2\n@x', region_code: '150102' });

    const dept = await signedIn(t, 'department', { regionCode: '1501' });
    // XML normalises line ends when read (CR LF and CR become LF), so the xlsx check compares so.
    const expected = (rows: Record<string, string>[], eol: (s: string) => string = (s) => s) => {
      const api = rows.find((r) => r['姓名'].includes('HYPERLINK'))!;
      expect(api['姓名']).toBe(`'${profile.name}`);
      expect(api['毕业院校']).toBe("'+SUM(A1:A9)");
      expect(api['专业']).toBe("'-2+3");
      expect(api['证书编号']).toBe("'@cmd|calc");
      const db = rows.find((r) => r['专业'] === 'ok')!;
      expect(db['姓名']).toBe("'\t=1+2");
      expect(db['毕业院校']).toBe(eol("'\r=cmd"));
      expect(db['证书编号']).toBe(eol('A1\r\n=2+2\n@x'));
      expect(rows).toHaveLength(2);
      // No cell at all starts with a formula character.
      for (const r of rows) for (const v of Object.values(r)) expect(v).not.toMatch(/^[=+\-@\t\r]/);
    };
    expected(byHeading(await csvOf(await get(dept, 'talents?format=csv'))));
    const xlsx = await xlsxOf(t, await get(dept, 'talents?format=xlsx'));
    expected(byHeading(xlsx.rows), (s) => s.replace(/\r\n?/g, '\n'));
    // exceljs reports formula cells; there are none, every cell is a plain value.
    const wb = await workbookOf(xlsx.bytes);
    wb.worksheets[0].eachRow((row) => row.eachCell((cell) => expect(cell.formula).toBeUndefined()));
  });

  it('English headings and labels with lang=en', async () => {
    await seed();
    const dept = await signedIn(t, 'department', { regionCode: '1501' });
    const res = await get(dept, 'talents?lang=en&region=150102');
    expect(filenameOf(res).utf8).toBe('Talents_Xincheng-District_2026-06-01.csv');
    const rows = byHeading(await csvOf(res));
    expect(rows.find((r) => r['Name'] === '李娜')).toMatchObject({
      Gender: 'Female',
      Education: 'Bachelor',
      Qualification: 'Assistant social worker',
      'Service areas': 'Elderly; Community governance',
      Availability: 'Available now',
    });
  });

  it('roles: anonymous 401, graduates and employers 403, on every export and format', async () => {
    const grad = await signedIn(t, 'graduate');
    const employer = await signedIn(t, 'employer');
    for (const path of ['talents', 'placements', 'agreements']) {
      for (const q of ['?format=csv', '?format=xlsx', '?reveal=true&purpose=verify_identity']) {
        await expectProblem(await new Client(t).get(`/api/v1/exports/${path}${q}`), 401);
        await expectProblem(await get(grad, `${path}${q}`), 403);
        await expectProblem(await get(employer, `${path}${q}`), 403);
      }
    }
    expect(await t.deps.database.db.selectFrom('audit_log').selectAll().execute()).toEqual([]);
  });

  it('bad parameters are 422 naming the field', async () => {
    const dept = await signedIn(t, 'department', { regionCode: '1501' });
    await expectProblem(await get(dept, 'talents?format=pdf'), 422, 'format');
    await expectProblem(await get(dept, 'talents?region=abc'), 422, 'region');
    await expectProblem(await get(dept, 'talents?reveal=yes'), 422, 'reveal');
    await expectProblem(await get(dept, 'talents?lang=fr'), 422, 'lang');
    await expectProblem(await get(dept, 'talents?qualification=expert'), 422, 'qualification');
    await expectProblem(await get(dept, 'placements?kind=volunteer'), 422, 'kind');
    await expectProblem(await get(dept, 'placements?open=maybe'), 422, 'open');
    await expectProblem(await get(dept, 'agreements?status=lost'), 422, 'status');
  });

  it('without an xlsx writer (Workers) xlsx is 406 and csv still works', async () => {
    await seed();
    const app = createApp({ ...t.deps, xlsx: undefined });
    const dept = await signedIn(t, 'department', { regionCode: '1501' });
    const headers = { cookie: `session=${dept.token}`, 'sec-fetch-site': 'same-origin' };
    await expectProblem(await app.request('/api/v1/exports/talents?format=xlsx&reveal=true&purpose=verify_identity', { headers }), 406);
    expect(await t.deps.database.db.selectFrom('audit_log').selectAll().execute()).toEqual([]);
    expect(names(await csvOf(await app.request('/api/v1/exports/talents?format=csv', { headers })))).toHaveLength(3);
  });

  it('a full export cannot be started from another site', async () => {
    await seed();
    const dept = await signedIn(t, 'department', { regionCode: '1501' });
    await expectProblem(await dept.request('GET', '/api/v1/exports/talents?reveal=true&purpose=verify_identity', undefined, { 'sec-fetch-site': 'cross-site' }), 403);
    expect(await t.deps.database.db.selectFrom('audit_log').selectAll().execute()).toEqual([]);
    // A masked one may be linked from anywhere; a same-origin full one works.
    expect((await dept.request('GET', '/api/v1/exports/talents', undefined, { 'sec-fetch-site': 'cross-site' })).status).toBe(200);
    expect((await dept.request('GET', '/api/v1/exports/talents?reveal=true&purpose=verify_identity', undefined, { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  it('a full export without Sec-Fetch-Site needs an Origin of this site (old browsers); API clients use a bearer token', async () => {
    await seed();
    const dept = await signedIn(t, 'department', { regionCode: '1501' });
    const audits = async () => (await t.deps.database.db.selectFrom('audit_log').selectAll().execute()).length;
    await expectProblem(await dept.request('GET', '/api/v1/exports/talents?reveal=true&purpose=verify_identity'), 403);
    await expectProblem(await dept.request('GET', '/api/v1/exports/talents?reveal=true&purpose=verify_identity', undefined, { origin: 'https://evil.example' }), 403);
    await expectProblem(await dept.request('GET', '/api/v1/exports/talents?reveal=true&purpose=verify_identity', undefined, { origin: 'null' }), 403);
    expect(await audits()).toBe(0);
    expect((await dept.request('GET', '/api/v1/exports/talents?reveal=true&purpose=verify_identity', undefined, { origin: 'http://localhost' })).status).toBe(200);
    const bearer = await t.app.request('/api/v1/exports/talents?reveal=true&purpose=verify_identity', { headers: { authorization: `Bearer ${dept.token}` } });
    expect(bearer.status).toBe(200);
    expect(await audits()).toBe(2);
    // The page's form posts, which the cross-site guard checks like every other form.
    const form = (origin: string) =>
      t.app.request('/department/exports', {
        method: 'POST',
        headers: { cookie: `session=${dept.token}`, origin, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ dataset: 'talents', format: 'csv', reveal: 'on', purpose: 'statistics' }).toString(),
      });
    expect((await form('https://evil.example')).status).toBe(403);
    expect((await form('http://localhost')).status).toBe(200);
    expect(await audits()).toBe(3);
  });

  it('an empty region exports the heading row only', async () => {
    const dept = await signedIn(t, 'department', { regionCode: '1501' });
    expect((await csvOf(await get(dept, 'talents'))).length).toBe(1);
    const { rows } = await xlsxOf(t, await get(dept, 'talents?format=xlsx'));
    expect(rows.length).toBe(1);
    expect(rows[0].map(asText)[0]).toBe('姓名');
  });
});
