// Issue 9, C3: `npm run cli -- backup` makes a consistent copy while another process keeps writing;
// `restore` refuses a different or missing data key and a running server, replaces the database, and
// rebuilds the search index so no document newer than the backup survives. The server refuses to
// start with a different or missing key. Everything runs the real CLI in its own process.
import { spawn } from 'node:child_process';
import BetterSqlite3 from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/env';
import { restoreDatabase } from '../../src/ops/restore';
import { buildNodeDeps } from '../../src/server';
import { startNodeSearch } from '../../search/node';
import { addTalent, startTestMeili, type TestMeili } from '../search/fixtures';
import { indexIds, runTsx } from './helpers';

let dir: string;
let dataDir: string;
let dbPath: string;
let meili: TestMeili;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shegong-backup-'));
  dataDir = join(dir, 'data');
  dbPath = join(dataDir, 'live.sqlite');
  meili = await startTestMeili();
  // A server's first start: generates the data key, records its fingerprint.
  const { deps, close } = await buildNodeDeps(parseEnv({ DATABASE_PATH: dbPath, DATA_DIR: dataDir, LOG_REQUESTS: 'false' }), { search: 'none' });
  for (let i = 0; i < 20; i++) await addTalent(deps.database, { name: `备份前${i}`, regionCode: '150102' });
  await close();
}, 60_000);

afterAll(async () => {
  await meili?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const env = () => ({ DATABASE_PATH: dbPath, DATA_DIR: dataDir, MEILI_URL: meili.sidecar.url, MEILI_MASTER_KEY: meili.sidecar.masterKey });

/** Another process writing two rows and a counter per transaction, as fast as it can. */
function startWriter() {
  const script = `
    const db = require('better-sqlite3')(process.argv[1]);
    db.pragma('busy_timeout = 5000');
    db.exec('CREATE TABLE IF NOT EXISTS writer_load (n INTEGER NOT NULL, half INTEGER NOT NULL)');
    const add = db.prepare('INSERT INTO writer_load (n, half) VALUES (?, ?)');
    const count = db.prepare("INSERT INTO instance_meta (key, value, updated_at) VALUES ('writer_count', '1', 0) ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1");
    const tx = db.transaction((n) => { add.run(n, 0); add.run(n, 1); count.run(); });
    let n = 0, stop = false;
    process.on('SIGTERM', () => { stop = true; });
    const step = () => { if (stop) { db.close(); process.exit(0); } for (let i = 0; i < 20; i++) tx(++n); if (n === 20) process.stdout.write('writing\\n'); setTimeout(step, 2); };
    step();`;
  const child = spawn(process.execPath, ['-e', script, dbPath], { stdio: ['ignore', 'pipe', 'inherit'] });
  const started = new Promise<void>((resolve) => child.stdout!.on('data', (d) => String(d).includes('writing') && resolve()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, started, exited };
}

function load(path: string) {
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    return {
      rows: db.prepare('SELECT count(*) FROM writer_load').pluck().get() as number,
      counter: Number(db.prepare("SELECT value FROM instance_meta WHERE key = 'writer_count'").pluck().get()),
      talents: db.prepare('SELECT id FROM talents ORDER BY id').pluck().all() as string[],
      fingerprint: db.prepare("SELECT value FROM instance_meta WHERE key = 'data_key_fingerprint'").pluck().get() as string,
    };
  } finally {
    db.close();
  }
}

describe('backup and restore', () => {
  it('backs up under write load, refuses the wrong key, restores and rebuilds the index', async () => {
    const writer = startWriter();
    await writer.started;
    const backupFile = join(dir, 'backup.sqlite');
    const backup = await runTsx('src/cli.ts', ['backup', '--to', backupFile], env());
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(JSON.parse(backup.stdout.trim().split('\n').at(-1)!)).toMatchObject({ msg: 'backup written', talents: 20 });
    await new Promise((r) => setTimeout(r, 300));
    writer.child.kill('SIGTERM');
    await writer.exited;

    // Consistent: every transaction in the copy is whole, and writes went on during and after it.
    const copy = load(backupFile);
    expect(copy.counter).toBeGreaterThan(0);
    expect(copy.rows).toBe(copy.counter * 2);
    const live = load(dbPath);
    expect(live.rows).toBe(live.counter * 2);
    expect(live.counter).toBeGreaterThan(copy.counter);
    expect(copy.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    // A backup never overwrites.
    expect((await runTsx('src/cli.ts', ['backup', '--to', backupFile], env())).code).toBe(1);

    // After the backup: a talent the backup does not have, indexed by a server.
    {
      const { deps, close } = await buildNodeDeps(parseEnv({ DATABASE_PATH: dbPath, DATA_DIR: dataDir, LOG_REQUESTS: 'false' }), { search: 'none' });
      await addTalent(deps.database, { name: '备份后新增', regionCode: '150102' });
      const node = await startNodeSearch({
        database: deps.database,
        now: () => Date.now(),
        log: () => {},
        dataDir,
        meiliUrl: meili.sidecar.url,
        meiliMasterKey: meili.sidecar.masterKey,
        drainLoop: false,
      });
      await node.search.drain!.drainAll(30_000);
      await node.stop();
      await close();
    }
    const before = load(dbPath);
    expect(before.talents).toHaveLength(21);
    expect(await indexIds(meili.sidecar.url, meili.sidecar.masterKey, 'talents')).toEqual(before.talents);

    // A different key, or none: refused, nothing changed, no key made up.
    const wrongKey = await runTsx('src/cli.ts', ['restore', backupFile], { ...env(), DATA_KEY: randomBytes(32).toString('base64') });
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toMatch(/data key does not match/);
    const keyless = join(dir, 'keyless');
    mkdirSync(keyless);
    const noKey = await runTsx('src/cli.ts', ['restore', backupFile], { ...env(), DATA_DIR: keyless });
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toMatch(/data key is missing/);
    expect(existsSync(join(keyless, 'data-key'))).toBe(false);
    expect(load(dbPath)).toEqual(before);

    // While a server runs on DATA_DIR: refused.
    writeFileSync(join(dataDir, 'server.pid'), JSON.stringify({ pid: process.pid }));
    await expect(restoreDatabase(backupFile, parseEnv(env()), () => {})).rejects.toThrow(/server \(pid \d+\) is running/);
    rmSync(join(dataDir, 'server.pid'));

    const restore = await runTsx('src/cli.ts', ['restore', backupFile], env());
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(JSON.parse(restore.stdout.trim().split('\n').at(-1)!)).toMatchObject({ msg: 'restore done', talents: 20, search: 'rebuilt' });
    const restored = load(dbPath);
    expect({ rows: restored.rows, counter: restored.counter, talents: restored.talents }).toEqual({ rows: copy.rows, counter: copy.counter, talents: copy.talents });
    expect(readdirSync(dataDir).some((f) => f.startsWith('live.sqlite.before-restore-'))).toBe(true);
    // The index equals the restored database: the talent written after the backup is gone.
    expect(await indexIds(meili.sidecar.url, meili.sidecar.masterKey, 'talents')).toEqual(restored.talents);
  }, 400_000);

  it('the server refuses to start with a different or missing data key', async () => {
    await expect(buildNodeDeps(parseEnv({ DATABASE_PATH: dbPath, DATA_DIR: dataDir, DATA_KEY: randomBytes(32).toString('base64') }), { search: 'none' })).rejects.toThrow(
      /data key does not match/,
    );
    const keyless = mkdtempSync(join(dir, 'nokey-'));
    await expect(buildNodeDeps(parseEnv({ DATABASE_PATH: dbPath, DATA_DIR: keyless }), { search: 'none' })).rejects.toThrow(/data key is missing/);
    expect(existsSync(join(keyless, 'data-key'))).toBe(false);
    // With its own key it starts.
    const { close } = await buildNodeDeps(parseEnv({ DATABASE_PATH: dbPath, DATA_DIR: dataDir }), { search: 'none' });
    await close();
  }, 60_000);
});
