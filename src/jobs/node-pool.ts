// Node: jobs run in a small pool of worker threads (node:worker_threads), each with its own SQLite
// connection to the same database file (WAL), so parsing, validating and writing never hold the
// request loop. A worker that dies (crash, out of memory) fails its job and is replaced; its heap is
// capped, so a runaway job cannot take the server down.
import { hostname } from 'node:os';
import { MessagePort, Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../lib/errors';
import type { RawConfig } from '../env';
import type { JobRunner } from './jobs.registry';
import type { StoredProblem } from './jobs.service';

export interface WorkerInit {
  databasePath: string;
  dataKey: string;
  /** The configuration the server was started with (src/env.ts RawConfig). */
  raw: RawConfig;
  /** The Meilisearch the server uses (reindex jobs), or null. */
  meili: { host: string; apiKey?: string; indexPrefix?: string } | null;
}

interface Pending {
  task: string;
  input: unknown;
  jobId: string;
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

type Reply = { jobId: string; ok: true; result: unknown } | { jobId: string; ok: false; problem: StoredProblem };

/** This process as a job runner: host, pid and start time (a reused pid is another process). */
export const PROCESS_RUNNER = `${hostname()}:${process.pid}:${Date.now()}`;

/** Whether the process named by a runner id still runs (same host, pid alive, same start). */
export function runnerAlive(runner: string): boolean {
  const [host, pid] = runner.split(':');
  if (runner === PROCESS_RUNNER) return true;
  if (host !== hostname() || !pid) return false;
  if (Number(pid) === process.pid) return false; // this pid, an earlier start: a previous life
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch {
    return false;
  }
}

/** Transferable inputs (upload bytes, an export's port) move to the worker instead of being copied. */
function transferables(input: unknown): (ArrayBuffer | MessagePort)[] {
  if (!input || typeof input !== 'object') return [];
  const out: (ArrayBuffer | MessagePort)[] = [];
  for (const v of Object.values(input as Record<string, unknown>)) {
    if (v instanceof MessagePort) out.push(v);
    if (v instanceof Uint8Array && v.byteOffset === 0 && v.byteLength === v.buffer.byteLength && v.buffer instanceof ArrayBuffer) out.push(v.buffer);
  }
  return out;
}

export function createThreadPool(
  init: WorkerInit,
  opts: { size?: number; maxHeapMb?: number; log?: (e: Record<string, unknown>) => void } = {},
): JobRunner & { workers(): Worker[]; ready(): Promise<void> } {
  const size = opts.size ?? 2;
  const queue: Pending[] = [];
  const idle: Worker[] = [];
  const all = new Set<Worker>();
  const busy = new Map<Worker, Pending>();
  let closed = false;
  let readyCount = 0;
  let onReady: () => void = () => {};
  const allReady = new Promise<void>((resolve) => (onReady = resolve));

  function spawn(): void {
    const w = new Worker(new URL('./worker-entry.mjs', import.meta.url), {
      workerData: init,
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: opts.maxHeapMb ?? 1024 },
    });
    all.add(w);
    w.on('message', (m: Reply | { ready: true }) => {
      if ('ready' in m) {
        if (++readyCount === size) onReady();
        idle.push(w);
        next();
        return;
      }
      const p = busy.get(w);
      busy.delete(w);
      idle.push(w);
      if (p) {
        if (m.ok) p.resolve(m.result);
        else p.reject(m.problem.code === 'internal_error' ? new Error(m.problem.message) : new AppError(m.problem.code as ErrorCode, m.problem.message, m.problem.errors));
      }
      next();
    });
    w.on('error', (err) => opts.log?.({ level: 'error', action: 'job_worker', error: err.message.slice(0, 300) }));
    w.on('exit', (code) => {
      all.delete(w);
      const i = idle.indexOf(w);
      if (i >= 0) idle.splice(i, 1);
      const p = busy.get(w);
      busy.delete(w);
      if (p) p.reject(new Error(`the job's worker thread stopped (exit code ${code})`));
      if (!closed) spawn();
    });
  }

  function next(): void {
    while (idle.length && queue.length) {
      const w = idle.shift()!;
      const p = queue.shift()!;
      busy.set(w, p);
      w.postMessage({ task: p.task, input: p.input, jobId: p.jobId }, transferables(p.input));
    }
  }

  for (let i = 0; i < size; i++) spawn();

  return {
    id: PROCESS_RUNNER,
    run(task, input, jobId) {
      if (closed) return Promise.reject(new Error('jobs: the pool is closed'));
      return new Promise((resolve, reject) => {
        queue.push({ task, input, jobId, resolve, reject });
        next();
      });
    },
    async close() {
      closed = true;
      await Promise.all([...all].map((w) => w.terminate()));
    },
    workers: () => [...all],
    /** Resolves once the first workers have loaded (tests wait for it; the server need not). */
    ready: () => allReady,
  };
}
