// Local Workers runtime helpers (Node): static assets, D1 migrations + region tree, wrangler dev.
// Used by `npm run dev:worker` and by test/worker/worker.test.ts.
import { createServer, type AddressInfo } from 'node:net';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadRegionRows } from '../db/regions-data';

const WRANGLER = join('node_modules', '.bin', 'wrangler');
// No telemetry, no cf.json fetch, no update check: nothing may leave the machine.
const QUIET_ENV = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  XDG_CONFIG_HOME: join(process.cwd(), '.wrangler', 'config'),
  CI: 'true',
  NO_UPDATE_NOTIFIER: '1',
  FORCE_COLOR: '0',
};

/** Copies web/static, ECharts and Swagger UI into public/, which the [assets] binding serves. Only
 * files that differ are written and only stale ones removed: a running `wrangler dev` watches
 * public/ and restarts its worker on any change, which cut a request of a parallel test in two. */
export function buildAssets(): void {
  const wanted = new Map<string, string>();
  const add = (from: string, to: string) => {
    if (statSync(from).isDirectory()) for (const f of readdirSync(from)) add(join(from, f), join(to, f));
    else wanted.set(to, from);
  };
  add('web/static', 'public/static');
  add('node_modules/echarts/dist/echarts.min.js', 'public/vendor/echarts/echarts.min.js');
  for (const f of ['swagger-ui.css', 'swagger-ui-bundle.js']) add(join('node_modules/swagger-ui-dist', f), join('public/vendor/swagger-ui', f));
  for (const [to, from] of wanted) {
    const content = readFileSync(from);
    if (existsSync(to) && readFileSync(to).equals(content)) continue;
    mkdirSync(dirname(to), { recursive: true });
    writeFileSync(to, content);
  }
  if (!existsSync('public')) return;
  for (const f of readdirSync('public', { recursive: true }) as string[]) {
    const path = join('public', f);
    if (statSync(path).isFile() && !wanted.has(path)) rmSync(path);
  }
}

function sqlString(v: string | null): string {
  return v === null ? 'NULL' : `'${v.replace(/'/g, "''")}'`;
}

/** The region tree as multi-row INSERTs for `wrangler d1 execute --file`. */
export function regionsSql(): string {
  const rows = loadRegionRows();
  const out: string[] = [];
  for (let i = 0; i < rows.length; i += 400) {
    const values = rows.slice(i, i + 400).map((r) => `(${sqlString(r.code)},${sqlString(r.name)},${r.level},${sqlString(r.parent_code)},${sqlString(r.full_name)})`);
    out.push(`INSERT OR IGNORE INTO regions (code, name, level, parent_code, full_name) VALUES ${values.join(',')};`);
  }
  return out.join('\n') + '\n';
}

function wrangler(args: string[]): string {
  return execFileSync(WRANGLER, args, { env: QUIET_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Applies db/migrations to the local D1 and loads the region tree (idempotent). */
export function prepareLocalD1(persistTo: string): void {
  wrangler(['d1', 'migrations', 'apply', 'shegong', '--local', '--persist-to', persistTo]);
  const count = wrangler(['d1', 'execute', 'shegong', '--local', '--persist-to', persistTo, '--json', '--command', 'SELECT count(*) AS n FROM regions']);
  if (JSON.parse(count)[0].results[0].n > 0) return;
  mkdirSync(persistTo, { recursive: true });
  const file = join(persistTo, 'regions.sql');
  writeFileSync(file, regionsSql());
  wrangler(['d1', 'execute', 'shegong', '--local', '--persist-to', persistTo, '--file', file]);
}

/** Starts `wrangler dev` on loopback and resolves once it answers /health. The app's own log lines
 * (console.log) stay visible: wrangler's default log level. `testScheduled` opens /__scheduled. */
export async function startWranglerDev(opts: { port: number; persistTo: string; vars: Record<string, string>; testScheduled?: boolean }): Promise<ChildProcess> {
  // The devtools port too is a free one: the default 9229 is taken by any other wrangler dev or
  // Node inspector on the machine, and workerd then exits.
  const args = [
    'dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(opts.port),
    '--inspector-port',
    String(await freePort()),
    '--persist-to',
    opts.persistTo,
    '--show-interactive-dev-session=false',
  ];
  if (opts.testScheduled) args.push('--test-scheduled');
  for (const [k, v] of Object.entries(opts.vars)) args.push('--var', `${k}:${v}`);
  const child = spawn(WRANGLER, args, { env: QUIET_ENV, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${opts.port}/health`);
      if (res.ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  stopProcessGroup(child);
  throw new Error(`wrangler dev did not answer within 90 s:\n${output}`);
}

export function stopProcessGroup(child: ChildProcess): void {
  if (child.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

/** A loopback port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
