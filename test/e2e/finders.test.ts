// The department's new-agreement form in Chromium: searching for a talent or an employer, and
// choosing one, keeps what was already typed in the form (the finders carry it; web/static/app.js).
import { beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, useBrowser } from '../helpers/browser';
import { PASSWORD, seedDemo } from './seed';
import { createSession } from '../../src/auth/sessions';

const server = useBrowser();
// One demo seed for the file (the server is shared); each test leaves the other's data alone.
beforeAll(() => seedDemo(server.t.deps));

describe('finders above a form', () => {
  it('keep the typed fields and the chosen talent through a search and a choice', { timeout: 120_000 }, async () => {
    const { page, errors } = await server.page({ viewport: DESKTOP, signIn: { email: 'dept@example.cn', password: PASSWORD } });
    await page.goto(`${server.url}/department/agreements`);
    const form = page.locator('#new-agreement-form');
    await form.getByLabel('培养院校').fill('内蒙古师范大学');
    await form.getByLabel('入学年份').fill('2022');

    // Search a talent by part of her name, then choose her from the results.
    await page.locator('#new-agreement').getByRole('searchbox').first().fill('李');
    await page.locator('#new-agreement').getByRole('button', { name: '查找' }).first().click();
    await page.waitForURL(/find=/);
    expect(await form.getByLabel('培养院校').inputValue()).toBe('内蒙古师范大学');
    expect(await form.getByLabel('入学年份').inputValue()).toBe('2022');
    await page.locator('.finder-results').first().getByRole('link').first().click();
    await page.waitForURL(/talentId=/);
    expect(await form.getByLabel('培养院校').inputValue()).toBe('内蒙古师范大学');
    expect(await page.locator('#new-agreement').innerText()).toContain('李娜');

    // Searching an employer next keeps the chosen talent as well as the typed fields.
    await page.locator('#new-agreement').getByRole('searchbox').nth(1).fill('社会工作');
    await page.locator('#new-agreement').getByRole('button', { name: '查找' }).nth(1).click();
    await page.waitForURL(/efind=/);
    expect(await form.getByLabel('入学年份').inputValue()).toBe('2022');
    expect(await form.locator('select[name="talentId"]').inputValue()).not.toBe('');
    expect(errors).toEqual([]);
  });
});

describe('the new-placement form', () => {
  it('shows the chosen talent’s agreements as soon as she is chosen from the list', { timeout: 120_000 }, async () => {
    const db = server.t.deps.database.db;
    const dept = await db.selectFrom('users').select('id').where('email', '=', 'dept@example.cn').executeTakeFirstOrThrow();
    const talent = await db.selectFrom('talents').select('id').where('name', '=', '李娜').executeTakeFirstOrThrow();
    const token = await createSession(server.t.deps.database, dept.id, Date.now());
    const res = await server.t.app.request('/api/v1/agreements', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        talentId: talent.id,
        targetRegionCode: '1501',
        institution: '内蒙古大学',
        enrolmentYear: 2021,
        graduationYear: 2025,
        serviceYears: 3,
        signedOn: '2021-09-01',
        status: 'awaiting_placement',
      }),
    });
    expect(res.status, await res.clone().text()).toBe(201);

    const { page, errors } = await server.page({ viewport: DESKTOP, signIn: { email: 'dept@example.cn', password: PASSWORD } });
    await page.goto(`${server.url}/department/placements`);
    const form = page.locator('#new-placement-form');
    await form.getByLabel('开始日期').fill('2026-07-01');
    await page.locator('#new-placement').getByRole('searchbox').first().fill('李');
    await page.locator('#new-placement').getByRole('button', { name: '查找' }).first().click();
    await page.waitForURL(/find=/);
    // Choosing her in the list (not by the link) shows the form again with her agreement offered.
    await form.locator('select[name="talentId"]').selectOption(talent.id);
    await page.waitForURL(new RegExp(`talentId=${talent.id}`));
    expect(await form.locator('select[name="agreementId"] option').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('内蒙古大学')]));
    expect(await form.getByLabel('开始日期').inputValue()).toBe('2026-07-01');
    expect(errors).toEqual([]);
  });
});
