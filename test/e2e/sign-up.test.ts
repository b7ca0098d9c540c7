// Issue 11 §1 in Chromium: sign-up never says whether an address has an account. In demo mode the
// mail shows on the development mailbox: a new address follows its link and lands signed in; an
// address that has an account gets the same page and a warning letter instead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startServer, type RunningServer } from '../helpers/browser';
import { signedIn } from '../helpers/app';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
  server.t.deps.config.mode = 'demo'; // no SMTP: mail shows on /dev/mailbox
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(width: number): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width, height: width < 500 ? 844 : 900 } });
  context.setDefaultTimeout(15_000);
  return context.newPage();
}

async function signUp(page: Page, email: string) {
  await page.goto(`${server.url}/sign-up`);
  await page.getByRole('radio', { name: /毕业生/ }).check();
  await page.getByLabel('姓名或单位简称').fill('赵雨桐');
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill('a long password');
  await page.getByRole('button', { name: '注册' }).click();
  await page.waitForURL('**/sign-up/sent');
  return page.locator('main').innerText();
}

async function letter(page: Page, email: string, subject: string) {
  await page.goto(`${server.url}/dev/mailbox`);
  return page.locator('article', { hasText: email }).filter({ hasText: subject }).first();
}

describe('sign-up in a browser', () => {
  for (const width of [390, 1280]) {
    it(`a new address confirms by mail and lands signed in; a registered one sees the same page (${width} px)`, { timeout: 90_000 }, async () => {
      const page = await open(width);
      const email = `zhao.yutong.${width}@example.cn`;
      const sent = await signUp(page, email);
      expect(sent).toContain('请查收邮件');
      const mail = await letter(page, email, '确认注册');
      await mail.getByRole('link').click();
      expect(page.url()).toContain('/sign-up/confirm?token=');
      await page.getByRole('button', { name: '创建账号' }).click();
      await page.waitForURL('**/me/profile');
      expect(await page.locator('main').innerText()).toContain('注册成功');

      // Someone else tries the address of an existing account: the same page, and a warning letter.
      const existing = await signedIn(server.t, 'employer', { email: `li.na.${width}@example.cn` });
      const other = await open(width);
      expect(await signUp(other, existing.email)).toBe(sent);
      const warning = await letter(other, existing.email, '有人尝试用您的邮箱注册');
      expect(await warning.innerText()).toContain('/password/forgot');
      expect(await warning.getByRole('link', { name: /sign-up\/confirm/ }).count()).toBe(0);
    });
  }
});
