// The browser harness fails loudly, with the install command, where Chromium is missing.
import { expect, it } from 'vitest';
import { launchChromium } from './harness';

it('refuses to run without Chromium and says how to install it', async () => {
  await expect(launchChromium('/nonexistent/chromium')).rejects.toThrow(
    "Chromium is not installed (no /nonexistent/chromium); the browser tests need it. Install Debian's Chromium and the CJK fonts: apt-get install chromium fonts-noto-cjk",
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
