// Opens a SQLite database on Node (better-sqlite3), migrated, as the app's Database.
import BetterSqlite3 from 'better-sqlite3';
import { Kysely } from 'kysely';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { transactionalDatabase, type Database } from '../src/lib/database';
import { StorageMonitor } from '../src/lib/storage';
import { BUSY_TIMEOUT_MS, retryingSqliteDialect, type BusyPolicy } from './sqlite-driver';
import { migrate } from './migrate';
import { sqliteStream } from './sqlite-stream';
import type { DB } from './schema';

export function openSqlite(path: string): { sqlite: BetterSqlite3.Database; database: Database } {
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true });
    ownerOnly(path);
  }
  const sqlite = new BetterSqlite3(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // Short: better-sqlite3 waits synchronously; longer locks are retried asynchronously (sqlite-driver.ts).
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // 64 MiB page cache (default 2 MiB): a 100,000-row import commits in 35 s instead of 45 s (test/bench/IMPORTS.md).
  sqlite.pragma('cache_size = -65536');
  migrate(sqlite);
  return { sqlite, database: wrapSqlite(sqlite) };
}

/** The database holds phones, birth dates and password hashes: mode 0600 for the file, and for its
 * WAL and SHM, which SQLite creates with the database file's permissions. Files made by an older
 * version (0644) are tightened too. */
function ownerOnly(path: string): void {
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  for (const f of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) {
    if (existsSync(f)) chmodSync(f, 0o600);
  }
}

export function wrapSqlite(sqlite: BetterSqlite3.Database, policy?: BusyPolicy): Database {
  const storage = new StorageMonitor();
  const database = transactionalDatabase(new Kysely<DB>({ dialect: retryingSqliteDialect(withStatementCache(sqlite), sqlite, storage, policy) }), storage);
  // A file can take a second connection: streamed write units run on a writer thread.
  if (!sqlite.memory && !sqlite.readonly) database.openStream = () => sqliteStream(sqlite.name, storage);
  return database;
}

/** Kysely prepares every query afresh; on a hot list endpoint that is a measurable share of the
 * time, so keep prepared statements by SQL text (bounded; queries are built from a few shapes).
 * Streaming (iterate) keeps a statement busy, so it gets a fresh one. */
function withStatementCache(sqlite: BetterSqlite3.Database) {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      let stmt = cache.get(sqlText);
      if (!stmt) {
        stmt = sqlite.prepare(sqlText);
        if (cache.size >= 500) cache.delete(cache.keys().next().value as string);
        cache.set(sqlText, stmt);
      }
      const cached = stmt;
      return {
        get reader() {
          return cached.reader;
        },
        all: (params: readonly unknown[]) => cached.all(...params),
        run: (params: readonly unknown[]) => cached.run(...params),
        iterate: (params: readonly unknown[]) => sqlite.prepare(sqlText).iterate(...params),
      };
    },
  };
}

/** A migrated in-memory database, copied from a template made once per process (tests). */
let template: Buffer | null = null;
export function openMemoryCopy(): { sqlite: BetterSqlite3.Database; database: Database } {
  template ??= openSqlite(':memory:').sqlite.serialize();
  const sqlite = new BetterSqlite3(template);
  sqlite.pragma('foreign_keys = ON');
  return { sqlite, database: wrapSqlite(sqlite) };
}
