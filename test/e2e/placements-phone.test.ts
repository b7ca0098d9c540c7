// The department's placement table on a phone (390 px): one card per placement, each value labelled,
// the sortable headers a row of links, nothing scrolling sideways; at 1280 px it stays a table.
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../src/auth/auth.service';
import { createPlacement } from '../../src/placements';
import { getOwnProfile } from '../../src/talents';
import { useBrowser } from '../helpers/browser';
import { PASSWORD, seedDemo } from './seed';

const s = useBrowser();
const tokenOf = async (email: string) => (await signIn(s.t.deps, email, PASSWORD, 'placements-phone')).token;
let talentName = '';
beforeAll(async () => {
  const { deps } = s.t;
  const seeded = await seedDemo(deps);
  const talent = (await getOwnProfile(deps, seeded.grad))!;
  talentName = talent.name;
  const employerId = seeded.positions[0].employerId;
  await createPlacement(deps, seeded.dept, { talentId: talent.id, employerId, positionId: seeded.positions[0].id, kind: 'internship', startOn: '2025-03-01', endOn: '2025-06-30' });
  await createPlacement(deps, seeded.dept, { talentId: talent.id, employerId, kind: 'employment', startOn: '2025-07-01' });
}, 60_000);

describe('the placement table on a phone', () => {
  it('turns each placement into a labelled card that fits the screen', { timeout: 60_000 }, async () => {
    const { page, errors } = await s.page({ viewport: 'phone', token: await tokenOf('dept@example.cn') });
    await page.goto(`${s.url}/department/placements`);
    const box = page.locator('.table-scroll');
    // Nothing to scroll sideways, inside the box or on the page, and no hint saying to.
    expect(await box.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    expect(await page.locator('.scroll-hint').first().isVisible()).toBe(false);
    // Each placement is a card as wide as the screen allows, its values one under another, labelled.
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    const card = rows.first();
    expect(await card.evaluate((el) => getComputedStyle(el).display)).toBe('block');
    expect(await card.evaluate((el) => el.getBoundingClientRect().width)).toBeLessThanOrEqual(390);
    const labels = await card.locator('td').evaluateAll((tds) => tds.filter((td) => getComputedStyle(td).display !== 'none').map((td) => getComputedStyle(td, '::before').content));
    expect(labels).toContain('"用人单位"');
    expect(labels).toContain('"开始日期"');
    expect(await card.locator('th[scope="row"]').innerText()).toBe(talentName);
    // The sortable headers stay, as links that sort.
    const sortByStart = page.getByRole('link', { name: /开始日期/ });
    expect(await sortByStart.isVisible()).toBe(true);
    await sortByStart.click();
    await page.waitForURL(/sort=start/);
    expect(await page.locator('tbody tr').first().locator('td[data-label="开始日期"]').innerText()).toBe('2025-03-01');
    // The end form of the current placement still opens and fits.
    await page.locator('tbody tr details summary').first().click();
    expect(await page.getByLabel('结束日期').first().isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('stays a table with its column headers on a desktop', { timeout: 60_000 }, async () => {
    const { page, errors } = await s.page({ viewport: 'desktop', token: await tokenOf('dept@example.cn') });
    await page.goto(`${s.url}/department/placements`);
    expect(
      await page
        .locator('tbody tr')
        .first()
        .evaluate((el) => getComputedStyle(el).display),
    ).toBe('table-row');
    expect(await page.locator('thead th').nth(2).isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });
});
