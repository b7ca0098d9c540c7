// The one D1 harness, two ways: a local D1 in Miniflare's workerd reached through kysely-d1 (for
// services and SQL on real D1), and the whole app under `wrangler dev` with a local D1 (for HTTP).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely } from 'kysely';
import { D1Dialect } from 'kysely-d1';
import { Miniflare } from 'miniflare';
import type { DB } from '../../db/schema';
import { d1Database, type Database } from '../../src/lib/database';
import { buildAssets, prepareLocalD1, startWranglerDev, stopProcessGroup } from '../../scripts/worker-local';

const MIGRATIONS = join(__dirname, '../../db/migrations');

export interface LocalD1 {
  mf: Miniflare;
  d1: D1Database;
  /** The app's Database over kysely-d1, as src/worker.ts builds it. */
  database: Database;
  /** One statement with bound parameters. */
  run(statement: string, ...params: unknown[]): Promise<D1Result>;
  close(): Promise<void>;
}

/** A fresh local D1 in Miniflare: migrated (`migrate`, default true) or with only `schema`. */
export async function openLocalD1(opts: { migrate?: boolean; schema?: string[] } = {}): Promise<LocalD1> {
  const mf = new Miniflare({ modules: true, script: 'export default { fetch() { return new Response("") } }', d1Databases: ['DB'] });
  const d1 = (await mf.getD1Database('DB')) as unknown as D1Database;
  if (opts.migrate ?? true) {
    for (const f of readdirSync(MIGRATIONS)
      .filter((f) => /^\d{4}_.*\.sql$/.test(f))
      .sort()) {
      const text = readFileSync(join(MIGRATIONS, f), 'utf8')
        .split('\n')
        .filter((l) => !l.trim().startsWith('--'))
        .join('\n');
      for (const stmt of sqlStatements(text)) await d1.prepare(stmt).run();
    }
  }
  for (const stmt of opts.schema ?? []) await d1.prepare(stmt).run();
  return {
    mf,
    d1,
    database: d1Database(new Kysely<DB>({ dialect: new D1Dialect({ database: d1 }) }), d1),
    run: (statement, ...params) =>
      d1
        .prepare(statement)
        .bind(...params)
        .run(),
    close: () => mf.dispose(),
  };
}

/** The statements of a migration file: split at `;` line ends, keeping a CREATE TRIGGER's body
 * (statements up to its END) together. */
export function sqlStatements(text: string): string[] {
  const out: string[] = [];
  let pending = '';
  for (const piece of text
    .split(/;\s*\n/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    pending = pending ? `${pending};\n${piece}` : piece;
    if (/^CREATE\s+TRIGGER/i.test(pending) && !/\bEND$/i.test(pending)) continue;
    out.push(pending);
    pending = '';
  }
  return out;
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The SQLite file behind a local D1 that wrangler keeps under `root`. */
export function findD1File(root: string): string {
  for (const entry of readdirSync(root, { recursive: true }) as string[]) {
    if (entry.endsWith('.sqlite') && entry.includes('D1DatabaseObject')) return join(root, entry);
  }
  throw new Error(`no local D1 file under ${root}`);
}

export interface LocalWorker {
  /** http://127.0.0.1:<port> */
  base: string;
  persistTo: string;
  /** The local D1's SQLite file (read it with better-sqlite3 while the worker runs). */
  file: string;
  child: ChildProcess;
  /** Stops wrangler and removes the local D1. */
  close(): void;
}

/** The app under `wrangler dev` on a local D1 that has the migrations and the region tree. `seed`
 * writes to the D1 file before the worker starts (as an operator would with `wrangler d1 execute`). */
export async function startLocalWorker(
  opts: { vars?: Record<string, string>; testScheduled?: boolean; seed?: (db: BetterSqlite3.Database) => void | Promise<void>; prefix?: string } = {},
): Promise<LocalWorker> {
  const persistTo = mkdtempSync(join(tmpdir(), opts.prefix ?? 'shegong-d1-'));
  let child: ChildProcess | undefined;
  const close = () => {
    if (child) stopProcessGroup(child);
    rmSync(persistTo, { recursive: true, force: true });
  };
  try {
    buildAssets();
    prepareLocalD1(persistTo);
    const file = findD1File(persistTo);
    if (opts.seed) {
      const db = new BetterSqlite3(file);
      try {
        await opts.seed(db);
      } finally {
        db.close();
      }
    }
    const port = await freePort();
    child = await startWranglerDev({ port, persistTo, testScheduled: opts.testScheduled, vars: opts.vars ?? {} });
    return { base: `http://127.0.0.1:${port}`, persistTo, file, child, close };
  } catch (e) {
    close();
    throw e;
  }
}
