// The browser harness fails loudly, with the install command, where Chromium is missing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

// vitest marks the tests under a failed beforeAll as skipped, but fails their file and the run.
it('a browser test file without Chromium fails, with the install command, and so does the run', { timeout: 120_000 }, async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'shegong-harness-')), 'report.json');
  const run = spawnSync('node_modules/.bin/vitest', ['run', '--config', 'test/e2e/fixtures/vitest.config.ts', '--reporter=json', `--outputFile=${out}`], {
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  expect(run.status).toBe(1);
  const report = JSON.parse(readFileSync(out, 'utf8')) as {
    numFailedTestSuites: number;
    numPassedTests: number;
    testResults: { status: string; message: string }[];
  };
  expect(report.numFailedTestSuites).toBe(1);
  expect(report.numPassedTests).toBe(0);
  expect(report.testResults).toHaveLength(1);
  expect(report.testResults[0].status).toBe('failed');
  expect(report.testResults[0].message).toContain('Chromium is not installed: apt-get install -y chromium fonts-noto-cjk');
});
