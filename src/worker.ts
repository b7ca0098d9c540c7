// Cloudflare Workers entry point: the same app over D1 (kysely-d1). Configuration comes from the
// Worker's bindings (vars and secrets), parsed by the same env module as on Node.
import { Kysely } from 'kysely';
import { D1Dialect } from 'kysely-d1';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { createApp } from './app';
import { parseEnv, toConfig } from './env';
import { createFieldCrypto } from './lib/crypto';
import { d1Database } from './lib/database';
import type { AppDeps, ScryptFn } from './lib/context';
import type { DB } from '../db/schema';
import { createSearch } from '../search/index';
import { pruneOutbox } from '../search/outbox-drain';
import { checkDataKey } from './lib/instance-meta';
import { D1_IMPORT_CHUNKING } from './imports';

export interface Env {
  DB: D1Database;
  DATA_KEY?: string;
  [key: string]: unknown;
}

const nobleScrypt: ScryptFn = (password, salt, { N, r, p, dkLen }) => scryptAsync(password, salt, { N, r, p, dkLen, maxmem: 256 * N * r + 1024 * 1024 });

let built: ReturnType<typeof build> | null = null;

function get(env: Env) {
  built ??= build(env).catch((err) => {
    built = null;
    throw err;
  });
  return built;
}

async function build(env: Env) {
  const vars = Object.fromEntries(Object.entries(env).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  const raw = parseEnv(vars);
  if (!raw.DATA_KEY) throw new Error('DATA_KEY is not set: `wrangler secret put DATA_KEY` (base64, 32 bytes)');
  const database = d1Database(new Kysely<DB>({ dialect: new D1Dialect({ database: env.DB }) }), env.DB);
  // Refuse to run with a key other than the one the data was written with (issue 9, C3).
  await checkDataKey(database, raw.DATA_KEY);
  // Errors and warnings on console.error / console.warn, so `wrangler tail` and dev show them as such.
  const log = (entry: Record<string, unknown>) => (entry.level === 'error' ? console.error : entry.level === 'warn' ? console.warn : console.log)(JSON.stringify(entry));
  // No background loop on Workers: the outbox is drained by the cron trigger (scheduled below).
  const search = createSearch({ database, now: () => Date.now(), log, meili: raw.MEILI_URL ? { host: raw.MEILI_URL, apiKey: raw.MEILI_MASTER_KEY } : null });
  const deps: AppDeps = {
    database,
    config: toConfig(raw, raw.DATA_KEY),
    fieldCrypto: await createFieldCrypto(raw.DATA_KEY),
    scrypt: nobleScrypt,
    now: () => Date.now(),
    clientAddress: (c) => c.req.header('cf-connecting-ip') ?? 'unknown',
    log,
    // Imports are cut to stay within D1's per-invocation query limit (README, Workers).
    importChunking: D1_IMPORT_CHUNKING,
    search,
  };
  return { app: createApp(deps), deps, search };
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    return (await get(env)).app.fetch(request, env, ctx);
  },
  async scheduled(_event: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> {
    const { deps, search } = await get(env);
    // Processed outbox rows older than a week go (bounded per run), with or without Meilisearch.
    ctx.waitUntil(
      pruneOutbox(deps.database, Date.now()).then(
        (n) => (n > 0 ? deps.log({ msg: 'search outbox: pruned processed rows', rows: n }) : undefined),
        (e) => deps.log({ level: 'error', msg: 'search outbox: prune failed', error: e instanceof Error ? e.message : String(e) }),
      ),
    );
    if (search.drain) ctx.waitUntil(search.drain.drainAll(20_000).then(() => undefined));
  },
} satisfies ExportedHandler<Env>;
