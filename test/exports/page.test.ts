// The export page: who sees it, what the form offers, and that posting it downloads the same file
// the API gives (and writes the audit record for a full export).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { Client, makeTestApp, signedIn, type TestApp } from '../helpers/app';
import { byHeading, csvOf, filenameOf, get, talentWithId, xlsxOf } from './helpers';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const post = (c: Client, fields: Record<string, string>) =>
  c.request('POST', '/department/exports', new URLSearchParams(fields).toString(), { 'content-type': 'application/x-www-form-urlencoded' });

describe('export page', () => {
  it('is for departments and admins: anonymous callers go to sign-in, graduates and employers get 403', async () => {
    const anon = await new Client(t).get('/department/exports');
    expect(anon.status).toBe(303);
    expect(anon.headers.get('location')).toBe('/sign-in?next=%2Fdepartment%2Fexports');
    expect((await (await signedIn(t, 'graduate')).get('/department/exports')).status).toBe(403);
    expect((await (await signedIn(t, 'employer')).get('/department/exports')).status).toBe(403);
    expect((await post(await signedIn(t, 'employer'), { dataset: 'talents', format: 'csv' })).status).toBe(403);
    expect((await (await signedIn(t, 'admin')).get('/department/exports')).status).toBe(200);
  });

  it('offers dataset, format, region, filters, and the reveal box with its audit warning', async () => {
    const dept = await signedIn(t, 'department', { regionCode: '1501' });
    const res = await dept.get('/department/exports?dataset=agreements');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<form method="post" action="/department/exports">');
    expect(html).toMatch(/<option value="agreements" selected="">定向培养协议/);
    expect(html).toContain('<option value="xlsx" selected="">Excel（.xlsx）</option>');
    expect(html).toContain('name="region"');
    expect(html).toContain('您的管辖范围：内蒙古自治区呼和浩特市');
    for (const name of ['qualification', 'serviceArea', 'availability', 'kind', 'open', 'status']) expect(html).toContain(`name="${name}"`);
    expect(html).toContain('type="checkbox" id="f-reveal" name="reveal"');
    expect(html).toContain('每次导出都会记入审计日志');
    expect(html).toContain('href="/api/v1/exports/talents?format=xlsx&amp;lang=zh"');
    const en = await (await dept.get('/department/exports?lang=en')).text();
    expect(en).toContain('Include full ID numbers and phone numbers');
    expect(en).toContain('written to the audit log');
    // English options in ASCII brackets (the Chinese page keeps its full-width ones).
    expect(en).toMatch(/<option value="talents"[^>]*>Talents \(by the talent(&#39;|')s region\)<\/option>/);
    // (Region names are Chinese data and may hold brackets: the region list is left out of this check.)
    const regionList = en.indexOf('name="region"');
    expect(en.slice(0, regionList) + en.slice(en.indexOf('</select>', regionList))).not.toMatch(/[（）]/);
    expect(html).toContain('定向培养协议（按定向地区或委托地区）');
  });

  it('the region list offers the caller’s region and the regions below it, nothing else', async () => {
    const options = (html: string) => [...html.matchAll(/<option value="(\d+)"[^>]*>([^<]*)<\/option>/g)].map((m) => [m[1], m[2].trim()]);
    const hohhot = await (await signedIn(t, 'department', { regionCode: '1501' })).get('/department/exports').then((r) => r.text());
    const region = hohhot.slice(hohhot.indexOf('name="region"'), hohhot.indexOf('</select>', hohhot.indexOf('name="region"')));
    const codes = options(region).map(([code]) => code);
    expect(codes[0]).toBe('1501');
    expect(codes).toContain('150102');
    expect(codes.some((c) => c.length === 9 && c.startsWith('150102'))).toBe(true); // a city lists its townships
    expect(codes.every((c) => c.startsWith('1501'))).toBe(true);
    expect(options(region)).toContainEqual(['150102', '新城区']);
    expect(region).toContain('<option value="">全部管辖范围</option>');
    expect(hohhot).not.toContain('data-region-field'); // the script's picker would start from every province

    const province = await (await signedIn(t, 'department', { regionCode: '15' })).get('/department/exports').then((r) => r.text());
    const pCodes = options(province.slice(province.indexOf('name="region"'))).map(([code]) => code);
    expect(pCodes).toContain('1502');
    expect(pCodes).toContain('150202');
    expect(pCodes.filter((c) => c.length <= 6).every((c) => c.startsWith('15'))).toBe(true);

    const admin = await (await signedIn(t, 'admin')).get('/department/exports').then((r) => r.text());
    const aCodes = options(admin.slice(admin.indexOf('name="region"'))).map(([code]) => code);
    expect(aCodes).toEqual(expect.arrayContaining(['11', '15', '1501', '4290']));
  });

  it('without an xlsx writer the page offers csv only', async () => {
    const app = createApp({ ...t.deps, xlsx: undefined });
    const dept = await signedIn(t, 'department', { regionCode: '1501' });
    const html = await (await app.request('/department/exports', { headers: { cookie: `session=${dept.token}` } })).text();
    expect(html).not.toContain('value="xlsx"');
    expect(html).toContain('本服务器不提供 Excel 格式');
  });

  it('posting the form downloads the file the API gives; other datasets’ filters are ignored', async () => {
    await talentWithId(t, { name: '李娜', region_code: '150102' });
    await talentWithId(t, { name: '包头人', region_code: '150202' });
    const dept = await signedIn(t, 'department', { regionCode: '15' });
    const res = await post(dept, { dataset: 'talents', format: 'xlsx', region: '1501', qualification: '', status: 'junk', kind: 'junk' });
    expect(filenameOf(res).utf8).toBe('人才名录_内蒙古自治区呼和浩特市_2026-06-01.xlsx');
    const fromPage = (await xlsxOf(t, res)).rows;
    expect(fromPage).toEqual((await xlsxOf(t, await get(dept, 'talents?format=xlsx&region=1501'))).rows);
    expect(byHeading(fromPage).map((r) => r['姓名'])).toEqual(['李娜']);
    expect(byHeading(await csvOf(await post(dept, { dataset: 'placements', format: 'csv', qualification: 'junk' })))).toEqual([]);
    expect(await t.deps.database.db.selectFrom('audit_log').selectAll().execute()).toEqual([]);
  });

  it('the reveal box gives a full export and one audit record', async () => {
    const p = await talentWithId(t, { name: '李娜', region_code: '150102' });
    const dept = await signedIn(t, 'department', { regionCode: '1501' });
    const rows = byHeading(await csvOf(await post(dept, { dataset: 'talents', format: 'csv', reveal: 'on', purpose: 'statistics' })));
    expect(rows.map((r) => r['身份证号'])).toEqual([p.idNumber]);
    const audit = await t.deps.database.db.selectFrom('audit_log').selectAll().execute();
    expect(audit.map((a) => [a.actor_user_id, a.action, JSON.parse(a.detail!).rows])).toEqual([[dept.userId, 'export_reveal', 1]]);
  });

  it('the reveal box without a purpose comes back with the message at the purpose, nothing exported', async () => {
    await talentWithId(t, { region_code: '150102' });
    const dept = await signedIn(t, 'department', { regionCode: '1501' });
    const res = await post(dept, { dataset: 'talents', format: 'csv', reveal: 'on' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="f-purpose-error"');
    expect(html).toContain('导出完整身份证号前，请选择用途');
    expect(await t.deps.database.db.selectFrom('audit_log').selectAll().execute()).toEqual([]);
  });

  it('a cross-site post is refused before anything is exported', async () => {
    await talentWithId(t, { region_code: '150102' });
    const dept = await signedIn(t, 'department', { regionCode: '1501' });
    const res = await dept.request('POST', '/department/exports', 'dataset=talents&format=csv&reveal=on&purpose=statistics', {
      'content-type': 'application/x-www-form-urlencoded',
      'sec-fetch-site': 'cross-site',
    });
    expect(res.status).toBe(403);
    expect(await t.deps.database.db.selectFrom('audit_log').selectAll().execute()).toEqual([]);
  });

  it('mistakes come back as the form with the message at the field', async () => {
    const dept = await signedIn(t, 'department', { regionCode: '1501' });
    const outside = await post(dept, { dataset: 'talents', format: 'csv', region: '1502', reveal: 'on', purpose: 'statistics' });
    expect(outside.status).toBe(404);
    const html = await outside.text();
    expect(html).toContain('该地区不在您的管辖范围内');
    expect(html).toContain('value="1502"');
    expect(html).toMatch(/name="reveal" value="on" checked/);
    const badFormat = await post(dept, { dataset: 'talents', format: 'pdf' });
    expect(badFormat.status).toBe(422);
    expect(await badFormat.text()).toContain('id="f-format-error"');
    const badRegion = await post(dept, { dataset: 'agreements', format: 'csv', region: '15x' });
    expect(badRegion.status).toBe(422);
    expect(await badRegion.text()).toContain('id="f-region-error"');
    const noDataset = await post(dept, { format: 'csv' });
    expect(noDataset.status).toBe(422);
    expect(await noDataset.text()).toContain('请选择要导出的数据');
    expect(await t.deps.database.db.selectFrom('audit_log').selectAll().execute()).toEqual([]);
  });
});
