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
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { sqlite, database: transactionalDatabase(db) };
}
