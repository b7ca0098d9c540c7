// The dashboard in Chromium: ECharts (served locally) draws every chart from its data island, a
// child region's link drills down, and without JavaScript the tables carry the page.
import { beforeAll, describe, expect, it } from 'vitest';
import { useBrowser } from '../helpers/browser';
import { createAccount } from '../../src/auth/auth.service';
import { chinaToday } from '../../src/lib/dates';
import { generateDataset, insertDataset } from './data';

const server = useBrowser();
let token: string;

beforeAll(async () => {
  const { t } = server;
  const email = 'stats.browser@example.cn';
  const password = 'statistics browser password';
  const dept = await createAccount(t.deps, { email, password, displayName: '统计测试部门', role: 'department', regionCode: '15' });
  const db = t.deps.database.db;
  const under = async (parents: string[]) => (await db.selectFrom('regions').select('code').where('parent_code', 'in', parents).execute()).map((r) => r.code);
  const pool = { townships: await under(['150102', '150203']), coarse: ['15', '1501', '1502'], outside: await under(['110101']) };
  await insertDataset(
    t.deps.database,
    generateDataset(11, { talents: 300, employers: 50, positions: 60, placements: 200, agreements: 50 }, pool, dept.id, chinaToday(t.clock.now)),
  );
  const res = await t.app.request('/api/v1/auth/sign-in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  token = ((await res.json()) as { token: string }).token;
}, 60_000);

/** The department's dashboard; `errors` has console errors and any failed resource (but the favicon). */
function signedInPage(javaScriptEnabled = true) {
  return server.page({ token, javaScriptEnabled, errors: 'all' });
}

describe('statistics dashboard in a browser', () => {
  it('draws every chart with ECharts and drills down by following a region link', { timeout: 120_000 }, async () => {
    const { page, errors } = await signedInPage();
    for (const path of [
      '/department/statistics',
      '/department/statistics/supply-demand',
      '/department/statistics/coverage',
      '/department/statistics/placements',
      '/department/statistics/directed-training',
    ]) {
      await page.goto(server.url + path);
      const charts = page.locator('[data-chart]');
      const n = await charts.count();
      expect(n, path).toBeGreaterThan(0);
      await expect.poll(() => page.locator('[data-chart][data-drawn="true"]').count(), { timeout: 10_000 }).toBe(n);
      for (let i = 0; i < n; i++) {
        await expect.poll(() => charts.nth(i).locator('svg').count()).toBeGreaterThan(0);
        expect(await charts.nth(i).isVisible()).toBe(true);
      }
    }
    await page.goto(server.url + '/department/statistics');
    await page.locator('#table-talents-qualification-regions').getByRole('link', { name: '呼和浩特市' }).click();
    await page.waitForURL(/region=1501/);
    await expect.poll(() => page.locator('.breadcrumbs [aria-current="page"]').innerText()).toBe('呼和浩特市');
    await page.locator('.breadcrumbs').getByRole('link', { name: '内蒙古自治区' }).click();
    await page.waitForURL((u) => u.pathname === '/department/statistics' && !u.search.includes('region'));
    expect(errors).toEqual([]);
  });

  it('without JavaScript the charts stay hidden and the tables show the figures', { timeout: 60_000 }, async () => {
    const { page } = await signedInPage(false);
    await page.goto(server.url + '/department/statistics/coverage');
    expect(await page.locator('[data-chart]').first().isVisible()).toBe(false);
    expect(await page.locator('#table-townships').isVisible()).toBe(true);
    expect(await page.locator('#table-townships tbody tr').count()).toBeGreaterThan(1);
  });
});
