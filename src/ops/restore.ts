// Restore (issue 9, C3): replaces DATABASE_PATH with a backup, only with the data key the backup was
// written with, only while no server runs on DATA_DIR. The backup is copied and migrated to the
// current schema first; the database it replaces is kept beside it (`.before-restore-<time>`). The
// search index is then rebuilt from the restored database, so no document newer than the backup
// survives; if no Meilisearch can be reached now, a flag makes the next server start rebuild it.
import BetterSqlite3 from 'better-sqlite3';
import { chmodSync, existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { openSqlite } from '../../db/sqlite';
import { startNodeSearch } from '../../search/node';
import type { RawConfig } from '../env';
import { checkDataKey, deleteMeta, SEARCH_REBUILD_KEY, writeMeta } from '../lib/instance-meta';
import { processAlive, readLock } from '../lib/pid-lock';
import { loadOrCreateDataKey } from '../node-deps';
import { serverLockFile } from '../server';
import { hasTable, OpsError } from './backup';

export interface RestoreReport {
  database: string;
  /** Where the replaced database was kept, if there was one. */
  previous: string | null;
  talents: number;
  /** 'rebuilt': the index now equals the restored database; 'at next start': no Meilisearch now. */
  search: 'rebuilt' | 'at next start' | 'not configured';
}

type Log = (entry: Record<string, unknown>) => void;

export async function restoreDatabase(from: string, raw: RawConfig, log: Log): Promise<RestoreReport> {
  if (!existsSync(from)) throw new OpsError(`no backup at ${resolve(from)}`);
  const holder = readLock(serverLockFile(raw.DATA_DIR));
  if (holder && processAlive(holder.pid, /node|tsx/)) {
    throw new OpsError(`a server (pid ${holder.pid}) is running on ${resolve(raw.DATA_DIR)}; stop it before restoring`);
  }
  // Never a new key: a restore without the backup's key would make every ID number unreadable.
  const dataKey = loadOrCreateDataKey(raw.DATA_DIR, raw.DATA_KEY, false);

  const backup = new BetterSqlite3(from, { readonly: true, fileMustExist: true });
  const target = resolve(raw.DATABASE_PATH);
  const staging = `${target}.restoring-${process.pid}`;
  try {
    if (backup.pragma('quick_check', { simple: true }) !== 'ok') throw new OpsError(`${from} failed its integrity check`);
    if (!hasTable(backup, 'd1_migrations') || !hasTable(backup, 'talents')) throw new OpsError(`${from} is not a shegong database`);
    for (const suffix of ['', '-wal', '-shm']) rmSync(staging + suffix, { force: true });
    await backup.backup(staging);
  } catch (e) {
    rmSync(staging, { force: true });
    throw e instanceof OpsError || !(e instanceof Error) ? e : new OpsError(`${from}: ${e.message}`);
  } finally {
    backup.close();
  }

  let talents = 0;
  try {
    const { sqlite, database } = openSqlite(staging); // brings an older backup up to the current schema
    try {
      await checkDataKey(database, dataKey);
      await writeMeta(database, SEARCH_REBUILD_KEY, new Date().toISOString());
      talents = sqlite.prepare('SELECT count(*) FROM talents').pluck().get() as number;
    } finally {
      sqlite.close();
    }
  } catch (e) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(staging + suffix, { force: true });
    throw e;
  }

  let previous: string | null = null;
  if (existsSync(target)) {
    // Fold the WAL into the file, so the kept copy is whole and no WAL is left to meet the new file.
    const old = new BetterSqlite3(target);
    old.pragma('wal_checkpoint(TRUNCATE)');
    old.close();
    previous = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(target, previous);
  }
  for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
  renameSync(staging, target);
  chmodSync(target, 0o600);
  log({ msg: 'restored', database: target, from: resolve(from), previous, talents });

  return { database: target, previous, talents, search: await rebuildSearch(raw, log) };
}

async function rebuildSearch(raw: RawConfig, log: Log): Promise<RestoreReport['search']> {
  const { sqlite, database } = openSqlite(raw.DATABASE_PATH);
  try {
    const node = await startNodeSearch({
      database,
      now: () => Date.now(),
      log,
      dataDir: raw.DATA_DIR,
      meiliUrl: raw.MEILI_URL,
      meiliMasterKey: raw.MEILI_MASTER_KEY,
      drainLoop: false,
    });
    try {
      if (!node.search.meili) return 'not configured';
      try {
        for (const entity of ['talent', 'position'] as const) log({ msg: 'reindexed', ...(await node.search.reindex(entity)) });
      } catch (e) {
        log({ level: 'warn', msg: 'search: could not rebuild the index now; the server rebuilds it at its next start', error: e instanceof Error ? e.message : String(e) });
        return 'at next start';
      }
      await deleteMeta(database, SEARCH_REBUILD_KEY);
      return 'rebuilt';
    } finally {
      await node.stop();
    }
  } finally {
    sqlite.close();
  }
}
