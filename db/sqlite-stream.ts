// A streamed atomic write on a SQLite file (src/lib/database.ts AtomicStream; WriteUnit.streaming):
// a writer thread (db/sqlite-writer.mjs) with its own connection holds one transaction open and runs
// each statement as it is handed over, while this thread goes on computing the next ones. A long
// job (a round) thus writes while it still computes, on the second core, and its write stays one
// all-or-nothing transaction.
//
// Faults: a statement that fails rolls the transaction back and commit() rejects with SQLite's error
// (its `code` kept, so storage faults answer 503 as elsewhere); a writer thread that dies rolls back
// with its connection; a stream neither committed nor abandoned rolls back after `idleMs`.
import type { CompiledQuery } from 'kysely';
import { Worker } from 'node:worker_threads';
import type { AtomicStream, WriteResult } from '../src/lib/database';
import { DEFAULT_BUSY_POLICY } from './sqlite-driver';
import { storageFaultCode, type StorageMonitor } from '../src/lib/storage';

/** Strings from this length on cross to the writer as UTF-8 bytes, moved rather than copied: a
 * structured clone copies a string at about a fifth of the speed of encoding it (a run hands over
 * tens of MB of JSON chunks). */
const MOVE_STRINGS_FROM = 16_384;
const utf8 = new TextEncoder();

type Reply = { results: WriteResult[] } | { error: { message: string; code?: string } };

/** How long a stream may go without a statement, a commit or an abandon before it rolls back. */
export const STREAM_IDLE_MS = 120_000;

export function sqliteStream(path: string, monitor: StorageMonitor, idleMs = STREAM_IDLE_MS): AtomicStream {
  const worker = new Worker(new URL('./sqlite-writer.mjs', import.meta.url), {
    workerData: { path, busyTimeoutMs: DEFAULT_BUSY_POLICY.retryForMs, idleMs },
    execArgv: [],
  });
  const reply = new Promise<Reply>((resolve) => {
    worker.once('message', (m: Reply) => resolve(m));
    worker.once('error', (e) => resolve({ error: { message: `the database writer thread failed: ${e.message}` } }));
    worker.once('exit', (code) => resolve({ error: { message: `the database writer thread stopped (exit code ${code}); nothing was written` } }));
  });
  let ended = false;
  const post = (m: unknown, moved: ArrayBuffer[] = []) => {
    if (ended) throw new Error('this write has already been committed or abandoned');
    worker.postMessage(m, moved);
  };
  return {
    add(queries: readonly CompiledQuery[]) {
      if (queries.length === 0) return;
      const moved: ArrayBuffer[] = [];
      const parameters = (q: CompiledQuery) =>
        q.parameters.map((v) => {
          if (typeof v !== 'string' || v.length < MOVE_STRINGS_FROM) return v;
          const bytes = utf8.encode(v);
          moved.push(bytes.buffer as ArrayBuffer);
          return { utf8: bytes };
        });
      post({ queries: queries.map((q) => ({ sql: q.sql, parameters: parameters(q) })) }, moved);
    },
    async commit() {
      post({ commit: true });
      ended = true;
      const r = await reply;
      if ('results' in r) {
        monitor.wrote();
        return r.results;
      }
      const error = Object.assign(new Error(r.error.message), r.error.code ? { code: r.error.code } : {});
      const fault = storageFaultCode(error);
      if (fault) monitor.fault(fault, error);
      throw error;
    },
    abandon() {
      if (ended) return;
      post({ abandon: true });
      ended = true;
    },
  };
}
