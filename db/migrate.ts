// Node migration runner: applies db/migrations/*.sql in name order, recording them in the same
// `d1_migrations` table that `wrangler d1 migrations apply` uses, then loads the region tree.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type BetterSqlite3 from 'better-sqlite3';
import { loadRegionRows } from './regions-data';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export function migrate(sqlite: BetterSqlite3.Database): string[] {
  sqlite.exec(`CREATE TABLE IF NOT EXISTS d1_migrations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT UNIQUE,
    applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)`);
  const done = new Set(sqlite.prepare('SELECT name FROM d1_migrations').pluck().all() as string[]);
  const files = readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{4}_.*\.sql$/.test(f))
    .sort();
  const applied: string[] = [];
  for (const file of files) {
    if (done.has(file)) continue;
    const sql = readFileSync(join(MIGRATIONS_DIR, file), 'utf8');
    sqlite.transaction(() => {
      sqlite.exec(sql);
      sqlite.prepare('INSERT INTO d1_migrations (name) VALUES (?)').run(file);
    })();
    applied.push(file);
  }
  loadRegions(sqlite);
  return applied;
}

/** Loads the GB/T 2260 tree once (about 44,700 rows, well under a second). */
export function loadRegions(sqlite: BetterSqlite3.Database): number {
  const count = sqlite.prepare('SELECT count(*) FROM regions').pluck().get() as number;
  if (count > 0) return 0;
  const rows = loadRegionRows();
  const insert = sqlite.prepare('INSERT INTO regions (code, name, level, parent_code, full_name) VALUES (?, ?, ?, ?, ?)');
  sqlite.transaction(() => {
    for (const r of rows) insert.run(r.code, r.name, r.level, r.parent_code, r.full_name);
  })();
  return rows.length;
}
