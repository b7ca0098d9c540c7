// Regions are picked by name, never typed as codes (issue 11 §4), in Chromium at desktop and phone
// width, with and without script: a graduate saves a profile with two preferred cities picked by
// name and sees them by name, in Chinese and (romanised with pinyin) in English.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser } from '../helpers/browser';

const server = useBrowser();

async function signUp(page: Page, email: string) {
  await page.goto(server.url + '/sign-up');
  await page.getByRole('radio', { name: /毕业生/ }).check();
  await page.getByLabel('姓名或单位简称').fill('王雨桐');
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill('a long password');
  await page.getByRole('button', { name: '注册' }).click();
  await page.waitForURL('**/me/profile');
}

async function savedRegions(email: string) {
  const row = await server.t.deps.database.db
    .selectFrom('talents')
    .innerJoin('users', 'users.id', 'talents.user_id')
    .select(['talents.region_code', 'talents.preferred_regions'])
    .where('users.email', '=', email)
    .executeTakeFirstOrThrow();
  return { region: row.region_code, preferred: JSON.parse(row.preferred_regions) as string[] };
}

describe('a graduate picks regions by name', () => {
  it('with script, at desktop width: types two cities, each becomes a chip, saves, sees the names', { timeout: 120_000 }, async () => {
    const { page, errors } = await server.page({ viewport: 'desktop', errors: 'all' });
    await signUp(page, 'yutong.desktop@example.cn');
    await page.getByRole('textbox', { name: '姓名', exact: true }).fill('王雨桐');
    const region = page.getByRole('group', { name: '所在地区' });
    await region.getByLabel('省级').selectOption({ label: '内蒙古自治区' });
    await region.getByLabel('市级').selectOption({ label: '包头市' });
    await expect.poll(() => region.locator('.region-name').innerText()).toBe('当前：内蒙古自治区包头市');
    const preferred = page.getByRole('group', { name: '意向地区' });
    for (const [i, city] of ['呼和浩特', '包头市'].entries()) {
      await preferred.getByLabel('或输入地名').fill(city);
      await preferred.getByRole('button', { name: '添加' }).click();
      // As a person would: the next name once this one shows as a chip (the lookup is a request).
      await expect.poll(() => preferred.locator('.chip').count()).toBe(i + 1);
    }
    await expect.poll(() => preferred.locator('.chip').allInnerTexts()).toEqual(['内蒙古自治区呼和浩特市', '内蒙古自治区包头市']);
    expect(await page.locator('main').innerText()).not.toMatch(/\b1501\b|\b1502\b/);
    await page.getByRole('button', { name: '保存档案' }).click();
    await page.waitForURL('**/me/profile');
    const main = await page.locator('main').innerText();
    expect(main).toContain('档案已保存');
    expect(main).toContain('内蒙古自治区呼和浩特市、内蒙古自治区包头市');
    expect(await savedRegions('yutong.desktop@example.cn')).toEqual({ region: '1502', preferred: ['1501', '1502'] });
    await page.goto(server.url + '/me/profile?lang=en');
    expect(await page.locator('main').innerText()).toContain('Huhehaote City, Neimenggu Autonomous Region');
    expect(errors).toEqual([]);
  });

  it('without script, at phone width: next level and add post the form again; an ambiguous name is explained', { timeout: 120_000 }, async () => {
    const { page } = await server.page({ viewport: 'phone', javaScriptEnabled: false });
    await signUp(page, 'yutong.phone@example.cn');
    await page.getByRole('textbox', { name: '姓名', exact: true }).fill('王雨桐');
    const region = page.getByRole('group', { name: '所在地区' });
    await region.getByLabel('或输入地名').fill('新城区');
    const preferred = page.getByRole('group', { name: '意向地区' });
    await preferred.getByLabel('省级').selectOption({ label: '内蒙古自治区' });
    await preferred.getByRole('button', { name: '下一级' }).click();
    await preferred.getByLabel('市级').selectOption({ label: '呼和浩特市' });
    await preferred.getByRole('button', { name: '添加' }).click();
    // "新城区" is a district of several cities: the form says which, next to the field.
    expect(await region.locator('.field-error').innerText()).toMatch(/“新城区”对应多个地区：.*内蒙古自治区呼和浩特市新城区/);
    await region.getByLabel('或输入地名').fill('呼和浩特市新城区');
    await preferred.getByLabel('或输入地名').fill('包头');
    await page.getByRole('button', { name: '保存档案' }).click();
    await page.waitForURL('**/me/profile');
    expect(await page.locator('main').innerText()).toContain('内蒙古自治区呼和浩特市、内蒙古自治区包头市');
    expect(await savedRegions('yutong.phone@example.cn')).toEqual({ region: '150102', preferred: ['1501', '1502'] });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });
});
