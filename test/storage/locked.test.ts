// Issue 9, B4: another process holding the write lock never freezes the event loop. Requests wait
// asynchronously (with backoff) for a short lock, answer 503 `storage_busy` for a lasting one, and
// /health keeps answering at once throughout. The lock is held by a real second process.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../db/sqlite';
import { appOn, register, timed } from './helpers';

let dir: string;
let path: string;
let opened: ReturnType<typeof openSqlite>;
let t: Awaited<ReturnType<typeof appOn>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shegong-lock-'));
  path = join(dir, 'db.sqlite');
  opened = openSqlite(path);
  t = await appOn(opened.database);
});
afterAll(() => {
  opened.sqlite.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A second process that takes the write lock (BEGIN IMMEDIATE) and keeps it for `ms`. */
async function holdWriteLock(ms: number): Promise<{ child: ChildProcess; released: Promise<void> }> {
  const script = `
    const db = require('better-sqlite3')(process.argv[1]);
    db.exec('BEGIN IMMEDIATE');
    db.prepare("INSERT INTO instance_meta (key, value, updated_at) VALUES ('lock-holder', 'x', 0) ON CONFLICT (key) DO UPDATE SET updated_at = updated_at + 1").run();
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); }, Number(process.argv[2]));`;
  const child = spawn(process.execPath, ['-e', script, path, String(ms)], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => String(d).includes('locked') && resolve());
    child.once('exit', (code) => reject(new Error(`lock holder exited ${code}`)));
  });
  return { child, released: new Promise((r) => child.once('exit', () => r())) };
}

describe('a database locked by another process', () => {
  it('answers 503 storage_busy for a lasting lock while /health and reads answer at once', async () => {
    const { released } = await holdWriteLock(6000);
    const write = timed(() => register(t.app));
    // While the write waits for the lock, the loop is free: /health and a read answer quickly.
    await new Promise((r) => setTimeout(r, 300));
    const health = await timed(async () => t.app.request('/health'));
    expect(health.value.status).toBe(200);
    expect(health.ms).toBeLessThan(1000);
    expect(await health.value.json()).toMatchObject({ status: 'degraded', storage: { writable: false, reason: 'storage_busy' } });
    const read = await timed(async () => t.app.request('/api/v1/positions?regionCode=15'));
    expect(read.value.status).toBe(200);
    expect(read.ms).toBeLessThan(1000);

    const { value: res, ms } = await write;
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(await res.json()).toMatchObject({ status: 503, code: 'storage_busy' });
    expect(ms).toBeGreaterThan(2000);
    expect(ms).toBeLessThan(5500);
    await released;
    // The lock is gone: writes work again.
    expect((await register(t.app)).status).toBe(201);
  }, 20_000);

  it('waits out a short lock asynchronously and the write succeeds', async () => {
    const { released } = await holdWriteLock(1000);
    const write = timed(() => register(t.app));
    // A timer set now fires on time: nothing blocks the loop while the write waits.
    const tick = timed(() => new Promise((r) => setTimeout(r, 50)));
    expect((await tick).ms).toBeLessThan(300);
    const { value: res, ms } = await write;
    expect(res.status).toBe(201);
    expect(ms).toBeGreaterThan(500);
    await released;
  }, 20_000);
});
