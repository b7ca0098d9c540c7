// Issue 11 §8 through app.request(): sort and filter parameters of the long lists (validated: an
// unknown sort is a 422 naming `sort`), the talent list's name search on any part of a name, the
// home list's sorts, the department's dashboard and landing, and English plurals.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app';
import { seedDemo } from '../e2e/seed';
import { WebClient, signInAs } from './client';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
  await seedDemo(t.deps);
});
afterEach(() => t.close());

/** The texts of the `<th scope="row">` cells, top to bottom (a table's first column). */
const rowHeads = (html: string) => [...html.matchAll(/<th scope="row">([^<]*)<\/th>/g)].map((x) => x[1]);
/** The position cards' titles, in order. */
const cardTitles = (html: string) => [...html.matchAll(/<h3 id="pos-[^"]+"><a href="\/positions\/[^"]+">([^<]*)<\/a><\/h3>/g)].map((x) => x[1]);

async function sortRefused(c: WebClient, path: string) {
  const res = await c.get(path);
  expect(res.status).toBe(422);
  return res;
}

describe('sortable lists', () => {
  it('refuses an unknown sort on every list with a 422 naming the field (API and pages)', async () => {
    const dept = await signInAs(t, 'dept@example.cn');
    for (const path of ['/api/v1/talents?sort=salary', '/api/v1/employers?sort=salary', '/api/v1/placements?sort=salary', '/api/v1/positions?sort=oldest']) {
      const res = await sortRefused(dept, path);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['sort']);
    }
    for (const path of ['/department/talents?sort=salary', '/department/employers?sort=salary', '/department/placements?sort=salary']) {
      const html = await (await sortRefused(dept, path)).text();
      expect(html).toContain('id="f-sort-error"');
      expect(html).toContain('无法按此排序（sort）');
    }
  });

  it('sorts the employer queue by a column link either way and filters it by any part of the name', async () => {
    const dept = await signInAs(t, 'dept@example.cn');
    const all = await dept.html('/department/employers?status=all&sort=name');
    const names = rowHeads(all);
    expect(names).toHaveLength(3);
    expect(names).toEqual([...names].sort());
    expect(rowHeads(await dept.html('/department/employers?status=all&sort=-name'))).toEqual([...names].reverse());
    // The sorted column's link flips the direction and keeps the filters.
    expect(all).toContain('<a href="/department/employers?status=all&amp;sort=-name"');
    expect(rowHeads(await dept.html(`/department/employers?status=all&q=${encodeURIComponent('中心医院')}`))).toEqual(['鄂尔多斯市中心医院']);
    expect(rowHeads(await dept.html(`/department/employers?status=all&q=${encodeURIComponent('阳光')}`))).toEqual(['包头市昆都仑区阳光社会工作服务中心']);
  });

  it('finds a talent by any part of the name on the talent list', async () => {
    const dept = await signInAs(t, 'dept@example.cn');
    expect(rowHeads(await dept.html(`/department/talents?q=${encodeURIComponent('娜')}`))).toEqual(['李娜']);
    expect(rowHeads(await dept.html(`/department/talents?q=${encodeURIComponent('娜娜')}`))).toEqual([]);
    const sorted = await dept.html('/department/talents?sort=-qualification');
    expect(sorted).toMatch(/<th scope="col" aria-sort="descending"><a href="\/department\/talents\?sort=qualification"/);
  });

  it('filters the placements by name and keeps the sort in the form', async () => {
    const dept = await signInAs(t, 'dept@example.cn');
    const html = await dept.html(`/department/placements?q=${encodeURIComponent('无此人')}&sort=talent`);
    expect(html).toContain('没有符合条件的记录。');
    expect(html).toContain('<input type="hidden" name="sort" value="talent"/>');
  });
});

describe('the home list', () => {
  it('sorts by newest, closing soon or salary (posts without a salary last)', async () => {
    const anon = new WebClient(t);
    expect(cardTitles(await anon.html('/'))).toEqual(['青少年服务项目社工', '乡镇社工站驻站社工', '社区工作者（社会工作方向）']);
    expect(cardTitles(await anon.html('/?sort=salary'))).toEqual(['社区工作者（社会工作方向）', '青少年服务项目社工', '乡镇社工站驻站社工']);
    const api = (await (await anon.get('/api/v1/positions?sort=salary')).json()) as { items: { title: string }[] };
    expect(api.items.map((p) => p.title)).toEqual(['社区工作者（社会工作方向）', '青少年服务项目社工', '乡镇社工站驻站社工']);
    expect(await anon.html('/?sort=salary')).toContain('<option value="salary" selected="">');
  });

  it('words counts with proper English plurals', async () => {
    const html = await new WebClient(t).html('/?lang=en');
    expect(html).toContain('3 open positions');
    expect(html).toContain('>1 seat<');
    expect(html).toContain('>3 seats<');
    expect(html).not.toContain('(s)');
  });
});

describe('the department dashboard', () => {
  it('is where a department lands, each number linking to its list', async () => {
    const dept = await signInAs(t, 'dept@example.cn');
    expect((await dept.get('/sign-in')).headers.get('location')).toBe('/department');
    const html = await dept.html('/department');
    const tile = (label: string) => html.match(new RegExp(`<a href="([^"]+)"><span class="tile-label">${label}</span><strong class="tile-value">([^<]*)</strong>`))?.slice(1);
    expect(tile('在册人才')).toEqual(['/department/talents', '1']);
    expect(tile('待审核单位')).toEqual(['/department/employers?status=pending', '1']);
    expect(tile('60 天内到期的职业资格登记')).toEqual(['/department/statistics/lapsing', '0']);
    expect(tile('开放岗位名额')?.[0]).toBe('/department/statistics/supply-demand');
    expect(Number(tile('开放岗位名额')?.[1])).toBeGreaterThan(0);
    expect(tile('乡镇（街道）覆盖')?.[1]).toMatch(/^\d+ \/ \d+$/);
  });

  it('is refused to other roles and sends anonymous callers to sign in', async () => {
    expect((await (await signInAs(t, 'org0@example.cn')).get('/department')).status).toBe(403);
    expect((await (await signInAs(t, 'grad@example.cn')).get('/department')).status).toBe(403);
    const anon = await new WebClient(t).get('/department');
    expect(anon.status).toBe(303);
    expect(anon.headers.get('location')).toContain('/sign-in');
  });
});
