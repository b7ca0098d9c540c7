// The browser harness fails loudly, with the install command, where Chromium is missing.
import { expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';

it('refuses to run without Chromium and says how to install it', async () => {
  await expect(launchChromium('/nonexistent/chromium')).rejects.toThrow(
    'Chromium is not installed: apt-get install -y chromium fonts-noto-cjk (no /nonexistent/chromium; the browser tests need it and never skip)',
  );
});

it('starts the installed Chromium', async () => {
  const browser = await launchChromium();
  try {
    expect(browser.version()).toMatch(/^\d+\./);
  } finally {
    await browser.close();
  }
});
