// `npm run bench:relevance [-- --record] [--show-held-out] [--only N,M]`: the relevance set
// (cases.ts) against the demo data (db/demo, default seed and scale, dated 2026-06-01) in a temp
// SQLite file, searched by a real local Meilisearch (search/sidecar.ts) and by the SQL fallback.
// For each case the answers are the rows its SQL predicate selects (plus the caller's scope); a
// result is judged on its first page (20 hits):
//   P@5  = relevant hits among the first five / min(5, answers)
//   MRR  = 1 / rank of the first relevant hit (0 when none on the first page)
//   zero = the engine returned nothing although answers exist
// Prints the tuning part per case; the held-out part only as totals (unless --show-held-out).
// With --record writes the totals into test/search/relevance/README.md.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDemoData } from '../../../db/demo/generate';
import { openSqlite } from '../../../db/sqlite';
import { createSearch } from '../../../search/index';
import { nodeSearchHttpClient } from '../../../search/node-http';
import type { PositionScope, SearchEngine, TalentScope } from '../../../search/engine';
import { startMeiliSidecar, type MeiliSidecar } from '../../../search/sidecar';
import { chinaToday } from '../../../src/lib/dates';
import { createFieldCrypto } from '../../../src/lib/crypto';
import { CASES, isHeldOut, type RelevanceCase } from './cases';

const HERE = dirname(fileURLToPath(import.meta.url));
export const RELEVANCE_NOW = Date.parse('2026-06-01T08:00:00Z');
const args = process.argv.slice(2);
const RECORD = args.includes('--record');
const SHOW_HELD_OUT = args.includes('--show-held-out');
const ONLY = args.includes('--only') ? new Set(args[args.indexOf('--only') + 1].split(',').map(Number)) : null;

interface Score {
  p5: number;
  rr: number;
  zero: boolean;
  answers: number;
  total: number;
  top: string[];
  error?: string;
}

const today = chinaToday(RELEVANCE_NOW);
const POSITION_SCOPE: PositionScope = { statuses: ['open'], closingFrom: today };
const EMPLOYER_SCOPE: TalentScope = { visibleToEmployers: true };
const DEPARTMENT_SCOPE: TalentScope = { visibleToEmployers: false, regionPrefix: '15' };

function truthSql(c: RelevanceCase): string {
  if (c.entity === 'position') {
    return `SELECT p.id FROM positions p JOIN employers e ON e.id = p.employer_id WHERE p.status = 'open' AND p.closes_on >= '${today}' AND (${c.truth})`;
  }
  const scope = c.who === 'employer' ? `t.visibility = 'employers'` : `t.region_code LIKE '15%'`;
  return `SELECT t.id FROM talents t WHERE ${scope} AND (${c.truth})`;
}

async function runCase(engine: SearchEngine, c: RelevanceCase, answers: Set<string>, label: (id: string) => string): Promise<Score> {
  try {
    const r =
      c.entity === 'position'
        ? await engine.searchPositions({ q: c.q, filters: c.filters, scope: POSITION_SCOPE, pageSize: 20 })
        : await engine.searchTalents({ q: c.q, filters: c.filters, scope: c.who === 'employer' ? EMPLOYER_SCOPE : DEPARTMENT_SCOPE, pageSize: 20 });
    const ids = r.hits.map((h) => h.id);
    const first = ids.findIndex((id) => answers.has(id));
    const denom = Math.min(5, answers.size);
    const p5 = denom === 0 ? (ids.length === 0 ? 1 : 0) : ids.slice(0, 5).filter((id) => answers.has(id)).length / denom;
    return {
      p5,
      rr: first < 0 ? 0 : 1 / (first + 1),
      zero: ids.length === 0 && answers.size > 0,
      answers: answers.size,
      total: r.total,
      top: ids.slice(0, 5).map((id) => (answers.has(id) ? '✓' : '✗') + label(id)),
    };
  } catch (e) {
    return { p5: 0, rr: 0, zero: answers.size > 0, answers: answers.size, total: 0, top: [], error: e instanceof Error ? e.message : String(e) };
  }
}

interface Totals {
  n: number;
  p5: number;
  mrr: number;
  zero: number;
  errors: number;
}
function totals(scores: Score[]): Totals {
  const n = scores.length || 1;
  return {
    n: scores.length,
    p5: scores.reduce((s, x) => s + x.p5, 0) / n,
    mrr: scores.reduce((s, x) => s + x.rr, 0) / n,
    zero: scores.filter((x) => x.zero).length,
    errors: scores.filter((x) => x.error).length,
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'shegong-relevance-'));
  let sidecar: MeiliSidecar | null = null;
  const load = loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
  try {
    const { sqlite, database } = openSqlite(join(dir, 'demo.sqlite'));
    const fieldCrypto = await createFieldCrypto(randomBytes(32).toString('base64'));
    await generateDemoData(sqlite, { fieldCrypto, now: RELEVANCE_NOW });
    sidecar = await startMeiliSidecar({ dataDir: join(dir, 'meili'), log: () => {} });
    if (!sidecar) throw new Error('the local Meilisearch could not start here (search/sidecar.ts)');
    // Relevance, not latency: a generous timeout so a loaded machine does not count as a miss.
    const search = createSearch({
      database,
      now: () => RELEVANCE_NOW,
      log: () => {},
      searchTimeoutMs: 30_000,
      meili: { host: sidecar.url, apiKey: sidecar.masterKey, searchHttpClient: nodeSearchHttpClient() },
    });
    const started = performance.now();
    await search.start({ drainLoop: false });
    await search.drain!.drainAll(10 * 60_000);
    const indexSeconds = (performance.now() - started) / 1000;

    const titles = new Map<string, string>();
    for (const r of sqlite
      .prepare("SELECT id, title AS l FROM positions UNION ALL SELECT id, coalesce(school, '') || '/' || region_code || '/' || qualification_level AS l FROM talents")
      .all() as { id: string; l: string }[])
      titles.set(r.id, r.l);
    const label = (id: string) => titles.get(id) ?? id;

    const rows: { i: number; c: RelevanceCase; answers: number; meili: Score; sql: Score }[] = [];
    for (const [i, c] of CASES.entries()) {
      if (ONLY && !ONLY.has(i)) continue;
      const answers = new Set(sqlite.prepare(truthSql(c)).pluck().all() as string[]);
      const meili = await runCase(search.meili!, c, answers, label);
      const sql = await runCase(search.sql, c, answers, label);
      rows.push({ i, c, answers: answers.size, meili, sql });
    }

    const parts = {
      tuning: rows.filter((r) => !isHeldOut(r.i)),
      heldOut: rows.filter((r) => isHeldOut(r.i)),
      all: rows,
    };
    for (const r of parts.tuning.concat(SHOW_HELD_OUT ? parts.heldOut : [])) {
      const flag = (s: Score) => `${s.p5.toFixed(2)}${s.zero ? ' ZERO' : ''}${s.error ? ' ERR ' + s.error.slice(0, 80) : ''}`;
      console.log(`#${r.i} [${r.c.entity}/${r.c.who}/${r.c.style}] «${r.c.q}»${r.c.filters ? ' ' + JSON.stringify(r.c.filters) : ''} answers=${r.answers}`);
      console.log(`   meili P@5 ${flag(r.meili)} total=${r.meili.total}  ${r.meili.top.join(' | ')}`);
      console.log(`   sql   P@5 ${flag(r.sql)} total=${r.sql.total}  ${r.sql.top.join(' | ')}`);
    }
    const noAnswers = rows.filter((r) => r.answers === 0).map((r) => `#${r.i} «${r.c.q}»`);
    const table = ['| part | queries | engine | P@5 | MRR | zero results with answers | errors |', '| --- | ---: | --- | ---: | ---: | ---: | ---: |'];
    for (const [name, list] of Object.entries(parts)) {
      for (const engine of ['meili', 'sql'] as const) {
        const t = totals(list.map((r) => r[engine]));
        table.push(
          `| ${name === 'heldOut' ? 'held out' : name} | ${t.n} | ${engine === 'meili' ? 'Meilisearch' : 'SQL fallback'} | ${t.p5.toFixed(3)} | ${t.mrr.toFixed(3)} | ${t.zero} | ${t.errors} |`,
        );
      }
    }
    const stamp = `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${cpus().length} CPUs · load ${load} · demo indexed in ${indexSeconds.toFixed(1)} s`;
    console.log('\n' + stamp + '\n' + table.join('\n'));
    if (noAnswers.length) console.log(`cases without answers in the data (check the predicate): ${noAnswers.join(', ')}`);
    if (RECORD && !ONLY) {
      const path = join(HERE, 'README.md');
      const text = readFileSync(path, 'utf8');
      const block = `<!-- results -->\nRecorded ${stamp}.\n\n${table.join('\n')}\n<!-- /results -->`;
      writeFileSync(path, text.replace(/<!-- results -->[\s\S]*<!-- \/results -->/, block));
      console.log(`recorded in ${path}`);
    }
    await search.stop();
    sqlite.close();
  } finally {
    await sidecar?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
