// Node entry point: better-sqlite3 + @hono/node-server. Reads configuration from process.env.
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { openSqlite } from '../db/sqlite';
import { nodeXlsx } from '../spreadsheet/xlsx-node';
import { createSearch } from '../search/index';
import { createApp } from './app';
import { parseEnv, toConfig, type RawConfig } from './env';
import { createFieldCrypto } from './lib/crypto';
import { checkDataKey, DataKeyError, FINGERPRINT_KEY, readMeta } from './lib/instance-meta';
import { acquireLock, releaseLock } from './lib/pid-lock';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AppDeps } from './lib/context';
import { jsonLog, loadOrCreateDataKey, nodeClientAddress, nodeScrypt } from './node-deps';
import { startNodeSearch } from '../search/node';
import { startJobs } from './jobs';
import { leaveWriteTurn, withWriteGate } from './lib/write-gate';
import { mailAvailable, startMailDrain } from './mail';
import { startLapsingSweep } from './talents';
import { smtpTransport } from './mail/smtp';

export async function buildNodeDeps(raw: RawConfig, options: { search?: 'server' | 'none' } = {}): Promise<{ deps: AppDeps; close: () => Promise<void> }> {
  const { sqlite, database } = openSqlite(raw.DATABASE_PATH);
  // Refuse to run with a key other than the one the data was written with, or without one.
  let dataKey: string;
  try {
    const known = (await readMeta(database, FINGERPRINT_KEY)) !== null;
    dataKey = loadOrCreateDataKey(raw.DATA_DIR, raw.DATA_KEY, !known);
    await checkDataKey(database, dataKey);
  } catch (e) {
    sqlite.close();
    throw e;
  }
  // The server starts (or connects to) Meilisearch and drains the outbox; one-off commands don't.
  const nodeSearch =
    options.search === 'none'
      ? { search: createSearch({ database, now: () => Date.now(), log: jsonLog, meili: null }), stop: async () => {} }
      : await startNodeSearch({ database, now: () => Date.now(), log: jsonLog, dataDir: raw.DATA_DIR, meiliUrl: raw.MEILI_URL, meiliMasterKey: raw.MEILI_MASTER_KEY });
  const deps: AppDeps = {
    database,
    config: toConfig(raw, dataKey),
    fieldCrypto: await createFieldCrypto(dataKey),
    scrypt: nodeScrypt,
    now: () => Date.now(),
    clientAddress: nodeClientAddress,
    log: jsonLog,
    search: nodeSearch.search,
    xlsx: nodeXlsx,
    yieldWriteTurn: leaveWriteTurn,
    mail: raw.SMTP_URL ? smtpTransport(raw.SMTP_URL) : undefined,
  };
  return {
    deps,
    close: async () => {
      await nodeSearch.stop();
      sqlite.close();
    },
  };
}

/** The app plus the static files that Workers serve from their assets binding. */
export function withStaticFiles(app: ReturnType<typeof createApp>) {
  const root = new Hono();
  root.use('/static/*', serveStatic({ root: './web' }));
  root.use('/vendor/swagger-ui/*', serveStatic({ root: './node_modules/swagger-ui-dist', rewriteRequestPath: (p) => p.replace('/vendor/swagger-ui', '') }));
  root.use('/vendor/echarts/*', serveStatic({ root: './node_modules/echarts/dist', rewriteRequestPath: (p) => p.replace('/vendor/echarts', '') }));
  root.route('/', app);
  // Mounted apps' notFound handlers don't run inside another app: hand unknown paths to ours, so
  // /api/* gets problem+json and pages get the HTML 404.
  root.notFound((c) => app.fetch(c.req.raw, c.env));
  return root;
}

/** One server per DATA_DIR: DATA_DIR/server.pid names it (restore refuses while it runs). */
export function serverLockFile(dataDir: string): string {
  return join(resolve(dataDir), 'server.pid');
}

export async function startServer(raw: RawConfig) {
  mkdirSync(raw.DATA_DIR, { recursive: true });
  const lockFile = serverLockFile(raw.DATA_DIR);
  const lock = acquireLock(lockFile, { pid: process.pid, port: raw.PORT, database: resolve(raw.DATABASE_PATH) }, { commandLike: /node|tsx/ });
  if (!lock.acquired) {
    throw new StartupError(`Another shegong server (pid ${lock.holder.pid}, port ${String(lock.holder.port)}) is running on ${resolve(raw.DATA_DIR)}; stop it first.`);
  }
  process.once('exit', () => releaseLock(lockFile));
  let built: Awaited<ReturnType<typeof buildNodeDeps>>;
  try {
    built = await buildNodeDeps(raw);
  } catch (e) {
    releaseLock(lockFile);
    throw e;
  }
  const { deps, close } = built;
  // Long jobs (imports, round runs, exports, reindexing) in worker threads; orphans recovered.
  const stopJobs = await startJobs(deps, raw);
  // Mail from the outbox, with retries (src/mail); without SMTP_URL it waits there.
  const stopMail = startMailDrain(deps);
  if (!mailAvailable(deps)) {
    deps.log({
      level: 'warn',
      event: 'mail_off',
      detail: 'No SMTP_URL in production: password reset is off, and sign-up cannot confirm addresses (it signs in at once and answers 409 for a taken address).',
    });
  }
  // Registrations lapsing within 60 days: a notice each, at start and every 6 hours (src/talents).
  const stopLapsing = startLapsingSweep(deps);
  const app = withStaticFiles(createApp(deps));
  // Writes take turns so reads stay fast under a burst of writes (src/lib/write-gate.ts).
  const server = serve({ fetch: withWriteGate(app.fetch), port: raw.PORT, hostname: raw.HOST });
  const stop = (code = 0) => {
    server.close(async () => {
      stopLapsing();
      await stopMail();
      await stopJobs();
      await close();
      releaseLock(lockFile);
      process.exit(code);
    });
  };
  // A busy port: say so and stop what we started (our own Meilisearch), nothing else.
  server.once('error', async (e: NodeJS.ErrnoException) => {
    jsonLog({ level: 'error', msg: `cannot listen on ${raw.HOST}:${raw.PORT}: ${e.code ?? e.message}` });
    await stopMail();
    await stopJobs();
    await close();
    releaseLock(lockFile);
    process.exit(1);
  });
  process.once('SIGINT', () => stop());
  process.once('SIGTERM', () => stop());
  jsonLog({ msg: `shegong listening on http://localhost:${raw.PORT}`, database: raw.DATABASE_PATH });
  return { app, deps, server };
}

/** A reason not to start that the operator must act on (printed without a stack). */
export class StartupError extends Error {}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await startServer(parseEnv(process.env));
  } catch (e) {
    if (!(e instanceof StartupError || e instanceof DataKeyError)) throw e;
    process.stderr.write(`shegong: ${e.message}\n`);
    process.exit(1);
  }
}
