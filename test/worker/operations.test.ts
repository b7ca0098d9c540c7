// Issue 9, C5 (Workers operations): `npm run dev:worker` starts from a clean tree (no .wrangler/ yet)
// and shows the app's own log lines. (The cron's pruning is tested on the worker of worker.test.ts.)
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/d1';

const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const c of cleanups.reverse()) c();
});

describe('Workers operations', () => {
  it('npm run dev:worker starts from a clean tree and does not hide the app log', async () => {
    // A clean tree: the repository's files without .wrangler/ or public/, with its node_modules.
    const tree = mkdtempSync(join(tmpdir(), 'shegong-clean-'));
    cleanups.push(() => rmSync(tree, { recursive: true, force: true }));
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { encoding: 'utf8' }).split('\0').filter(Boolean);
    for (const f of files) {
      if (!existsSync(f)) continue;
      mkdirSync(dirname(join(tree, f)), { recursive: true });
      cpSync(f, join(tree, f));
    }
    symlinkSync(resolve('node_modules'), join(tree, 'node_modules'));
    expect(existsSync(join(tree, '.wrangler'))).toBe(false);

    const port = await freePort();
    const dev: ChildProcess = spawn('node_modules/.bin/tsx', ['scripts/worker-dev.ts'], {
      cwd: tree,
      env: { ...process.env, PORT: String(port), WRANGLER_SEND_METRICS: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    cleanups.push(() => {
      try {
        process.kill(-dev.pid!, 'SIGTERM');
      } catch {
        // gone
      }
    });
    let output = '';
    dev.stdout!.on('data', (d) => (output += d));
    dev.stderr!.on('data', (d) => (output += d));
    const deadline = Date.now() + 150_000;
    while (!output.includes(`http://localhost:${port}`)) {
      if (dev.exitCode !== null) throw new Error(`dev:worker exited ${dev.exitCode}:\n${output}`);
      if (Date.now() > deadline) throw new Error(`dev:worker did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(statSync(join(tree, '.wrangler', 'data-key')).mode & 0o777).toBe(0o600);
    expect((await fetch(`http://127.0.0.1:${port}/api/v1/positions?regionCode=15`)).status).toBe(200);
    // The app's request log line (console.log) reaches the terminal.
    for (let i = 0; i < 40 && !/"path":"\/api\/v1\/positions"/.test(output); i++) await new Promise((r) => setTimeout(r, 250));
    expect(output).toMatch(/"path":"\/api\/v1\/positions","status":200/);
  }, 240_000);
});
