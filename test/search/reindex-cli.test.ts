// Issue 9, C2: `npm run reindex` cannot empty a live index. A missing database is refused (and not
// created), a database without talents too unless --allow-empty; it uses the running server's
// Meilisearch (sidecar.json) and never starts a second one on the same directory.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../db/sqlite';
import { startMeiliSidecar, type MeiliSidecar } from '../../search/sidecar';
import { indexIds, runTsx } from '../ops/helpers';
import { addTalent } from './fixtures';

let dir: string;
let sidecar: MeiliSidecar;
let talents: string[];
const full = () => join(dir, 'full.sqlite');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shegong-reindex-'));
  // The "server": owns the Meilisearch of DATA_DIR.
  sidecar = (await startMeiliSidecar({ dataDir: dir, env: 'development', log: () => {} }))!;
  const { sqlite, database } = openSqlite(full());
  for (let i = 0; i < 5; i++) await addTalent(database, { name: `重建${i}`, regionCode: '150102' });
  talents = (sqlite.prepare('SELECT id FROM talents ORDER BY id').pluck().all() as string[]).sort();
  sqlite.close();
  const empty = openSqlite(join(dir, 'empty.sqlite'));
  empty.sqlite.close();
}, 60_000);

afterAll(async () => {
  await sidecar?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const meiliProcesses = () =>
  readdirSync('/proc').filter((p) => {
    try {
      return /^\d+$/.test(p) && readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(join(dir, 'meili', 'data.ms'));
    } catch {
      return false;
    }
  }).length;

describe('npm run reindex', () => {
  it('rebuilds from a real database in the running server Meilisearch, and refuses to empty it', async () => {
    const recorded = readFileSync(join(dir, 'meili', 'sidecar.json'), 'utf8');
    const ok = await runTsx('src/reindex-cli.ts', ['all'], { DATA_DIR: dir, DATABASE_PATH: full() });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(await indexIds(sidecar.url, sidecar.masterKey, 'talents')).toEqual(talents);
    expect(readFileSync(join(dir, 'meili', 'sidecar.json'), 'utf8')).toBe(recorded);
    expect(meiliProcesses()).toBe(1);

    // No DATABASE_PATH file: refused, nothing created, the index untouched.
    const missing = join(dir, 'typo.sqlite');
    const noDb = await runTsx('src/reindex-cli.ts', ['all'], { DATA_DIR: dir, DATABASE_PATH: missing });
    expect(noDb.code).toBe(1);
    expect(noDb.stderr).toMatch(/no database at/);
    expect(existsSync(missing)).toBe(false);

    // A database with no talents: refused unless --allow-empty.
    const empty = await runTsx('src/reindex-cli.ts', ['all'], { DATA_DIR: dir, DATABASE_PATH: join(dir, 'empty.sqlite') });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/holds no talents.*--allow-empty/s);
    expect(await indexIds(sidecar.url, sidecar.masterKey, 'talents')).toEqual(talents);

    const allowed = await runTsx('src/reindex-cli.ts', ['talent', '--allow-empty'], { DATA_DIR: dir, DATABASE_PATH: join(dir, 'empty.sqlite') });
    expect(allowed.code).toBe(0);
    expect(await indexIds(sidecar.url, sidecar.masterKey, 'talents')).toEqual([]);
    expect(meiliProcesses()).toBe(1);
  }, 400_000);
});
