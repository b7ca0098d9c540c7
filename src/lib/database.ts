// The database handle every repository takes, and the one atomic-write helper (ARCHITECTURE.md, "How a write flows").
// On better-sqlite3 an atomic write is a transaction; on D1 (no interactive transactions) a batch.
import type { CompiledQuery, Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { StorageMonitor } from './storage';

export interface WriteResult {
  rows: unknown[];
  numAffectedRows: number;
}

export interface Database {
  db: Kysely<DB>;
  /** Runs the queries in order as one all-or-nothing unit. Build them with `.compile()`.
   * Conditions that must hold at write time belong in the SQL itself (INSERT … SELECT … WHERE),
   * because nothing can be read between the statements on D1. */
  atomic(queries: CompiledQuery[]): Promise<WriteResult[]>;
  /** The last storage fault a real statement met (Node; see src/lib/storage.ts). */
  storage?: StorageMonitor;
  /** An atomic write fed in parts (WriteUnit.streaming). Only where a second connection can hold the
   * transaction while the caller computes: SQLite files on Node (db/sqlite-stream.ts). */
  openStream?(): AtomicStream;
}

/**
 * One atomic write whose statements are handed over as they are built and run at once, inside one
 * transaction that holds the write lock until commit() (all or nothing, as `atomic`) or abandon()
 * (nothing). Results come back in the order the statements were added.
 */
export interface AtomicStream {
  add(queries: readonly CompiledQuery[]): void;
  commit(): Promise<WriteResult[]>;
  /** Rolls back; nothing of the stream is written. No-op after commit. */
  abandon(): void;
}

/** For better-sqlite3 (and any dialect with real transactions). */
export function transactionalDatabase(db: Kysely<DB>, storage?: StorageMonitor): Database {
  return {
    db,
    storage,
    async atomic(queries) {
      return db.transaction().execute(async (trx) => {
        const results: WriteResult[] = [];
        for (const q of queries) {
          const r = await trx.executeQuery(q);
          results.push({ rows: r.rows as unknown[], numAffectedRows: Number(r.numAffectedRows ?? 0n) });
        }
        return results;
      });
    },
  };
}

/** D1 runs at most about 1,000 queries per Worker invocation (each statement of a batch counts):
 * a larger batch is refused here, so it fails the same way locally as it would deployed. */
export const D1_MAX_BATCH = 1000;

/** For Cloudflare D1: one `batch`, which D1 runs as a single transaction. */
export function d1Database(db: Kysely<DB>, d1: D1Database): Database {
  return {
    db,
    async atomic(queries) {
      if (queries.length === 0) return [];
      if (queries.length > D1_MAX_BATCH) throw new Error(`a D1 batch of ${queries.length} statements is over the ${D1_MAX_BATCH} a Worker invocation may run`);
      const stmts = queries.map((q) => d1.prepare(q.sql).bind(...(q.parameters as unknown[]).map(toD1Value)));
      const results = await d1.batch(stmts);
      return results.map((r) => ({ rows: (r.results ?? []) as unknown[], numAffectedRows: Number(r.meta?.changes ?? 0) }));
    },
  };
}

function toD1Value(v: unknown): unknown {
  if (v instanceof Uint8Array) return Array.from(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === undefined) return null;
  return v;
}

/** True when a write failed on a UNIQUE constraint (better-sqlite3 and D1 both say so in the message). */
export function isUniqueViolation(err: unknown, column?: string): boolean {
  const message = err instanceof Error ? err.message : String(err);
  return message.includes('UNIQUE constraint failed') && (!column || message.includes(column));
}
