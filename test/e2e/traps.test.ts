// Revealing an ID number in Chromium, at desktop and phone width (issue 11 §6): the department opens
// the confirmation step from the talent list, picks a purpose, sees the number once on the page it
// is redirected to, reloads, and the number is masked again; the audit log holds one row with the
// purpose per reveal.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DESKTOP, fitsWidth, PHONE, screenshot, useBrowser } from '../helpers/browser';
import { idNumber } from '../helpers/ids';
import { PASSWORD, seedDemo } from './seed';

const server = useBrowser();
const FULL = idNumber('150102', '1999-03-07', '123');
const main = (page: Page) => page.locator('main').innerText();

/** With TRAPS_SCREENSHOTS=<dir>, full-page screenshots of the steps (for looking at, not asserted). */
async function shot(page: Page, name: string) {
  const dir = process.env.TRAPS_SCREENSHOTS;
  if (dir) await screenshot(page, `${dir}/${name}.png`);
}

describe('revealing an ID number in a browser', () => {
  it('asks for the purpose, shows the number once, and a reload writes no second audit row', { timeout: 120_000 }, async () => {
    await seedDemo(server.t.deps);
    const audit = () => server.t.deps.database.db.selectFrom('audit_log').select('detail').where('action', '=', 'reveal_id_number').execute();

    for (const [viewport, name] of [
      [DESKTOP, 'desktop'],
      [PHONE, 'phone'],
    ] as const) {
      const { page, errors } = await server.page({ viewport, signIn: { email: 'dept@example.cn', password: PASSWORD } });
      const before = (await audit()).length;
      await page.goto(`${server.url}/department/talents?serviceArea=elderly`);
      const record = page.locator('tr', { hasText: '李娜' });
      await record.getByRole('link', { name: '查看完整身份证号' }).click();
      await page.waitForURL(/\/reveal\/confirm\?serviceArea=elderly$/);
      expect(await main(page)).toContain('查看会记入审计日志');
      expect(await fitsWidth(page)).toBe(true);
      await shot(page, `reveal-confirm-${name}`);

      // The purpose is required: the browser's own check stops an empty choice; "other" needs words.
      await page.getByLabel('查看用途').selectOption({ label: '其他' });
      await page.getByRole('button', { name: '确认查看并记录' }).click();
      await page.waitForLoadState();
      expect(await main(page)).toContain('用途选择“其他”时，请写明具体用途');
      expect(await audit()).toHaveLength(before);
      await shot(page, `reveal-confirm-error-${name}`);

      await page.getByLabel('查看用途').selectOption({ label: '核实身份' });
      await page.getByRole('button', { name: '确认查看并记录' }).click();
      await page.waitForURL(/\/department\/talents\?serviceArea=elderly(#.*)?$/);
      expect(page.url()).not.toContain(FULL);
      expect(await main(page)).toContain(FULL);
      expect(await fitsWidth(page)).toBe(true);
      await shot(page, `reveal-shown-${name}`);

      await page.reload();
      const after = await main(page);
      expect(after).not.toContain(FULL);
      expect(after).toContain(`1501**********${FULL.slice(-4)}`);
      const rows = await audit();
      expect(rows).toHaveLength(before + 1);
      expect(JSON.parse(rows.at(-1)!.detail!)).toEqual({ purpose: 'verify_identity' });
      expect(errors).toEqual([]);
    }
  });
});
