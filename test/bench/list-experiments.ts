// What schema changes would buy the public position list, measured on a copy of a benchmark
// database (`npm run bench -- --keep` prints its path):
//
//   npx tsx test/bench/list-experiments.ts /tmp/shegong-bench-XXXX/bench.sqlite
//
// It times the SQL alone (count + page, statements prepared once) over the benchmark's own filter
// mix, for the schema as migrated (the app's own queries) and for variants built on a copy:
//   B  service areas as a bit mask column inside the covering index (no join per candidate row);
//   C  B plus city_code / county_code columns with indexes (status, code, published_at, …), so the
//      page walks the index newest-first and stops after LIMIT + OFFSET rows instead of sorting;
//   D  C with the total served from a cache (the page query only).
// Nothing here changes the app; it is evidence for a migration.
import BetterSqlite3 from 'better-sqlite3';
import { copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite, wrapSqlite } from '../../db/sqlite';
import { SERVICE_AREAS } from '../../src/lib/vocab';
import { subtreeRange } from '../../src/lib/regions-range';
import { makeListPaths, parseListPath, type ListFilters } from './list-mix';

const AREAS = Object.keys(SERVICE_AREAS);
const PAGE_COLUMNS = `p.id, p.status, p.title, p.kind, p.region_code, p.employer_id, p.employer_type, p.seats, p.reserved_seats,
  p.salary_min, p.salary_max, p.employment_type, p.opens_on, p.closes_on, p.published_at, e.name AS employer_name, r.full_name AS region_name`;

interface Sql {
  sql: string;
  params: unknown[];
}

async function main(source: string): Promise<void> {
  const copy = join(tmpdir(), `shegong-list-experiments-${process.pid}.sqlite`);
  copyFileSync(source, copy);
  // Opened as the app opens it, so any migration newer than the database is applied first.
  const { sqlite } = openSqlite(copy);
  try {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const regionCodes = sqlite
      .prepare(
        `SELECT DISTINCT substr(region_code, 1, 4) FROM positions WHERE status = 'open' UNION SELECT DISTINCT substr(region_code, 1, 6) FROM positions WHERE status = 'open' ORDER BY 1`,
      )
      .pluck()
      .all() as string[];
    const mix = makeListPaths(regionCodes, 2000).map(parseListPath);

    const repo = await import('../../src/positions/positions.repository');
    const database = wrapSqlite(sqlite);
    report('A  as migrated (the app’s own queries)', sqlite, mix, (f) => {
      const { count, page } = repo.openPositionsQueries(database, f as never, today);
      return [count.compile(), page.compile()].map((q) => ({ sql: q.sql, params: q.parameters as unknown[] }));
    });

    addAreaMask(sqlite);
    sqlite.exec('CREATE INDEX x_open_mask ON positions(status, region_code, closes_on, kind, employer_type, area_mask, published_at)');
    report('B  + area_mask in the covering index', sqlite, mix, (f) => variantQueries(f, today, 'range'));

    sqlite.exec(`ALTER TABLE positions ADD COLUMN city_code TEXT;
      ALTER TABLE positions ADD COLUMN county_code TEXT;
      UPDATE positions SET city_code = substr(region_code, 1, 4), county_code = CASE WHEN length(region_code) >= 6 THEN substr(region_code, 1, 6) END;
      CREATE INDEX x_city_walk ON positions(status, city_code, published_at, closes_on, kind, employer_type, area_mask);
      CREATE INDEX x_county_walk ON positions(status, county_code, published_at, closes_on, kind, employer_type, area_mask);`);
    report('C  + city/county columns, newest-first index walk', sqlite, mix, (f) => variantQueries(f, today, 'walk'));
    report('D  C with the total from a cache (page only)', sqlite, mix, (f) => variantQueries(f, today, 'walk').slice(1));
  } finally {
    sqlite.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(copy + suffix, { force: true });
  }
}

function addAreaMask(sqlite: BetterSqlite3.Database): void {
  sqlite.exec('ALTER TABLE positions ADD COLUMN area_mask INTEGER NOT NULL DEFAULT 0');
  const update = sqlite.prepare('UPDATE positions SET area_mask = ? WHERE id = ?');
  const rows = sqlite.prepare('SELECT id, service_areas FROM positions').all() as { id: string; service_areas: string }[];
  sqlite.transaction(() => {
    for (const r of rows)
      update.run(
        (JSON.parse(r.service_areas) as string[]).reduce((m, a) => m | (1 << AREAS.indexOf(a)), 0),
        r.id,
      );
  })();
}

function variantQueries(f: ListFilters, today: string, region: 'range' | 'walk'): Sql[] {
  const where = [`p.status = 'open'`, 'p.closes_on >= ?'];
  const params: unknown[] = [today];
  if (f.regionCode) {
    if (region === 'walk' && f.regionCode.length === 4) {
      where.push('p.city_code = ?');
      params.push(f.regionCode);
    } else if (region === 'walk' && f.regionCode.length === 6) {
      where.push('p.county_code = ?');
      params.push(f.regionCode);
    } else {
      const { from, to } = subtreeRange(f.regionCode);
      where.push('p.region_code >= ? AND p.region_code < ?');
      params.push(from, to);
    }
  }
  if (f.kind) {
    where.push('p.kind = ?');
    params.push(f.kind);
  }
  if (f.serviceArea) {
    where.push('(p.area_mask & ?) != 0');
    params.push(1 << AREAS.indexOf(f.serviceArea));
  }
  const w = where.join(' AND ');
  return [
    { sql: `SELECT count(*) AS n FROM positions p WHERE ${w}`, params },
    {
      sql: `SELECT ${PAGE_COLUMNS} FROM (SELECT p.rowid AS rid, p.published_at FROM positions p WHERE ${w}
        ORDER BY p.published_at DESC, p.rowid DESC LIMIT ? OFFSET ?) pg
        JOIN positions p ON p.rowid = pg.rid JOIN employers e ON e.id = p.employer_id JOIN regions r ON r.code = p.region_code
        ORDER BY pg.published_at DESC, pg.rid DESC`,
      params: [...params, f.pageSize, (f.page - 1) * f.pageSize],
    },
  ];
}

function report(name: string, sqlite: BetterSqlite3.Database, mix: ListFilters[], build: (f: ListFilters) => Sql[]): void {
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepared = (sql: string) => statements.get(sql) ?? statements.set(sql, sqlite.prepare(sql)).get(sql)!;
  const built = mix.map(build);
  const byClass = new Map<string, number[]>();
  let total = 0;
  built.forEach((queries, i) => {
    let best = Infinity;
    for (let k = 0; k < 3; k++) {
      const t = performance.now();
      for (const q of queries) prepared(q.sql).all(...q.params);
      best = Math.min(best, performance.now() - t);
    }
    total += best;
    const key = mix[i].serviceArea ? 'with serviceArea' : 'without';
    byClass.set(key, [...(byClass.get(key) ?? []), best]);
  });
  const mean = (xs: number[]) => (1000 * xs.reduce((a, b) => a + b, 0)) / xs.length;
  const avg = (1000 * total) / mix.length;
  const classes = [...byClass].map(([k, xs]) => `${k} ${mean(xs).toFixed(0)} µs`).join(', ');
  process.stdout.write(`${name.padEnd(52)} mean ${avg.toFixed(0).padStart(4)} µs → ≤ ${String(Math.round(1e6 / avg)).padStart(5)} req/s from SQL alone  (${classes})\n`);
  const plan = sqlite.prepare(`EXPLAIN QUERY PLAN ${built[0][built[0].length - 1].sql}`).all(...built[0][built[0].length - 1].params) as { detail: string }[];
  process.stdout.write(`    e.g. ${plan.map((p) => p.detail).join(' | ')}\n`);
}

const source = process.argv[2];
if (!source) {
  process.stderr.write('usage: npx tsx test/bench/list-experiments.ts <bench.sqlite from npm run bench -- --keep>\n');
  process.exit(2);
}
await main(source);
