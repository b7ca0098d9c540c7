// Online backup (issue 9, C3): VACUUM INTO writes a consistent copy from one read transaction, so
// writers carry on meanwhile (WAL) and the copy never holds half a transaction. The copy is checked
// (quick_check) before it takes its final name, and is mode 0600: it holds personal data.
import BetterSqlite3 from 'better-sqlite3';
import { chmodSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

export interface BackupReport {
  file: string;
  bytes: number;
  ms: number;
  talents: number;
  /** The data key's fingerprint recorded in the database (the key itself is not in the backup). */
  dataKeyFingerprint: string | null;
}

export class OpsError extends Error {}

export function backupDatabase(databasePath: string, to: string): BackupReport {
  const started = performance.now();
  if (!existsSync(databasePath)) throw new OpsError(`no database at ${resolve(databasePath)}`);
  if (existsSync(to)) throw new OpsError(`${resolve(to)} exists; choose a new file name (a backup never overwrites)`);
  const partial = `${to}.partial-${process.pid}`;
  rmSync(partial, { force: true });
  const source = new BetterSqlite3(databasePath, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    source.prepare('VACUUM INTO ?').run(partial);
  } finally {
    source.close();
  }
  try {
    chmodSync(partial, 0o600);
    const copy = new BetterSqlite3(partial, { readonly: true, fileMustExist: true });
    let talents: number;
    let fingerprint: string | null;
    try {
      const check = copy.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new OpsError(`the backup failed its check: ${String(check)}`);
      talents = copy.prepare('SELECT count(*) FROM talents').pluck().get() as number;
      fingerprint = hasTable(copy, 'instance_meta')
        ? ((copy.prepare("SELECT value FROM instance_meta WHERE key = 'data_key_fingerprint'").pluck().get() as string | undefined) ?? null)
        : null;
    } finally {
      copy.close();
    }
    renameSync(partial, to);
    return { file: resolve(to), bytes: statSync(to).size, ms: Math.round(performance.now() - started), talents, dataKeyFingerprint: fingerprint };
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
}

export function hasTable(db: BetterSqlite3.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}
