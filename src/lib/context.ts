// What the app is built from (createApp(deps)) and what each request carries.
import type { Context } from 'hono';
import type { Config } from '../env';
import type { User } from '../../db/schema';
import type { Database } from './database';
import type { FieldCrypto } from './crypto';
import type { Search } from './search';
import type { XlsxCodec } from './spreadsheet';
import type { MailTransport } from './mail';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
  dkLen: number;
}
export type ScryptFn = (password: string, salt: Uint8Array, params: ScryptParams) => Promise<Uint8Array>;

/** Runs tasks: in worker threads (src/jobs/node-pool.ts) or inline on the caller's loop. */
export interface JobRunner {
  /** This process, as written in jobs.runner ('inline' runs in the caller). */
  readonly id: string;
  run(task: string, input: unknown, jobId: string): Promise<unknown>;
  close(): Promise<void>;
}

export interface AppDeps {
  database: Database;
  config: Config;
  fieldCrypto: FieldCrypto;
  /** Node passes node:crypto's scrypt; Workers pass @noble/hashes' — the same function. */
  scrypt: ScryptFn;
  now: () => number;
  /** The caller's network address, for per-address sign-in limits. */
  clientAddress: (c: Context) => string;
  /** Structured log sink. Never given personal data (the request log holds method, path, status). */
  log: (entry: Record<string, unknown>) => void;
  /** Meilisearch with its SQL fallback, the outbox drain, status and reindex (search/). */
  search: Search;
  /** xlsx read/write (exceljs) on Node; absent on Workers, where only CSV is offered. */
  xlsx?: XlsxCodec;
  /** Runs long jobs off the request loop: worker threads on Node (src/jobs/node-pool.ts); absent
   * on Workers and in-memory tests, where jobs run inline. */
  jobs?: JobRunner;
  /** How an import is cut for D1's per-invocation limits (Workers): rows per staged chunk (one atomic
   * batch at commit), chunks written per commit call, and an upload's own bound (an upload is one
   * invocation): data rows per file and row problems kept. Absent on Node: 1,000-row chunks, one
   * call, UPLOAD_LIMITS. */
  importChunking?: { rowsPerChunk: number; chunksPerCall: number; rowsPerFile: number; errorRowsKept: number };
  /** Node: the current write gives up its turn at the write gate (src/lib/write-gate.ts) while it
   * only waits for a worker thread. Absent on Workers and in tests without the gate. */
  yieldWriteTurn?: () => void;
  /** SMTP (Node, when SMTP_URL is set; src/mail/smtp.ts). Absent: mail waits in the outbox. */
  mail?: MailTransport;
}

export type SessionUser = Pick<User, 'id' | 'email' | 'role' | 'display_name' | 'region_code'>;

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    user: SessionUser | null;
    sessionId: string | null;
    lang: 'zh' | 'en';
    /** The signed-in caller's unread notifications, for the page header (set by web/index.tsx). */
    unread?: number;
  };
}

export type AppContext = Context<AppEnv>;
