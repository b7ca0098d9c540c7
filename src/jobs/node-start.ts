// Node start-up hook: the job thread pool, and recovery of the jobs a previous process left running.
import type { RawConfig } from '../env';
import type { AppDeps } from '../lib/context';
import { recoverJobs } from './jobs.service';
import { createThreadPool, runnerAlive } from './node-pool';

/** Starts the pool, marks orphaned jobs interrupted (what they held is resumable at once) and gives
 * the pool to the app. Returns a stop function for shutdown. */
export async function startJobs(deps: AppDeps, raw: RawConfig, opts: { size?: number; waitReady?: boolean } = {}): Promise<() => Promise<void>> {
  const m = deps.search.meili?.options;
  const meili = m ? { host: m.host, apiKey: m.apiKey, indexPrefix: m.indexPrefix } : null;
  const pool = createThreadPool({ databasePath: raw.DATABASE_PATH, dataKey: deps.config.dataKey, raw, meili }, { size: opts.size, log: deps.log });
  const recovered = await recoverJobs(deps, pool.id, runnerAlive);
  if (recovered.length) deps.log({ msg: 'jobs: marked interrupted (their process is gone)', jobs: recovered.length });
  deps.jobs = pool;
  if (opts.waitReady) await pool.ready();
  return async () => {
    deps.jobs = undefined;
    await pool.close();
  };
}
