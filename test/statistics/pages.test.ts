// The dashboard pages and their downloads: server-rendered tables equal to the API's figures, drill-down
// links and breadcrumbs within the caller's region, chart data islands, CSV and xlsx downloads (masked
// where personal), 406 without an xlsx codec, role gates, English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeTestApp, signedIn, type TestApp } from '../helpers/app';
import { withStaticFiles } from '../../src/server';
import { generateDataset, insertDataset, type Dataset } from './data';

let t: TestApp;
let d: Dataset;
let province: Client;
let prefecture: Client;
let admin: Client;

beforeAll(async () => {
  t = await makeTestApp();
  [province, prefecture, admin] = await Promise.all([signedIn(t, 'department', { regionCode: '15' }), signedIn(t, 'department', { regionCode: '1501' }), signedIn(t, 'admin')]);
  const db = t.deps.database.db;
  const under = async (parents: string[]) => (await db.selectFrom('regions').select('code').where('parent_code', 'in', parents).execute()).map((r) => r.code);
  const pool = { townships: await under(['150102', '150203']), coarse: ['15', '1501', '150102', '1502'], outside: await under(['110101']) };
  d = generateDataset(7, { talents: 400, employers: 60, positions: 80, placements: 250, agreements: 60 }, pool, (province as Client & { userId: string }).userId, '2026-06-01');
  await insertDataset(t.deps.database, d);
}, 60_000);
afterAll(() => t.close());

async function html(c: Client, path: string, status = 200): Promise<string> {
  const res = await c.get(path);
  const body = await res.text();
  if (res.status !== status) throw new Error(`${path} → ${res.status}: ${body.slice(0, 300)}`);
  return body;
}

/** The cells of a server-rendered table, by its id, as text (links and markup stripped). */
function tableRows(page: string, id: string): string[][] {
  const m = new RegExp(`<table[^>]*id="table-${id}"[^>]*>([\\s\\S]*?)</table>`).exec(page);
  if (!m) throw new Error(`no table ${id}`);
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(m[1])![1];
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1].replace(/<[^>]+>/g, '').trim()));
}

const n = (v: number) => v.toLocaleString('en-US');

describe('dashboard pages', () => {
  it('the talents page shows every dimension as a table equal to the API, with drill-down links and chart islands', async () => {
    const page = await html(province, '/department/statistics');
    for (const dim of ['qualification', 'education', 'serviceArea', 'language', 'ageBand', 'gender', 'ethnicity', 'availability']) {
      const api: any = await (await province.get(`/api/v1/statistics/talents/${dim}`)).json();
      const regions = tableRows(page, `talents-${dim}-regions`);
      // One row per child region (named and linked), then the region itself when it has talents, then the total.
      expect(regions.length).toBe(api.children.length + (api.direct.talents > 0 ? 1 : 0) + 1);
      for (const [i, child] of api.children.entries()) expect(regions[i].slice(0, 2)).toEqual([child.name, n(child.talents)]);
      expect(regions.at(-1)!.slice(0, 2)).toEqual(['合计', n(api.total.talents)]);
      const values = tableRows(page, `talents-${dim}`);
      expect(values.at(-1)![1]).toBe(n(api.total.talents));
      const island = new RegExp(`<script type="application/json" id="chart-data-talents-${dim}">([\\s\\S]*?)</script>`).exec(page);
      const spec = JSON.parse(island![1]);
      expect(spec.series[0].data.reduce((a: number, b: number) => a + b, 0)).toBe(values.slice(0, -1).reduce((s, r) => s + Number(r[1].replace(/,/g, '')), 0));
    }
    expect(page).toContain('href="/department/statistics?region=1501"');
    expect(page).toContain('<script src="/vendor/echarts/echarts.min.js" defer=""></script>');
    expect(page).toContain('<script src="/static/charts.js" defer=""></script>');
    expect(page).toContain('统计口径');
  });

  it('every section renders for each scope, and child links keep the section', async () => {
    const sections: [string, string[]][] = [
      ['/department/statistics/supply-demand', ['supply-areas', 'supply-regions', 'supply-gap']],
      ['/department/statistics/coverage', ['townships', 'townships-uncovered', 'schools', 'schools-uncovered']],
      ['/department/statistics/placements', ['months', 'months-regions']],
      ['/department/statistics/directed-training', ['directed-status', 'directed-rates', 'directed-regions']],
      ['/department/statistics/lapsing', ['lapsing-regions', 'lapsing-list']],
    ];
    for (const [path, tables] of sections) {
      for (const [who, region] of [
        [province, ''],
        [province, '?region=150102'],
        [prefecture, ''],
        [admin, ''],
        [admin, '?region=15'],
      ] as const) {
        const page = await html(who, path + region);
        for (const id of tables) expect(page, `${path}${region} ${id}`).toContain(`id="table-${id}"`);
        for (const id of tables) expect(page).toContain(`/department/statistics/download/${id}.csv`);
      }
    }
    const coverage = await html(province, '/department/statistics/coverage');
    expect(coverage).toContain('href="/department/statistics/coverage?region=1502"');
    const api: any = await (await province.get('/api/v1/statistics/township-coverage?pageSize=50')).json();
    const rows = tableRows(coverage, 'townships');
    expect(rows.at(-1)).toEqual([
      '合计',
      n(api.total.units),
      n(api.total.covered),
      n(api.total.units - api.total.covered),
      api.total.rate === null ? '—' : (Math.round(api.total.rate * 1000) / 10).toFixed(1),
    ]);
    expect(tableRows(coverage, 'townships-uncovered').map((r) => r[0])).toEqual(api.uncovered.items.map((x: any) => x.code));
  });

  it('a month window on the placements page is kept by the drill-down links and the downloads', async () => {
    const page = await html(province, '/department/statistics/placements?from=2025-01&to=2025-12');
    expect(tableRows(page, 'months')).toHaveLength(13);
    expect(page).toContain('href="/department/statistics/placements?region=1501&amp;from=2025-01&amp;to=2025-12"');
    expect(page).toContain('/department/statistics/download/months.csv?region=15&amp;from=2025-01&amp;to=2025-12');
    const bad = await html(province, '/department/statistics/placements?from=2025-13');
    expect(bad).toContain('aria-invalid="true"');
  });

  it('breadcrumbs lead up to the caller’s own region only; outside it the page is 404', async () => {
    const deep = await html(prefecture, '/department/statistics?region=150102');
    const crumbs = /<nav class="breadcrumbs"[\s\S]*?<\/nav>/.exec(deep)![0];
    expect(crumbs).toContain('<span>内蒙古自治区</span>');
    expect(crumbs).toContain('href="/department/statistics">呼和浩特市</a>');
    expect(crumbs).toContain('<span aria-current="page">新城区</span>');
    await html(prefecture, '/department/statistics?region=1502', 404);
    await html(prefecture, '/department/statistics/coverage?region=15', 404);
    const top = await html(admin, '/department/statistics?region=1501');
    expect(/<nav class="breadcrumbs"[\s\S]*?<\/nav>/.exec(top)![0]).toContain('href="/department/statistics">全部地区</a>');
  });

  it('graduates and employers get 403; anonymous visitors are sent to sign in', async () => {
    const [grad, employer] = await Promise.all([signedIn(t, 'graduate'), signedIn(t, 'employer')]);
    for (const path of ['/department/statistics', '/department/statistics/coverage', '/department/statistics/download/supply-areas.csv']) {
      expect((await grad.get(path)).status).toBe(403);
      expect((await employer.get(path)).status).toBe(403);
      const anon = await new Client(t).get(path);
      expect(anon.status).toBe(303);
      expect(anon.headers.get('location')).toContain('/sign-in?next=');
    }
  });

  it('English labels with ?lang=en', async () => {
    const page = await html(province, '/department/statistics/directed-training?lang=en');
    expect(page).toContain('Fulfilment rate');
    expect(page).toContain('Still serving after 3 years');
    expect(page).toContain('Still serving after 1 year');
    expect(page).not.toContain('1 years');
    expect(page).not.toContain('履约率');
  });

  it('English pages name the child regions in pinyin, in the tables and the charts', async () => {
    const page = await html(province, '/department/statistics?lang=en');
    const api: any = await (await province.get('/api/v1/statistics/talents/qualification')).json();
    const rows = tableRows(page, 'talents-qualification-regions');
    const names = rows.slice(0, api.children.length).map((r) => r[0]);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).not.toMatch(/[\u3400-\u9fff]/);
    expect(names).toContain('Huhehaote City');
    const supply = await html(province, '/department/statistics/supply-demand?lang=en');
    const island = /<script type="application\/json" id="chart-data-supply-regions">([\s\S]*?)<\/script>/.exec(supply);
    const categories = JSON.parse(island![1]).categories as string[];
    expect(categories).toContain('Huhehaote City');
    for (const c of categories) expect(c).not.toMatch(/[\u3400-\u9fff]/);
  });
});

describe('downloads', () => {
  it('CSV: UTF-8 with BOM, the same header and rows as the table on the page', async () => {
    const page = await html(province, '/department/statistics/coverage?region=1501');
    const res = await province.get('/department/statistics/download/townships.csv?region=1501');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    // Named by the region's name (pinyin in the ASCII name), never its code.
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="[^"]+-Huhehaote-City-2026-06-01\.csv"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("''")[1])).toMatch(/-内蒙古自治区呼和浩特市-2026-06-01\.csv$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith('地区,乡镇（街道）数,已覆盖,未覆盖,覆盖率(%)\r\n')).toBe(true);
    const lines = text.trim().split('\r\n').slice(1);
    const rows = tableRows(page, 'townships');
    expect(lines).toHaveLength(rows.length);
    expect(lines.map((l) => l.split(',')[0])).toEqual(rows.map((r) => r[0]));
    expect(lines.at(-1)!.split(',').slice(1, 3)).toEqual(
      rows
        .at(-1)!
        .slice(1, 3)
        .map((x) => x.replace(/,/g, '')),
    );
  });

  it('xlsx: a readable workbook with the table; 406 when no xlsx codec is available (Workers)', async () => {
    const res = await province.get('/department/statistics/download/talents-qualification-regions.xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const bytes = new Uint8Array(await res.arrayBuffer());
    const rows: unknown[][] = [];
    for await (const r of t.deps.xlsx!.readRows(bytes)) rows.push(r.cells);
    const api: any = await (await province.get('/api/v1/statistics/talents/qualification')).json();
    expect(rows[0].slice(0, 3)).toEqual(['地区', '人才数', '无']);
    expect(rows[1].slice(0, 2)).toEqual([api.children[0].name, api.children[0].talents]);
    expect(rows.at(-1)!.slice(0, 2)).toEqual(['合计', api.total.talents]);

    const codec = t.deps.xlsx;
    delete t.deps.xlsx;
    try {
      expect((await province.get('/department/statistics/download/supply-areas.xlsx')).status).toBe(406);
      expect((await province.get('/department/statistics/download/supply-areas.csv')).status).toBe(200);
    } finally {
      t.deps.xlsx = codec;
    }
  });

  it('the whole uncovered list downloads, not one page of it', async () => {
    const api: any = await (await admin.get('/api/v1/statistics/township-coverage?pageSize=10')).json();
    const text = await (await admin.get('/department/statistics/download/townships-uncovered.csv')).text();
    expect(text.trim().split('\r\n')).toHaveLength(api.uncovered.total + 1);
  });

  it('the lapsing list leaves masked: no name, certificate or ID number in full', async () => {
    const text = await (await province.get('/department/statistics/download/lapsing-list.csv')).text();
    const lines = text.trim().split('\r\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const talent of d.talents) {
      if ([...talent.name].length > 1) expect(text).not.toContain(talent.name);
      if (talent.certificate_number) expect(text).not.toContain(talent.certificate_number);
    }
    for (const line of lines.slice(1)) expect(line.split(',')[0]).toMatch(/^.\*+$/u);
  });

  it('unknown tables are 404; other files are not served', async () => {
    expect((await province.get('/department/statistics/download/nothing.csv')).status).toBe(404);
    expect((await province.get('/department/statistics/download/talents-height.csv')).status).toBe(404);
    expect((await province.get('/department/statistics/download/supply-areas.pdf')).status).toBe(404);
  });

  it('the ECharts bundle and the chart script are served locally', async () => {
    const app = withStaticFiles(t.app);
    const echarts = await app.request('/vendor/echarts/echarts.min.js');
    expect(echarts.status).toBe(200);
    expect((await echarts.text()).length).toBeGreaterThan(500_000);
    const charts = await app.request('/static/charts.js');
    expect(charts.status).toBe(200);
    expect(await charts.text()).toContain('echarts.init');
  });
});
