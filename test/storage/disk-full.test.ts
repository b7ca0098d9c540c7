// Issue 9, B5 with a real full disk: the database lives on a tmpfs of a few MiB in a private mount
// namespace (unshare), filled to the last byte. Writes answer 503 storage_full with SQLite's own error
// in the log, /health says degraded; once space is freed, writes and /health recover.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const canMount = spawnSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=1m tmpfs /mnt'], { stdio: 'ignore' }).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'shegong-full-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
const register = (base: string) =>
  fetch(`${base}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `full.${Date.now()}.${++n}@example.cn`, password: 'correct horse battery', displayName: '测试', role: 'graduate' }),
  });

describe.skipIf(!canMount)('a full disk', () => {
  it('answers 503 storage_full, logs the real error, reports degraded, and recovers when space is freed', async () => {
    const child = spawn(
      'unshare',
      ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=24m tmpfs "$0" && exec "$1" --import tsx test/storage/disk-full.child.ts "$0"', dir, process.execPath],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    try {
      const lines: Record<string, unknown>[] = [];
      let buf = '';
      child.stdout!.on('data', (d) => {
        buf += d;
        let i: number;
        while ((i = buf.indexOf('\n')) >= 0) {
          lines.push(JSON.parse(buf.slice(0, i)));
          buf = buf.slice(i + 1);
        }
      });
      const wait = async (pred: () => boolean) => {
        for (let i = 0; i < 600 && !pred(); i++) await new Promise((r) => setTimeout(r, 100));
        if (!pred()) throw new Error('the child did not answer');
      };
      await wait(() => lines.some((l) => 'port' in l));
      const base = `http://127.0.0.1:${lines.find((l) => 'port' in l)!.port}`;

      const res = await register(base);
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toMatchObject({ code: 'storage_full' });
      expect(await (await fetch(`${base}/health`)).json()).toMatchObject({ status: 'degraded', storage: { writable: false, reason: 'storage_full' } });

      child.kill('SIGUSR2');
      await wait(() => lines.some((l) => l.freed));
      const logged = JSON.stringify(lines.find((l) => l.freed)!.logs);
      expect(logged).toContain('database or disk is full');
      expect(logged).not.toContain('cannot rollback');
      expect((await register(base)).status).toBe(201);
      await new Promise((r) => setTimeout(r, 5100)); // the probe runs at most every 5 s
      expect(await (await fetch(`${base}/health`)).json()).toMatchObject({ status: 'ok', storage: { writable: true } });
    } finally {
      child.kill('SIGKILL');
    }
  }, 120_000);
});
