// How the public position list's two queries (count and page) run at benchmark scale: SQLite's
// EXPLAIN QUERY PLAN and the time of each query alone, for typical filter shapes. The SQL comes
// from the app's own query builder, so this follows whatever src/positions does.
import BetterSqlite3 from 'better-sqlite3';
import type { CompiledQuery } from 'kysely';
import { wrapSqlite } from '../../db/sqlite';

interface Shape {
  name: string;
  filters: { regionCode?: string; kind?: string; serviceArea?: string; page: number; pageSize: number };
}

type Filters = Shape['filters'];

export async function explainList(dbPath: string, regionCodes: string[], mix: Filters[] = []): Promise<string> {
  let repo: typeof import('../../src/positions/positions.repository');
  try {
    repo = await import('../../src/positions/positions.repository');
  } catch (err) {
    return `(no positions repository to explain: ${(err as Error).message})`;
  }
  const sqlite = new BetterSqlite3(dbPath, { readonly: true });
  try {
    const database = wrapSqlite(sqlite);
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const city = busiest(sqlite, 4);
    const county = busiest(sqlite, 6);
    const shapes: Shape[] = [
      { name: 'province-wide, page 1', filters: { page: 1, pageSize: 20 } },
      { name: `city ${city}, page 1`, filters: { regionCode: city, page: 1, pageSize: 20 } },
      { name: `county ${county}, page 5`, filters: { regionCode: county, page: 5, pageSize: 20 } },
      { name: `city ${city} + kind`, filters: { regionCode: city, kind: 'station_worker', page: 1, pageSize: 20 } },
      { name: `city ${city} + serviceArea`, filters: { regionCode: city, serviceArea: 'elderly', page: 1, pageSize: 20 } },
      { name: `county ${county} + kind + serviceArea, page 3`, filters: { regionCode: county, kind: 'agency_worker', serviceArea: 'children', page: 3, pageSize: 20 } },
    ];
    const out: string[] = [`position list SQL at this scale (${regionCodes.length} city/county codes with open posts; today ${today})`];
    if (mix.length > 0) out.push('', ...mixCost(sqlite, mix, (f) => repo.openPositionsQueries(database, f as never, today)));
    for (const shape of shapes) {
      const { count, page } = repo.openPositionsQueries(database, shape.filters as never, today);
      for (const [label, q] of [
        ['count', count.compile()],
        ['page', page.compile()],
      ] as const) {
        out.push(`\n${shape.name} — ${label}: ${timeQuery(sqlite, q)}`);
        for (const p of plan(sqlite, q)) out.push(`    ${p}`);
      }
    }
    const first = repo.openPositionsQueries(database, shapes[1].filters as never, today);
    out.push(`\nSQL (city filter):\n  ${first.count.compile().sql}\n  ${first.page.compile().sql}`);
    return out.join('\n');
  } finally {
    sqlite.close();
  }
}

/** SQL time alone (count + page, best of 3) over the benchmark's own filter mix, by filter class:
 * the ceiling SQL puts on req/s on one core, before any HTTP or app work. Query building is
 * included (as the app pays it), statement preparation is not (the app caches statements). */
function mixCost(sqlite: BetterSqlite3.Database, mix: Filters[], build: (f: Filters) => { count: { compile(): CompiledQuery }; page: { compile(): CompiledQuery } }): string[] {
  const classes = new Map<string, number[]>();
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepared = (sql: string) => statements.get(sql) ?? statements.set(sql, sqlite.prepare(sql)).get(sql)!;
  let total = 0;
  for (const f of mix) {
    const { count, page } = build(f);
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      for (const q of [count.compile(), page.compile()]) prepared(q.sql).all(...(q.parameters as unknown[]));
      best = Math.min(best, performance.now() - t);
    }
    total += best;
    const key = `${f.regionCode && f.regionCode.length === 4 ? 'city  ' : 'county'}${f.kind ? ' +kind' : '      '}${f.serviceArea ? ' +serviceArea' : '            '}`;
    classes.set(key, [...(classes.get(key) ?? []), best]);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const lines = [`SQL alone over the benchmark's ${mix.length} filter combinations (count + page, statements cached, best of 3):`];
  for (const [key, xs] of [...classes].sort()) lines.push(`  ${key}  ${String(xs.length).padStart(4)} × ${(mean(xs) * 1000).toFixed(0).padStart(5)} µs`);
  const avg = total / mix.length;
  lines.push(`  mean ${(avg * 1000).toFixed(0)} µs per request → at most ${Math.round(1000 / avg)} req/s on one core from SQL alone`);
  return lines;
}

function busiest(sqlite: BetterSqlite3.Database, len: number): string {
  return sqlite.prepare(`SELECT substr(region_code, 1, ${len}) c FROM positions WHERE status = 'open' GROUP BY c ORDER BY count(*) DESC LIMIT 1`).pluck().get() as string;
}

function plan(sqlite: BetterSqlite3.Database, q: CompiledQuery): string[] {
  const rows = sqlite.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as { id: number; parent: number; detail: string }[];
  const depth = new Map<number, number>([[0, 0]]);
  return rows.map((r) => {
    const d = (depth.get(r.parent) ?? 0) + 1;
    depth.set(r.id, d);
    return `${'  '.repeat(d - 1)}${r.detail}`;
  });
}

/** Median time of the statement alone, over 200 runs, with the rows it returns. */
function timeQuery(sqlite: BetterSqlite3.Database, q: CompiledQuery): string {
  const stmt = sqlite.prepare(q.sql);
  const params = q.parameters as unknown[];
  let rows = 0;
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    rows = stmt.all(...params).length;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return `${(times[100] * 1000).toFixed(0)} µs median, ${rows} row(s)`;
}
