// Issue 11 §1 in Chromium: a graduate who forgot her password gets a link by mail (a real SMTP server
// in-process), sets a new one at phone width and signs in; and in demo mode without SMTP the link
// is read on the development mailbox page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startServer, type RunningServer } from '../helpers/browser';
import { signedIn } from '../helpers/app';
import { drainMail } from '../../src/mail';
import { smtpTransport } from '../../src/mail/smtp';
import { startSmtpSink, type SmtpSink } from '../mail/smtp-sink';

let server: RunningServer;
let browser: Browser;
let sink: SmtpSink;

beforeAll(async () => {
  [server, browser, sink] = await Promise.all([startServer(), launchChromium(), startSmtpSink()]);
});
afterAll(async () => {
  server.t.deps.mail?.close();
  await browser?.close();
  await server?.close();
  await sink?.close();
});

async function open(width: number): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width, height: width < 500 ? 844 : 900 } });
  context.setDefaultTimeout(15_000);
  return context.newPage();
}

async function askForLink(page: Page, email: string) {
  await page.goto(`${server.url}/sign-in`);
  await page.getByRole('link', { name: '忘记密码？' }).click();
  await page.getByLabel('邮箱').fill(email);
  await page.getByRole('button', { name: '发送重置链接' }).click();
  await expect.poll(() => page.locator('main').innerText()).toContain('重置链接已发送');
}

async function setNewPassword(page: Page, link: string, email: string) {
  await page.goto(link);
  await page.getByLabel('新密码').fill('my brand new password');
  await page.getByRole('button', { name: '保存新密码' }).click();
  await expect.poll(() => page.locator('main').innerText()).toContain('密码已重置');
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill('my brand new password');
  await page.getByRole('button', { name: '登录' }).click();
  await expect.poll(() => page.url()).not.toContain('/sign-in');
  // The link worked once: opening it again says so.
  await page.goto(link);
  expect(await page.locator('main').innerText()).toContain('这个链接无效、已使用或已过期');
}

describe('password reset in a browser', () => {
  it('by mail through SMTP, at phone width', { timeout: 90_000 }, async () => {
    const { t } = server;
    t.deps.mail = smtpTransport(sink.url);
    t.deps.config.publicOrigin = server.url;
    const user = await signedIn(t, 'graduate');
    const page = await open(390);
    await askForLink(page, user.email);
    await drainMail(t.deps);
    const mail = sink.received.find((m) => m.to === user.email && m.subject.startsWith('重置密码'));
    expect(mail?.subject).toBe('重置密码 / Reset your password');
    const link = mail!.text.split('\n').find((l) => l.startsWith(server.url))!;
    await setNewPassword(page, link, user.email);
    // Her old session ended.
    expect((await user.get('/api/v1/me')).status).toBe(401);
  });

  it('in demo mode without SMTP, through the development mailbox, at desktop width', { timeout: 90_000 }, async () => {
    const { t } = server;
    t.deps.mail?.close();
    t.deps.mail = undefined;
    t.deps.config.publicOrigin = undefined;
    t.deps.config.mode = 'demo';
    const user = await signedIn(t, 'employer');
    const page = await open(1280);
    await askForLink(page, user.email);
    await page.goto(`${server.url}/dev/mailbox`);
    const letter = page.locator('article', { hasText: user.email }).filter({ hasText: '重置密码' }).first();
    await letter.getByRole('link').click();
    expect(page.url()).toContain('/password/reset?token=');
    await setNewPassword(page, page.url(), user.email);
    // A production server has no mailbox page.
    t.deps.config.mode = 'production';
    expect((await fetch(`${server.url}/dev/mailbox`)).status).toBe(404);
  });
});
