// Kysely driver for better-sqlite3 that never lets a locked database freeze the event loop
// (issue 9, B4) and never hides a storage fault behind a failed ROLLBACK (B5).
// - SQLite's own busy wait (busy_timeout) is kept short, because better-sqlite3 waits synchronously.
// - A statement that finds the database locked outside a transaction is retried asynchronously with
//   backoff; the connection is released while waiting, so reads (WAL) keep being answered.
// - Transactions start with BEGIN IMMEDIATE: the write lock is taken first, so a lock can only be met
//   at BEGIN, where retrying is safe, never half-way through.
// - When a failed statement made SQLite roll the transaction back itself (disk full, I/O error),
//   ROLLBACK is skipped and the real error reaches the caller.
import type BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  SelectQueryNode,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';
import { storageFaultCode, type StorageMonitor } from '../src/lib/storage';

export interface BusyPolicy {
  /** How long a statement keeps retrying a locked database before the lock is reported (503). */
  retryForMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_BUSY_POLICY: BusyPolicy = { retryForMs: 3000, baseDelayMs: 10, maxDelayMs: 250 };
/** SQLite's synchronous busy wait per attempt (PRAGMA busy_timeout). */
export const BUSY_TIMEOUT_MS = 20;

/** The statement source the driver runs (better-sqlite3, or a statement cache in front of it). */
export interface StatementSource {
  prepare(sql: string): {
    readonly reader: boolean;
    all(params: readonly unknown[]): unknown[];
    run(params: readonly unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint };
    iterate(params: readonly unknown[]): IterableIterator<unknown>;
  };
  close(): void;
}

class Mutex {
  private held: Promise<void> | null = null;
  private release: (() => void) | null = null;

  async lock(): Promise<void> {
    while (this.held) await this.held;
    this.held = new Promise((r) => (this.release = r));
  }

  unlock(): void {
    const r = this.release;
    this.held = null;
    this.release = null;
    r?.();
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

class RetryingConnection implements DatabaseConnection {
  constructor(
    private readonly source: StatementSource,
    private readonly raw: BetterSqlite3.Database,
    private readonly mutex: Mutex,
    private readonly policy: BusyPolicy,
    private readonly monitor: StorageMonitor,
  ) {}

  private runOnce(query: CompiledQuery): QueryResult<unknown> {
    const stmt = this.source.prepare(query.sql);
    if (stmt.reader) return { rows: stmt.all(query.parameters) };
    const { changes, lastInsertRowid } = stmt.run(query.parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        const result = this.runOnce(query);
        if (!this.raw.inTransaction && result.numAffectedRows !== undefined && query.sql !== 'begin immediate') this.monitor.wrote();
        return result as QueryResult<R>;
      } catch (e) {
        const code = storageFaultCode(e);
        const retryable = code === 'storage_busy' && !this.raw.inTransaction && Date.now() - started < this.policy.retryForMs;
        if (!retryable) {
          if (code) this.monitor.fault(code, e);
          throw e;
        }
        // Outside a transaction nothing is half done: give the connection to others while waiting.
        const delay = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** Math.min(attempt, 10));
        this.mutex.unlock();
        await sleep(Math.round(delay * (0.5 + Math.random() * 0.5)));
        await this.mutex.lock();
      }
    }
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(query.query)) throw new Error('Sqlite driver only supports streaming of select queries');
    for (const row of this.source.prepare(query.sql).iterate(query.parameters)) yield { rows: [row as R] };
  }
}

class RetryingSqliteDriver implements Driver {
  private readonly mutex = new Mutex();
  private readonly connection: RetryingConnection;

  constructor(
    private readonly source: StatementSource,
    private readonly raw: BetterSqlite3.Database,
    policy: BusyPolicy,
    monitor: StorageMonitor,
  ) {
    this.connection = new RetryingConnection(source, raw, this.mutex, policy, monitor);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.mutex.lock();
    return this.connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    // SQLite has already rolled back after SQLITE_FULL, SQLITE_IOERR and the like; a ROLLBACK now
    // would fail with "no transaction is active" and replace the real error.
    if (this.raw.inTransaction) await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint "${name}"`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    if (this.raw.inTransaction) await connection.executeQuery(CompiledQuery.raw(`rollback to "${name}"`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release "${name}"`));
  }

  async releaseConnection(): Promise<void> {
    this.mutex.unlock();
  }

  async destroy(): Promise<void> {
    this.source.close();
  }
}

export function retryingSqliteDialect(source: StatementSource, raw: BetterSqlite3.Database, monitor: StorageMonitor, policy: BusyPolicy = DEFAULT_BUSY_POLICY): Dialect {
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new RetryingSqliteDriver(source, raw, policy, monitor),
    createIntrospector: (db: Kysely<any>) => new SqliteIntrospector(db), // eslint-disable-line @typescript-eslint/no-explicit-any
    createQueryCompiler: () => new SqliteQueryCompiler(),
  };
}
