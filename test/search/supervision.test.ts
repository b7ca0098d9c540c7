// Issue 9, C1: the local Meilisearch is supervised. Killed with -9 during writes, it is back and the
// outbox drained within 30 s, and the index equals the database. Never two on one data directory;
// an orphan is reaped at start; it dies with its owner, even when the owner is killed with -9; a
// second `npm start` does not repoint sidecar.json.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openMemoryCopy } from '../../db/sqlite';
import { processAlive } from '../../src/lib/pid-lock';
import { startNodeSearch } from '../../search/node';
import { freePort, SidecarBusyError, startMeiliSidecar } from '../../search/sidecar';
import { indexIds } from '../ops/helpers';
import { addTalent, NOW } from './fixtures';

const dirs: string[] = [];
const children: ChildProcess[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'shegong-supervise-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, fn: () => Promise<boolean> | boolean, timeoutMs: number): Promise<number> {
  const t0 = Date.now();
  while (!(await fn())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for: ${what}`);
    await sleep(100);
  }
  return Date.now() - t0;
}

/** pids of meilisearch processes running on this data directory. */
function meiliOn(dataDir: string): number[] {
  const dbPath = join(dataDir, 'meili', 'data.ms');
  const found: number[] = [];
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const argv = readFileSync(`/proc/${e}/cmdline`, 'utf8').split('\0');
      if (/meilisearch/.test(argv[0]) && argv[argv.indexOf('--db-path') + 1] === dbPath) found.push(Number(e));
    } catch {
      // gone
    }
  }
  return found;
}

function spawnTsx(args: string[], env: Record<string, string> = {}) {
  const child = spawn('node_modules/.bin/tsx', args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, exited, output: () => out };
}

async function startOwner(dataDir: string) {
  const owner = spawnTsx(['test/search/sidecar-owner.ts', dataDir]);
  await until('the owner to start its Meilisearch', () => owner.output().includes('meiliPid'), 90_000);
  return { ...owner, info: JSON.parse(owner.output().trim().split('\n')[0]) as { pid: number; meiliPid: number; url: string } };
}

describe('sidecar supervision', () => {
  it('comes back after kill -9 during writes; the outbox drains within 30 s and the index equals the database', async () => {
    const { sqlite, database } = openMemoryCopy();
    const node = await startNodeSearch({
      database,
      now: () => NOW,
      log: () => {},
      dataDir: tempDir(),
      sidecar: { env: 'development' },
      search: { drain: { baseBackoffMs: 100, maxBackoffMs: 2000, idleMs: 100 } },
    });
    try {
      const firstPid = node.sidecar!.pid;
      let writing = true;
      let written = 0;
      const writes = (async () => {
        while (writing) {
          await addTalent(database, { name: `写入${written}`, regionCode: '150102' });
          node.search.kick();
          written += 1;
          await sleep(20);
        }
      })();
      await sleep(800);
      process.kill(firstPid, 'SIGKILL');
      const killedAt = Date.now();
      await sleep(2000);
      writing = false;
      await writes;
      expect(written).toBeGreaterThan(20);
      await until(
        'a new Meilisearch and an empty outbox',
        async () => {
          if (node.sidecar!.pid === firstPid) return false;
          const status = await node.search.status();
          return status.meilisearch.reachable && status.outbox?.pending === 0;
        },
        30_000 - (Date.now() - killedAt),
      );
      expect(Date.now() - killedAt).toBeLessThan(30_000);
      const ids = (await database.db.selectFrom('talents').select('id').orderBy('id').execute()).map((r) => r.id).sort();
      expect(ids).toHaveLength(written);
      expect(await indexIds(node.sidecar!.url, node.sidecar!.masterKey, 'talents')).toEqual(ids);
      expect(meiliOn(node.sidecar!.dbPath.replace(/\/meili\/data\.ms$/, ''))).toEqual([node.sidecar!.pid]);
    } finally {
      await node.stop();
      sqlite.close();
    }
  }, 90_000);

  it('never runs two on one directory, dies with its owner (kill -9), and reaps an orphan at start', async () => {
    const dataDir = tempDir();
    const lockFile = join(dataDir, 'meili', 'sidecar.json');
    const owner = await startOwner(dataDir);
    const recorded = readFileSync(lockFile, 'utf8');
    await expect(startMeiliSidecar({ dataDir, env: 'development', log: () => {} })).rejects.toBeInstanceOf(SidecarBusyError);
    expect(readFileSync(lockFile, 'utf8')).toBe(recorded);
    expect(meiliOn(dataDir)).toEqual([owner.info.meiliPid]);
    // A one-off command on the same directory uses the owner's Meilisearch.
    const { sqlite, database } = openMemoryCopy();
    const attached = await startNodeSearch({ database, now: () => NOW, log: () => {}, dataDir, drainLoop: false });
    expect(attached.sidecar).toBeNull();
    expect(attached.search.meili).not.toBeNull();
    expect((await attached.search.status()).meilisearch.reachable).toBe(true);
    await attached.stop();
    sqlite.close();

    // Owner killed with -9 (the node process itself, not only tsx's launcher): its Meilisearch goes too.
    process.kill(owner.info.pid, 'SIGKILL');
    await until('the orphaned Meilisearch to be stopped by the watchdog', () => !processAlive(owner.info.meiliPid, /meilisearch/), 10_000);

    // An orphan that escaped (its watchdog killed too) is reaped by the next start.
    const second = await startOwner(dataDir);
    const watchdogPid = JSON.parse(readFileSync(lockFile, 'utf8')).watchdogPid as number;
    process.kill(watchdogPid, 'SIGKILL');
    process.kill(second.info.pid, 'SIGKILL');
    await second.exited;
    await sleep(500);
    expect(processAlive(second.info.meiliPid, /meilisearch/)).toBe(true);
    const logs: Record<string, unknown>[] = [];
    const next = await startMeiliSidecar({ dataDir, env: 'development', log: (e) => logs.push(e) });
    try {
      expect(processAlive(second.info.meiliPid, /meilisearch/)).toBe(false);
      expect(meiliOn(dataDir)).toEqual([next!.pid]);
      expect(logs.some((l) => String(l.msg).includes('orphan'))).toBe(true);
    } finally {
      await next!.stop();
    }
    expect(meiliOn(dataDir)).toEqual([]);
  }, 180_000);

  it('a second npm start (same DATA_DIR, or a busy port) leaves the running server and its sidecar.json alone', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const env = { DATA_DIR: dataDir, DATABASE_PATH: join(dataDir, 'db.sqlite'), PORT: String(port), LOG_REQUESTS: 'false' };
    const first = spawnTsx(['src/server.ts'], env);
    await until('the first server', async () => (await fetch(`http://127.0.0.1:${port}/health`).catch(() => null))?.ok === true, 150_000);
    const lockFile = join(dataDir, 'meili', 'sidecar.json');
    const recorded = readFileSync(lockFile, 'utf8');
    const meiliPid = JSON.parse(recorded).meiliPid as number;

    const same = spawnTsx(['src/server.ts'], env);
    expect(await same.exited).toBe(1);
    expect(same.output()).toMatch(/Another shegong server/);
    const otherDir = tempDir();
    const busyPort = spawnTsx(['src/server.ts'], { ...env, DATA_DIR: otherDir, DATABASE_PATH: join(otherDir, 'db.sqlite') });
    expect(await busyPort.exited).toBe(1);
    expect(busyPort.output()).toMatch(/EADDRINUSE/);
    expect(meiliOn(otherDir)).toEqual([]);

    expect(readFileSync(lockFile, 'utf8')).toBe(recorded);
    expect(meiliOn(dataDir)).toEqual([meiliPid]);
    expect((await fetch(`http://127.0.0.1:${port}/api/v1/search/positions?q=社工`)).status).toBe(200);

    process.kill(JSON.parse(readFileSync(join(dataDir, 'server.pid'), 'utf8')).pid as number, 'SIGKILL');
    await until('the Meilisearch of the killed server to stop', () => !processAlive(meiliPid, /meilisearch/), 10_000);
  }, 300_000);
});
