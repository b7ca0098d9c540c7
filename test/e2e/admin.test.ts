// Issue 11 §3 in Chromium, at desktop and phone width: a graduate is locked out after too many wrong
// passwords; the admin signs in, lands on the console, follows the throttled sign-ins card, finds
// her by a part of her email, lifts the limit, and she signs in at once.
import { describe, expect, it } from 'vitest';
import { fitsWidth, signInThroughForm, useBrowser } from '../helpers/browser';
import { createAccount } from '../../src/auth';
import { uniqueEmail } from '../helpers/app';

const s = useBrowser();
const PASSWORD = 'correct horse battery';

async function lockedOutGraduate(): Promise<string> {
  const email = uniqueEmail('locked');
  await createAccount(s.t.deps, { email, password: PASSWORD, displayName: '王雨桐', role: 'graduate' });
  for (let i = 0; i < 5; i++) {
    const res = await fetch(`${s.url}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'not her password' }),
    });
    expect(res.status).toBe(401);
  }
  return email;
}

describe('the admin unlocks a throttled account', () => {
  for (const viewport of ['desktop', 'phone'] as const) {
    it(`finds her by email and unlocks her; she signs in (${viewport})`, { timeout: 90_000 }, async () => {
      const adminEmail = uniqueEmail('admin');
      await createAccount(s.t.deps, { email: adminEmail, password: PASSWORD, displayName: '系统管理员', role: 'admin' });
      const email = await lockedOutGraduate();

      // She is refused for now.
      const her = await s.page({ viewport, errors: 'none' });
      await her.page.goto(`${s.url}/sign-in`);
      await her.page.getByLabel('邮箱').fill(email);
      await her.page.getByLabel('密码').fill(PASSWORD);
      await her.page.getByRole('button', { name: '登录' }).click();
      await expect.poll(() => her.page.locator('main').innerText()).toContain('尝试次数过多');

      const { page, errors } = await s.page({ viewport, signIn: { email: adminEmail, password: PASSWORD } });
      expect(new URL(page.url()).pathname).toBe('/admin');
      await page.locator('a.admin-card', { hasText: '登录受限的账号' }).click();
      await page.getByLabel('邮箱').fill(email.split('@')[0]);
      await page.getByRole('button', { name: '查找' }).click();
      const row = page.locator('#users tbody tr', { hasText: email });
      await expect.poll(() => row.innerText()).toContain('登录受限');
      expect(await fitsWidth(page)).toBe(true);
      await row.getByRole('button', { name: '解除登录限制' }).click();
      await expect.poll(() => page.locator('main').innerText()).toContain('登录限制已解除');
      expect(await page.locator('#users tbody tr', { hasText: email }).innerText()).toContain('正常');
      expect(errors).toEqual([]);

      await signInThroughForm(her.page, s.url, email, PASSWORD);
      expect(new URL(her.page.url()).pathname).toBe('/me/profile');
      const audit = await s.t.deps.database.db.selectFrom('audit_log').select('action').where('action', '=', 'unlock_account').execute();
      expect(audit.length).toBeGreaterThan(0);
    });
  }
});
