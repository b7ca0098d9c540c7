// Node only (never imported by the Worker): the search layer for the Node server, CLI and demo.
// MEILI_URL set → that server (with MEILI_MASTER_KEY); unset → the local sidecar under DATA_DIR;
// sidecar impossible here → SQL fallback only, said once in the log.
import type { Database } from '../src/lib/database';
import { deleteMeta, readMeta, SEARCH_REBUILD_KEY } from '../src/lib/instance-meta';
import { createSearch, type CreateSearchOptions, type SearchRuntime } from './index';
import { nodeSearchHttpClient } from './node-http';
import { findRunningSidecar, SidecarBusyError, startMeiliSidecar, type MeiliSidecar, type SidecarOptions } from './sidecar';

export interface NodeSearchOptions {
  database: Database;
  now: () => number;
  log: (entry: Record<string, unknown>) => void;
  dataDir: string;
  meiliUrl?: string;
  meiliMasterKey?: string;
  /** Start the background drain loop (the server: yes; a one-off CLI command: no). */
  drainLoop?: boolean;
  /** Use the sidecar a running server started on this DATA_DIR, if any (CLI commands). */
  attachToRunning?: boolean;
  sidecar?: Partial<Omit<SidecarOptions, 'dataDir' | 'log'>>;
  search?: Partial<Pick<CreateSearchOptions, 'searchTimeoutMs' | 'retryAfterMs' | 'drain'>> & { indexPrefix?: string };
}

export interface NodeSearch {
  search: SearchRuntime;
  sidecar: MeiliSidecar | null;
  /** Stops the drain loop, then the sidecar (if we started one). */
  stop(): Promise<void>;
}

export async function startNodeSearch(options: NodeSearchOptions): Promise<NodeSearch> {
  let sidecar: MeiliSidecar | null = null;
  let meili: CreateSearchOptions['meili'] = null;
  let running: { url: string; masterKey: string } | null = null;
  const indexPrefix = options.search?.indexPrefix;
  if (options.meiliUrl) {
    meili = { host: options.meiliUrl, apiKey: options.meiliMasterKey, indexPrefix };
  } else if (options.attachToRunning && (running = await findRunningSidecar(options.dataDir))) {
    meili = { host: running.url, apiKey: running.masterKey, indexPrefix };
  } else {
    try {
      sidecar = await startMeiliSidecar({ ...options.sidecar, dataDir: options.dataDir, log: options.log });
      if (sidecar) meili = { host: sidecar.url, apiKey: sidecar.masterKey, indexPrefix };
    } catch (e) {
      if (!(e instanceof SidecarBusyError)) throw e;
      // Another live process owns this directory's Meilisearch: use it, never start a second one.
      running = await findRunningSidecar(options.dataDir);
      if (running) meili = { host: running.url, apiKey: running.masterKey, indexPrefix };
      else options.log({ level: 'warn', msg: `search: ${e.message}, which is not answering now; searches use the SQL fallback` });
    }
  }
  const search = createSearch({
    database: options.database,
    now: options.now,
    log: options.log,
    meili: meili && { ...meili, searchHttpClient: nodeSearchHttpClient() },
    searchTimeoutMs: options.search?.searchTimeoutMs,
    retryAfterMs: options.search?.retryAfterMs,
    drain: options.search?.drain,
  });
  await search.start({ drainLoop: options.drainLoop ?? true });
  if (options.drainLoop ?? true) await rebuildIfRestored(options.database, search, options.log);
  return {
    search,
    sidecar,
    async stop() {
      await search.stop();
      await sidecar?.stop();
    },
  };
}

/** After a restore (src/ops/restore.ts) that could not reach Meilisearch, the server's first start
 * rebuilds the indexes from the database, so no document newer than the backup survives. */
async function rebuildIfRestored(database: Database, search: SearchRuntime, log: NodeSearchOptions['log']): Promise<void> {
  if (!search.meili || !(await readMeta(database, SEARCH_REBUILD_KEY))) return;
  try {
    for (const entity of ['talent', 'position'] as const) log({ msg: 'search: rebuilt after a restore', ...(await search.reindex(entity)) });
    await deleteMeta(database, SEARCH_REBUILD_KEY);
  } catch (e) {
    log({ level: 'warn', msg: 'search: could not rebuild the index after a restore; will try at the next start', error: e instanceof Error ? e.message : String(e) });
  }
}
