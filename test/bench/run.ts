// `npm run bench`: the registry under load (ARCHITECTURE.md, "Tests and benchmarks": prints a table, never fails a test run).
//
// 1. Generates 100,000 talents and 20,000 positions (db/demo/generate.ts) into a temp SQLite file.
// 2. Starts the real Node server in a child process (test/bench/server.ts) on a free loopback port,
//    LOG_REQUESTS=false, with a bare Hono JSON route on the same server as the baseline.
// 3. Drives each endpoint with autocannon, 50 connections, in the same run: the bare route; the
//    public position list with varied filters and pages; a talent read as a signed-in department.
// 4. Prints req/s, p50, p99 and the ratio to bare; explains the list's SQL; with --record writes the
//    numbers, the machine and the date into test/bench/README.md.
//
// Options: --record, --seconds N (default 10), --keep (keep the temp database), --analyze (run
// SQLite's ANALYZE after seeding, which the app itself never does).
import { createSearch } from '../../search/index';
import autocannon, { type Result } from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqlite } from '../../db/sqlite';
import { generateDemoData, PROVINCE } from '../../db/demo/generate';
import { createAccount } from '../../src/auth/auth.service';
import { parseEnv, toConfig } from '../../src/env';
import { createFieldCrypto } from '../../src/lib/crypto';
import type { AppDeps } from '../../src/lib/context';
import { nodeScrypt } from '../../src/node-deps';
import { explainList } from './explain';
import { makeListPaths, parseListPath } from './list-mix';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const SCALE = { talents: 100_000, employers: 2_000, positions: 20_000, applications: 20_000 };
const CONNECTIONS = 50;
const TARGET = { rps: 5000, p99: 25 };

const args = process.argv.slice(2);
const SECONDS = Number(args[args.indexOf('--seconds') + 1]) || 10;
const RECORD = args.includes('--record');
const KEEP = args.includes('--keep');
const ANALYZE = args.includes('--analyze');

const DEPT_EMAIL = 'bench.department@example.cn';
const DEPT_PASSWORD = 'bench department password';

interface Row {
  name: string;
  result: Result;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'shegong-bench-'));
  const dbPath = join(dir, 'bench.sqlite');
  const dataKey = randomBytes(32).toString('base64');
  let child: ChildProcess | null = null;
  const machine = machineInfo();
  try {
    log(`generating ${SCALE.talents} talents, ${SCALE.employers} employers, ${SCALE.positions} positions, ${SCALE.applications} applications into ${dbPath}`);
    const seeded = await seed(dbPath, dataKey);
    log(`seeded in ${(seeded.ms / 1000).toFixed(1)} s`);

    const port = await freePort();
    child = await startChild(dbPath, dir, dataKey, port);
    const base = `http://127.0.0.1:${port}`;
    const token = await signIn(base);

    const listPaths = makeListPaths(seeded.regionCodes, 2000);
    const talentPaths = seeded.talentIds.map((id) => `/api/v1/talents/${id}`);
    await check(base, '/__bench/bare');
    const sample = await check(base, listPaths[0]);
    log(`list sample ${listPaths[0]} → total ${(sample as { total?: number }).total}`);
    await check(base, talentPaths[0], token);

    const rows: Row[] = [];
    rows.push({ name: 'GET /__bench/bare (bare Hono JSON)', result: await load(base, ['/__bench/bare']) });
    rows.push({ name: 'GET /api/v1/positions (filtered, paged, with total)', result: await load(base, listPaths) });
    // Not a target: the app's middleware stack plus one trivial query, to tell stack cost from SQL cost.
    rows.push({ name: 'GET /health (app stack, 1 trivial query)', result: await load(base, ['/health']) });
    rows.push({ name: 'GET /api/v1/talents/{id} (department)', result: await load(base, talentPaths, token) });

    const table = renderTable(rows);
    const plans = await explainList(dbPath, seeded.regionCodes, listPaths.map(parseListPath));
    process.stdout.write(`\n${machine.line}\n\n${table}\n\n${verdict(rows)}\n\n${plans}\n`);
    if (RECORD) record(table, machine, seeded.ms, plans, rows);
  } finally {
    child?.kill('SIGTERM');
    if (!KEEP) rmSync(dir, { recursive: true, force: true });
    else log(`kept ${dbPath} (DATA_KEY ${dataKey})`);
  }
}

async function seed(dbPath: string, dataKey: string) {
  const started = performance.now();
  const { sqlite, database } = openSqlite(dbPath);
  const fieldCrypto = await createFieldCrypto(dataKey);
  await generateDemoData(sqlite, { fieldCrypto, scale: SCALE });
  const raw = parseEnv({});
  const deps: AppDeps = {
    database,
    config: toConfig(raw, dataKey),
    fieldCrypto,
    scrypt: nodeScrypt,
    now: () => Date.now(),
    clientAddress: () => 'bench',
    log: () => {},
    search: createSearch({ database: database, now: () => Date.now(), log: () => {}, meili: null }),
  };
  await createAccount(deps, { email: DEPT_EMAIL, password: DEPT_PASSWORD, displayName: '基准测试部门', role: 'department', regionCode: PROVINCE });
  const talentIds = sqlite.prepare('SELECT id FROM talents ORDER BY random() LIMIT 5000').pluck().all() as string[];
  // Cities and counties that have open posts: the filters people use.
  const regionCodes = sqlite
    .prepare(
      `SELECT DISTINCT substr(region_code, 1, 4) FROM positions WHERE status = 'open'
       UNION SELECT DISTINCT substr(region_code, 1, 6) FROM positions WHERE status = 'open' ORDER BY 1`,
    )
    .pluck()
    .all() as string[];
  // The app never runs ANALYZE, so by default neither does the benchmark (--analyze to compare).
  if (ANALYZE) sqlite.exec('ANALYZE');
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
  return { ms: performance.now() - started, talentIds, regionCodes };
}

async function load(base: string, paths: string[], token?: string): Promise<Result> {
  let i = 0;
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const requests = [{ method: 'GET', headers, setupRequest: (req: { path?: string }) => ({ ...req, path: paths[i++ % paths.length] }) }];
  log(`warming ${paths[0].split('?')[0]}`);
  await autocannon({ url: base, connections: CONNECTIONS, duration: 2, requests });
  log(`measuring ${paths[0].split('?')[0]} for ${SECONDS} s`);
  return autocannon({ url: base, connections: CONNECTIONS, duration: SECONDS, requests });
}

function renderTable(rows: Row[]): string {
  const bare = rows[0].result.requests.average;
  const head = ['endpoint', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'vs bare'];
  const body = rows.map(({ name, result: r }) => [
    name,
    Math.round(r.requests.average).toLocaleString('en-US'),
    String(r.latency.p50),
    String(r.latency.p99),
    String(r.non2xx),
    String(r.errors + r.timeouts),
    rows[0].result === r ? '1' : `1/${(bare / r.requests.average).toFixed(1)} (${((100 * r.requests.average) / bare).toFixed(0)}%)`,
  ]);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map((_, i) => (i === 0 ? '---' : '---:'))), ...body.map(line)].join('\n');
}

function verdict(rows: Row[]): string {
  const list = rows.find((r) => r.name.includes('/positions'))!.result;
  const ok = list.requests.average >= TARGET.rps && list.latency.p99 <= TARGET.p99 && list.non2xx === 0;
  return `list target (≥ ${TARGET.rps} req/s, p99 ≤ ${TARGET.p99} ms, all 2xx): ${ok ? 'MET' : 'MISSED'} — ${Math.round(list.requests.average)} req/s, p99 ${list.latency.p99} ms, ${list.non2xx} non-2xx`;
}

function machineInfo() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
  const info = {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    nproc: cpus().length,
    cpu: model,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    // Other work on the machine skews the numbers: the load average before the run says how much.
    load: loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
  };
  return {
    ...info,
    line: `${info.date} · ${info.nproc} CPUs (${info.cpu}) · ${info.memory} · Node ${info.node} · load ${info.load} · ${CONNECTIONS} connections, ${SECONDS} s per endpoint`,
  };
}

const START = '<!-- results:start -->';
const END = '<!-- results:end -->';

function record(table: string, machine: ReturnType<typeof machineInfo>, seedMs: number, plans: string, rows: Row[]): void {
  const file = join(HERE, 'README.md');
  const readme = readFileSync(file, 'utf8');
  const section = [
    START,
    `Recorded ${machine.date} by \`npm run bench -- --record\`.`,
    '',
    `- Machine: ${machine.nproc} CPUs (\`nproc\`), ${machine.cpu}, ${machine.memory} RAM, Node ${machine.node}; load average before the run ${machine.load}`,
    `- Data: ${SCALE.talents.toLocaleString('en-US')} talents, ${SCALE.employers.toLocaleString('en-US')} employers, ${SCALE.positions.toLocaleString('en-US')} positions, ${SCALE.applications.toLocaleString('en-US')} applications; generated in ${(seedMs / 1000).toFixed(1)} s`,
    `- Load: autocannon, ${CONNECTIONS} connections, ${SECONDS} s per endpoint after a 2 s warm-up, one after another against one server process`,
    '',
    table,
    '',
    verdict(rows),
    '',
    '```',
    plans,
    '```',
    END,
  ].join('\n');
  const from = readme.indexOf(START);
  const to = readme.indexOf(END);
  const next = from >= 0 && to > from ? readme.slice(0, from) + section + readme.slice(to + END.length) : `${readme.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
  log(`recorded in ${file}`);
}

async function startChild(dbPath: string, dataDir: string, dataKey: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'server.ts')], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_PATH: dbPath, DATA_DIR: dataDir, DATA_KEY: dataKey, PORT: String(port), HOST: '127.0.0.1', LOG_REQUESTS: 'false' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('"ready":true')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  child.stdout!.resume();
  return child;
}

async function signIn(base: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: DEPT_EMAIL, password: DEPT_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

async function check(base: string, path: string, token?: string): Promise<unknown> {
  const res = await fetch(base + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const text = await res.text();
  if (res.status !== 200) log(`WARNING: ${path} answers ${res.status}: ${text.slice(0, 200)}`);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function log(msg: string): void {
  process.stderr.write(`[bench] ${msg}\n`);
}

await main();
