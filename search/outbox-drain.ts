// The outbox drain (ARCHITECTURE.md, "Search"): every write to a talent or position added a search_outbox row in
// the same atomic write; this loop turns those rows into Meilisearch updates. A row is marked
// processed only after Meilisearch has applied the document as read from the database *after* the
// row was taken, so nothing is lost: a newer write to the same entity has a newer row that stays
// pending. Failures are counted on the rows (attempts, last_error) and retried with exponential
// backoff; the database keeps serving meanwhile and searches use the SQL fallback.
import { sql } from 'kysely';
import type { Database } from '../src/lib/database';
import { allDocuments, chunk, loadDocuments, type SearchEntity } from './documents';
import type { DocumentSink } from './engine';
import { MeiliTaskError, errorMessage } from './meili';
import { readMeta } from '../src/lib/instance-meta';
import { SEARCH_SETTINGS_KEY, type OutboxStatus, type ReindexReport } from '../src/lib/search';
import { invalidateTuning } from './tuning';

export interface DrainOptions {
  database: Database;
  sink: DocumentSink;
  now: () => number;
  log?: (entry: Record<string, unknown>) => void;
  /** Outbox rows taken per batch. */
  batchSize?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** Poll interval while the outbox is empty (kick() wakes the loop sooner). */
  idleMs?: number;
  /** Processed rows older than this are deleted now and then. */
  retentionMs?: number;
}

export type { OutboxStatus, ReindexReport } from '../src/lib/search';

/** A row that Meilisearch refuses on its own this many times is parked (kept pending, skipped). */
const PARK_AFTER_ATTEMPTS = 5;
const PRUNE_EVERY_MS = 10 * 60_000;

export class OutboxDrain {
  private readonly batchSize: number;
  private readonly baseBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly idleMs: number;
  private readonly retentionMs: number;
  private currentBatchSize: number;
  private readonly parked = new Set<number>();
  /** Times Meilisearch refused a row sent on its own (connection failures do not count). */
  private readonly refusals = new Map<number, number>();
  private lock: Promise<unknown> = Promise.resolve();
  private running = false;
  private loopDone: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private lastError: string | null = null;
  private lastErrorAt: number | null = null;
  private consecutiveFailures = 0;
  private nextRetryAt: number | null = null;
  private lastBatchAt: number | null = null;
  private lastPruneAt = 0;

  constructor(private readonly options: DrainOptions) {
    this.batchSize = options.batchSize ?? 5000;
    this.currentBatchSize = this.batchSize;
    this.baseBackoffMs = options.baseBackoffMs ?? 250;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.idleMs = options.idleMs ?? 500;
    this.retentionMs = options.retentionMs ?? OUTBOX_RETENTION_MS;
  }

  private get db() {
    return this.options.database.db;
  }

  /** Runs `fn` after everything queued before it: one batch or reindex at a time per process. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => undefined);
    return run;
  }

  /** Applies the current database state of these entities to the index. */
  private async apply(entity: SearchEntity, ids: readonly string[]): Promise<void> {
    const docs = await loadDocuments(this.options.database, entity, ids, this.options.now());
    await this.options.sink.upsertDocuments(entity, [...docs.values()]);
    await this.options.sink.deleteDocuments(
      entity,
      ids.filter((id) => !docs.has(id)),
    );
  }

  /** One batch: takes the oldest pending rows, applies them, marks them processed. Returns the
   * number of rows processed (0 = nothing pending). Throws after recording a failure. */
  runBatch(): Promise<number> {
    return this.exclusive(() => this.batch());
  }

  /** Settings written by an admin (search/tuning.ts) and not yet applied: apply them, then clear the
   * flag unless another write set it again meanwhile. A failure leaves the flag for the next try. */
  private async applyPendingSettings(): Promise<void> {
    const flag = await readMeta(this.options.database, SEARCH_SETTINGS_KEY);
    if (flag === null || !this.options.sink.applySettings) return;
    invalidateTuning(this.options.database);
    try {
      await this.options.sink.applySettings();
    } catch (e) {
      this.lastError = `settings: ${errorMessage(e)}`;
      this.lastErrorAt = this.options.now();
      throw e;
    }
    await this.db.deleteFrom('instance_meta').where('key', '=', SEARCH_SETTINGS_KEY).where('value', '=', flag).execute();
  }

  private async batch(): Promise<number> {
    await this.applyPendingSettings();
    let q = this.db.selectFrom('search_outbox').select(['seq', 'entity', 'entity_id']).where('processed_at', 'is', null).orderBy('seq').limit(this.currentBatchSize);
    if (this.parked.size > 0) q = q.where('seq', 'not in', [...this.parked].slice(0, 80));
    const rows = await q.execute();
    if (rows.length === 0) return 0;

    const byEntity = new Map<SearchEntity, Set<string>>();
    for (const r of rows) {
      if (!byEntity.has(r.entity)) byEntity.set(r.entity, new Set());
      byEntity.get(r.entity)!.add(r.entity_id);
    }
    const seqs = rows.map((r) => r.seq);
    try {
      for (const [entity, ids] of byEntity) await this.apply(entity, [...ids]);
    } catch (e) {
      await this.recordFailure(seqs, e);
      if (e instanceof MeiliTaskError) {
        // Meilisearch refused the batch. Narrow down to the row it refuses, then set that one aside
        // so it cannot block every later update; it stays pending and shows in status().
        const refusals = (this.refusals.get(rows[0].seq) ?? 0) + 1;
        if (rows.length === 1) this.refusals.set(rows[0].seq, refusals);
        if (rows.length === 1 && refusals >= PARK_AFTER_ATTEMPTS) {
          this.parked.add(rows[0].seq);
          this.options.log?.({ level: 'error', msg: 'search outbox row parked', seq: rows[0].seq, entity: rows[0].entity });
        }
        this.currentBatchSize = Math.max(1, Math.floor(rows.length / 2));
      }
      throw e;
    }

    const now = this.options.now();
    await this.options.database.atomic(
      chunk(seqs).map((part) => this.db.updateTable('search_outbox').set({ processed_at: now }).where('seq', 'in', part).where('processed_at', 'is', null).compile()),
    );
    this.currentBatchSize = Math.min(this.batchSize, this.currentBatchSize * 2);
    for (const seq of seqs) this.refusals.delete(seq);
    this.lastBatchAt = now;
    return rows.length;
  }

  private async recordFailure(seqs: number[], e: unknown): Promise<void> {
    const message = errorMessage(e);
    this.lastError = message;
    this.lastErrorAt = this.options.now();
    try {
      await this.options.database.atomic(
        chunk(seqs).map((part) =>
          this.db
            .updateTable('search_outbox')
            .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: message }))
            .where('seq', 'in', part)
            .compile(),
        ),
      );
    } catch (dbError) {
      this.options.log?.({ level: 'error', msg: 'search outbox: could not record a failure', error: errorMessage(dbError) });
    }
  }

  /** Runs batches until nothing is pending, retrying failures with backoff, for at most `maxMs`.
   * Returns the rows processed; throws the last error if the deadline passes with rows pending. */
  async drainAll(maxMs = 60_000): Promise<number> {
    const deadline = Date.now() + maxMs;
    let total = 0;
    let failures = 0;
    for (;;) {
      try {
        const n = await this.runBatch();
        failures = 0;
        if (n === 0) return total;
        total += n;
      } catch (e) {
        failures += 1;
        const wait = this.backoff(failures);
        if (Date.now() + wait > deadline) throw e;
        await sleep(wait);
      }
    }
  }

  private backoff(failures: number): number {
    const exp = Math.min(this.maxBackoffMs, this.baseBackoffMs * 2 ** Math.min(failures - 1, 20));
    return Math.round(exp * (0.75 + Math.random() * 0.25));
  }

  /** Starts the background loop (Node server). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  /** Stops the loop after the batch in flight; pending rows stay for the next start. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loopDone;
    this.loopDone = null;
  }

  /** Wakes an idle loop now (after a write, say) instead of at the next poll. */
  kick(): void {
    if (this.nextRetryAt === null) this.wake?.();
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        if (this.wake === finish) this.wake = null;
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.wake = finish;
    });
  }

  private async loop(): Promise<void> {
    while (this.running) {
      try {
        const n = await this.runBatch();
        if (this.consecutiveFailures > 0) this.options.log?.({ msg: 'search outbox: Meilisearch is taking updates again' });
        this.consecutiveFailures = 0;
        this.nextRetryAt = null;
        if (n > 0) continue;
        await this.prune();
        if (this.running) await this.pause(this.idleMs);
      } catch (e) {
        this.consecutiveFailures += 1;
        const wait = this.backoff(this.consecutiveFailures);
        this.nextRetryAt = Date.now() + wait;
        // Log the first failure and then every tenth, not every retry.
        if (this.consecutiveFailures === 1 || this.consecutiveFailures % 10 === 0) {
          this.options.log?.({ level: 'warn', msg: 'search outbox: indexing failed, will retry', failures: this.consecutiveFailures, retryInMs: wait, error: errorMessage(e) });
        }
        if (this.running) await this.pause(wait);
        this.nextRetryAt = null;
      }
    }
  }

  private async prune(): Promise<void> {
    const now = this.options.now();
    if (now - this.lastPruneAt < PRUNE_EVERY_MS) return;
    this.lastPruneAt = now;
    try {
      while ((await pruneOutbox(this.options.database, now, this.retentionMs)) > 0 && this.running);
    } catch (e) {
      this.options.log?.({ level: 'warn', msg: 'search outbox: prune failed', error: errorMessage(e) });
    }
  }

  async status(): Promise<OutboxStatus> {
    const now = this.options.now();
    const agg = await this.db
      .selectFrom('search_outbox')
      .select((eb) => [eb.fn.countAll<number>().as('pending'), eb.fn.min('created_at').as('oldest'), sql<number>`sum(CASE WHEN attempts > 0 THEN 1 ELSE 0 END)`.as('failing')])
      .where('processed_at', 'is', null)
      .executeTakeFirstOrThrow();
    const recorded = await this.db
      .selectFrom('search_outbox')
      .select('last_error')
      .where('processed_at', 'is', null)
      .where('last_error', 'is not', null)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    const oldest = agg.oldest === null ? null : Number(agg.oldest);
    return {
      pending: Number(agg.pending),
      oldestPendingAt: oldest,
      lagMs: oldest === null ? 0 : Math.max(0, now - oldest),
      failing: Number(agg.failing ?? 0),
      lastError: recorded?.last_error ?? this.lastError,
      lastErrorAt: this.lastErrorAt,
      consecutiveFailures: this.consecutiveFailures,
      nextRetryAt: this.nextRetryAt,
      running: this.running,
      lastBatchAt: this.lastBatchAt,
      parked: this.parked.size,
    };
  }

  /** Rebuilds an index from the database into a fresh index and swaps it in (no window of empty
   * results), then re-applies every entity written since the rebuild began — also those that a drain
   * in another process sent to the old index meanwhile. */
  reindex(entity: SearchEntity): Promise<ReindexReport> {
    return this.exclusive(async () => {
      const started = Date.now();
      const before = await this.db
        .selectFrom('search_outbox')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .executeTakeFirst();
      const since = Number(before?.seq ?? 0);
      const documents = await this.options.sink.rebuild(entity, allDocuments(this.options.database, entity, this.options.now()));
      const written = await this.db.selectFrom('search_outbox').select('entity_id').distinct().where('entity', '=', entity).where('seq', '>', since).execute();
      const ids = written.map((r) => r.entity_id);
      for (const part of chunk(ids, 500)) await this.apply(entity, part);
      this.parked.clear();
      this.refusals.clear();
      return { entity, documents, replayed: ids.length, ms: Date.now() - started };
    });
  }
}

export const OUTBOX_RETENTION_MS = 7 * 24 * 3600_000;

/** Deletes up to `limit` processed outbox rows older than the retention; returns how many. Bounded so
 * one call stays within a Workers invocation (the cron calls it; the Node loop calls it until done). */
export async function pruneOutbox(database: Database, now: number, retentionMs = OUTBOX_RETENTION_MS, limit = 5000): Promise<number> {
  const result = await database.db
    .deleteFrom('search_outbox')
    .where('seq', 'in', (eb) =>
      eb
        .selectFrom('search_outbox')
        .select('seq')
        .where('processed_at', 'is not', null)
        .where('processed_at', '<', now - retentionMs)
        .orderBy('seq')
        .limit(limit),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows ?? 0);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
