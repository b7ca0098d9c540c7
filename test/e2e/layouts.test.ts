// Issue 11 §8 in Chromium at desktop (1280) and phone (390) width: the search page shows results
// first, the phone header folds into a menu button that opens and whose links work, the talent's
// recommendations start with their breakdowns folded, English talent cards word their vocabulary
// in English only, and a talent card's facts sit in a wrapping row.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { signIn } from '../../src/auth/auth.service';
import { useBrowser } from '../helpers/browser';
import { PASSWORD, seedDemo } from './seed';

const s = useBrowser();
const tokenOf = async (email: string) => (await signIn(s.t.deps, email, PASSWORD, 'layouts')).token;
beforeAll(async () => {
  await seedDemo(s.t.deps);
}, 60_000);

/** The element's top edge from the top of the document, in CSS pixels. */
const topOf = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => Math.round(el.getBoundingClientRect().top + window.scrollY));
const heightOf = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => Math.round(el.getBoundingClientRect().height));

describe('layouts people can use', () => {
  for (const [viewport, limit] of [
    ['desktop', 400],
    ['phone', 600],
  ] as const) {
    it(`search shows the results first at ${viewport} width`, { timeout: 60_000 }, async () => {
      const { page, errors } = await s.page({ viewport });
      await page.goto(`${s.url}/search`);
      expect(await topOf(page, '#results-title')).toBeLessThan(limit);
      const drawer = page.locator('details.facet-drawer');
      const firstFacet = page.locator('.facet-drawer .facet').first();
      if (viewport === 'phone') {
        // Folded behind "筛选"; opening it shows the facets, and choosing one filters.
        expect(await firstFacet.isVisible()).toBe(false);
        await drawer.locator('summary').click();
      }
      expect(await firstFacet.isVisible()).toBe(true);
      await page.getByLabel(/^全职/).check();
      await page.getByRole('button', { name: '筛选' }).last().click();
      await page.waitForURL(/employmentType=FULL_TIME/);
      expect(await page.locator('.search-hit').count()).toBe(2);
      expect(errors).toEqual([]);
    });
  }

  it('folds the phone header into a menu button that opens and whose links work', { timeout: 60_000 }, async () => {
    const { page, errors } = await s.page({ viewport: 'phone', token: await tokenOf('dept@example.cn') });
    await page.goto(`${s.url}/department`);
    expect(await heightOf(page, 'header.site-header')).toBeLessThan(120);
    const talents = page.getByRole('link', { name: '人才名录' });
    expect(await talents.isVisible()).toBe(false);
    await page.locator('.nav-menu summary').click();
    expect(await talents.isVisible()).toBe(true);
    await talents.click();
    await page.waitForURL(/\/department\/talents$/);
    expect(await page.locator('h1').innerText()).toBe('人才名录');
    // Folded again on the new page; the table scrolls sideways and says so.
    expect(await page.getByRole('link', { name: '人才名录' }).isVisible()).toBe(false);
    expect(await page.locator('.scroll-hint').first().isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('shows the whole navigation on a desktop without a menu button', { timeout: 60_000 }, async () => {
    const { page } = await s.page({ viewport: 'desktop', token: await tokenOf('dept@example.cn') });
    await page.goto(`${s.url}/department`);
    expect(await page.locator('.nav-menu summary').isVisible()).toBe(false);
    expect(await page.getByRole('link', { name: '人才名录' }).isVisible()).toBe(true);
  });

  it('starts the recommendations with their score breakdowns folded', { timeout: 60_000 }, async () => {
    const { page } = await s.page({ viewport: 'phone', token: await tokenOf('grad@example.cn') });
    await page.goto(`${s.url}/me/recommendations`);
    const folded = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(await page.locator('.record details[open]').count()).toBe(0);
    expect(await page.locator('.breakdown').first().isVisible()).toBe(false);
    // Unfolding every breakdown makes the page taller: folding is what saves the height.
    await page.evaluate(() => {
      for (const d of document.querySelectorAll('.record details')) (d as HTMLDetailsElement).open = true;
    });
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeGreaterThan(folded + 200);
  });

  it('words the English talent cards’ vocabulary without Chinese', { timeout: 60_000 }, async () => {
    const { page } = await s.page({ viewport: 'desktop', token: await tokenOf('dept@example.cn') });
    await page.goto(`${s.url}/department/search?lang=en`);
    const labels = await page.locator('.search-hit .vocab').allInnerTexts();
    expect(labels.length).toBeGreaterThanOrEqual(3);
    expect(labels.join('\n')).toContain('Service area: Elderly');
    for (const text of labels) expect(text).not.toMatch(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/);
  });

  it('sets a talent card’s facts in one wrapping row, not a bulleted list', { timeout: 60_000 }, async () => {
    const { page } = await s.page({ viewport: 'phone', token: await tokenOf('org0@example.cn') });
    await page.goto(`${s.url}/talents/search?q=${encodeURIComponent('社工')}`);
    const facts = page.locator('.search-hit .meta').first();
    expect(await facts.evaluate((el) => getComputedStyle(el).listStyleType)).toBe('none');
    // At least two facts share a line at 390 px.
    const tops = await facts.locator('li').evaluateAll((lis) => lis.map((li) => Math.round(li.getBoundingClientRect().top)));
    expect(tops.length).toBeGreaterThanOrEqual(3);
    expect(new Set(tops).size).toBeLessThan(tops.length);
  });
});
