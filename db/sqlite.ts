// Opens a SQLite database on Node (better-sqlite3), migrated, as the app's Database.
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { transactionalDatabase, type Database } from '../src/lib/database';
import { migrate } from './migrate';
import type { DB } from './schema';

export function openSqlite(path: string): { sqlite: BetterSqlite3.Database; database: Database } {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new BetterSqlite3(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  migrate(sqlite);
  return { sqlite, database: wrapSqlite(sqlite) };
}

export function wrapSqlite(sqlite: BetterSqlite3.Database): Database {
  return transactionalDatabase(new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) }));
}

/** A migrated in-memory database, copied from a template made once per process (tests). */
let template: Buffer | null = null;
export function openMemoryCopy(): { sqlite: BetterSqlite3.Database; database: Database } {
  template ??= openSqlite(':memory:').sqlite.serialize();
  const sqlite = new BetterSqlite3(template);
  sqlite.pragma('foreign_keys = ON');
  return { sqlite, database: wrapSqlite(sqlite) };
}
