// The search layer behind the interface in src/lib/search.ts: Meilisearch when it answers, the SQL
// fallback (degraded: true) when it does not, the outbox drain keeping the index in step with the
// database, status and reindex. Runtime-neutral (no node:* imports): the composition roots (the Node
// server, the Worker, the job threads, the reindex CLI, restore) build it with createSearch; only
// Node adds the local sidecar (search/node.ts).
import type { Database } from '../src/lib/database';
import { AppError } from '../src/lib/errors';
import type { Search } from '../src/lib/search';
import { allDocuments, type SearchDocument, type SearchEntity } from './documents';
import {
  normalizePositionQuery,
  normalizeTalentQuery,
  type DocumentSink,
  type PositionHit,
  type PositionQuery,
  type PositionScope,
  type PositionStatus,
  type SearchEngine,
  type SearchHealth,
  type SearchResult,
  type TalentHit,
  type TalentQuery,
  type TalentScope,
} from './engine';
import { CompiledQuery } from 'kysely';
import { MeilisearchApiError } from 'meilisearch';
import { normalizeChars } from './analysis';
import { SYNONYM_GROUPS } from './synonyms';
import { tunedLexiconFor } from './tuning';
import { MeiliSearchEngine, errorMessage, type MeiliOptions } from './meili';
import { OutboxDrain, type DrainOptions } from './outbox-drain';
import { SqlSearchEngine } from './sql-fallback';

export * from './engine';

type Log = (entry: Record<string, unknown>) => void;

/** Applies the settings before the first write after every (re)connection, so Meilisearch never
 * auto-creates an index with default settings; fills an index from the database when it had to be
 * created (a fresh or wiped Meilisearch). */
class PreparedSink implements DocumentSink {
  private ready: Promise<void> | null = null;

  constructor(
    private readonly meili: MeiliSearchEngine,
    private readonly database: Database,
    private readonly now: () => number,
    private readonly log: Log,
  ) {}

  prepare(): Promise<void> {
    this.ready ??= (async () => {
      const created = await this.meili.ensureIndexes();
      for (const entity of created) {
        const table = entity === 'talent' ? 'talents' : 'positions';
        const any = await this.database.db.selectFrom(table).select('id').limit(1).executeTakeFirst();
        if (!any) continue;
        this.log({ msg: `search: the ${entity} index was empty; building it from the database` });
        await this.meili.rebuild(entity, allDocuments(this.database, entity, this.now()));
      }
    })().catch((e) => {
      this.ready = null;
      throw e;
    });
    return this.ready;
  }

  private async guarded<T>(fn: () => Promise<T>): Promise<T> {
    await this.prepare();
    try {
      return await fn();
    } catch (e) {
      // Meilisearch may have restarted (or lost its data): check the indexes again next time.
      this.ready = null;
      throw e;
    }
  }

  async ensureIndexes(): Promise<SearchEntity[]> {
    await this.prepare();
    return [];
  }
  /** Applies the current settings (the admins' tuning included) to both indexes. */
  async applySettings(): Promise<void> {
    this.ready = null;
    await this.prepare();
  }
  upsertDocuments(entity: SearchEntity, docs: readonly SearchDocument[]) {
    return this.guarded(() => this.meili.upsertDocuments(entity, docs));
  }
  deleteDocuments(entity: SearchEntity, ids: readonly string[]) {
    return this.guarded(() => this.meili.deleteDocuments(entity, ids));
  }
  rebuild(entity: SearchEntity, batches: AsyncIterable<readonly SearchDocument[]>) {
    return this.guarded(() => this.meili.rebuild(entity, batches));
  }
}

/** The rows of these ids, by one statement whose text never changes: the ids travel as ONE bound
 * JSON array unpacked by json_each (SQLite and D1 alike), so there is no per-page IN list to build,
 * compile or prepare, and no chunking under D1's bound-parameter limit. Measured on the benchmark's
 * index (test/bench/SEARCH.md): 108 µs after Meilisearch's answer against 181 µs for the query
 * builder's IN list. */
function rowsByIds<R>(database: Database, sqlText: string, ids: readonly string[]): Promise<R[]> {
  return database.db.executeQuery<R>(CompiledQuery.raw(sqlText, [JSON.stringify(ids)])).then((r) => r.rows);
}

const TALENT_SCOPE_ROWS = 'SELECT id, visibility, region_code FROM talents WHERE id IN (SELECT value FROM json_each(?))';
const POSITION_SCOPE_ROWS = 'SELECT id, status, region_code, employer_id, closes_on FROM positions WHERE id IN (SELECT value FROM json_each(?))';

/** Drops hits that the database says fall outside the caller's scope. The index lags the database by
 * up to one drain batch; a talent made department-only a moment ago must not reach an employer. */
async function verifyTalentHits(database: Database, result: SearchResult<TalentHit>, scope: TalentScope): Promise<SearchResult<TalentHit>> {
  if (result.hits.length === 0) return result;
  const allowed = new Set<string>();
  type Row = { id: string; visibility: string; region_code: string | null };
  const ids = result.hits.map((h) => h.id);
  for (const r of await rowsByIds<Row>(database, TALENT_SCOPE_ROWS, ids)) {
    if (scope.visibleToEmployers && r.visibility !== 'employers') continue;
    if (scope.regionPrefix && !(r.region_code ?? '').startsWith(scope.regionPrefix)) continue;
    allowed.add(r.id);
  }
  return keep(result, allowed);
}

async function verifyPositionHits(database: Database, result: SearchResult<PositionHit>, scope: PositionScope): Promise<SearchResult<PositionHit>> {
  if (result.hits.length === 0) return result;
  const allowed = new Set<string>();
  type Row = { id: string; status: PositionStatus; region_code: string; employer_id: string; closes_on: string };
  const ids = result.hits.map((h) => h.id);
  for (const r of await rowsByIds<Row>(database, POSITION_SCOPE_ROWS, ids)) {
    if (!scope.statuses.includes(r.status)) continue;
    if (scope.closingFrom && r.closes_on < scope.closingFrom) continue;
    if (scope.regionPrefix && !r.region_code.startsWith(scope.regionPrefix)) continue;
    if (scope.employerId !== undefined && r.employer_id !== scope.employerId) continue;
    allowed.add(r.id);
  }
  return keep(result, allowed);
}

function keep<H extends { id: string }>(result: SearchResult<H>, allowed: Set<string>): SearchResult<H> {
  const hits = result.hits.filter((h) => allowed.has(h.id));
  if (hits.length === result.hits.length) return result;
  return { ...result, hits, total: Math.max(hits.length, result.total - (result.hits.length - hits.length)) };
}

/** Meilisearch first; on any failure to answer (refused connection, timeout, missing index, 5xx)
 * the SQL fallback answers with degraded: true, and Meilisearch is left alone for `retryAfterMs` so
 * an outage does not cost every request a timeout. Invalid input is an error from both, never a fallback. */
export class FallbackSearchEngine implements SearchEngine {
  readonly kind = 'fallback' as const;
  private downUntil = 0;
  private down = false;

  constructor(
    readonly primary: MeiliSearchEngine | null,
    readonly secondary: SqlSearchEngine,
    private readonly database: Database,
    private readonly log: Log,
    private readonly retryAfterMs = 3000,
  ) {}

  /** true while searches are being answered by the fallback. */
  get degraded(): boolean {
    return this.primary === null || this.down;
  }

  private async attempt<R>(fn: (m: MeiliSearchEngine) => Promise<R>): Promise<R | null> {
    const m = this.primary;
    if (!m || Date.now() < this.downUntil) return null;
    try {
      const r = await fn(m);
      if (this.down) {
        this.down = false;
        this.log({ msg: 'search: Meilisearch answers again' });
      }
      return r;
    } catch (e) {
      if (e instanceof AppError) throw e;
      // Meilisearch answered, refusing the request (4xx: a missing index, a filter on an attribute
      // the index does not know): a bug to fix, not an outage. This request is answered from SQL;
      // the next ones still ask Meilisearch.
      const refused = refusal(e);
      if (refused) {
        this.log({
          level: 'error',
          msg: 'search: Meilisearch refused a search (a bug, not an outage); answered from SQL',
          status: refused.response.status,
          error: errorMessage(refused),
        });
        return null;
      }
      this.downUntil = Date.now() + this.retryAfterMs;
      if (!this.down) {
        this.down = true;
        this.log({ level: 'warn', msg: 'search: Meilisearch did not answer; using the SQL fallback', error: errorMessage(e) });
      }
      return null;
    }
  }

  async searchPositions(q: PositionQuery): Promise<SearchResult<PositionHit>> {
    normalizePositionQuery(q); // bad input fails here, the same whichever engine would answer
    const r = await this.attempt((m) => m.searchPositions(q));
    return r ? verifyPositionHits(this.database, r, q.scope) : this.secondary.searchPositions(q);
  }

  async searchTalents(q: TalentQuery): Promise<SearchResult<TalentHit>> {
    normalizeTalentQuery(q);
    const r = await this.attempt((m) => m.searchTalents(q));
    return r ? verifyTalentHits(this.database, r, q.scope) : this.secondary.searchTalents(q);
  }

  async health(): Promise<SearchHealth> {
    if (!this.primary) return { engine: 'sql', ok: true, detail: 'Meilisearch not configured; SQL fallback' };
    const h = await this.primary.health();
    return h.ok ? h : { engine: 'sql', ok: true, detail: `Meilisearch unreachable (${h.detail}); SQL fallback` };
  }
}

export interface CreateSearchOptions {
  database: Database;
  now: () => number;
  log: Log;
  /** null: no Meilisearch (unsupported platform); every search is answered by the SQL fallback. */
  meili: { host: string; apiKey?: string; indexPrefix?: string; searchHttpClient?: MeiliOptions['searchHttpClient'] } | null;
  /** Per-search timeout before falling back (ms). */
  searchTimeoutMs?: number;
  retryAfterMs?: number;
  drain?: Partial<Omit<DrainOptions, 'database' | 'sink' | 'now' | 'log'>>;
}

/** The search layer as its composition root holds it: the app's interface (AppDeps.search) plus the
 * engines, the drain and the lifecycle. */
export interface SearchRuntime extends Search {
  engine: FallbackSearchEngine;
  meili: MeiliSearchEngine | null;
  sql: SqlSearchEngine;
  drain: OutboxDrain | null;
  /** Prepares the indexes (when reachable; never throws) and, unless told not to, starts the drain loop. */
  start(options?: { drainLoop?: boolean }): Promise<void>;
  stop(): Promise<void>;
}

export function createSearch(options: CreateSearchOptions): SearchRuntime {
  const { database, now, log } = options;
  const lexicon = () => tunedLexiconFor(database);
  const sql = new SqlSearchEngine({ database, now, lexicon });
  const meili = options.meili ? new MeiliSearchEngine({ ...options.meili, searchTimeoutMs: options.searchTimeoutMs ?? 1500, lexicon }) : null;
  const sink = meili ? new PreparedSink(meili, database, now, log) : null;
  const drain = sink ? new OutboxDrain({ ...options.drain, database, sink, now, log }) : null;
  const engine = new FallbackSearchEngine(meili, sql, database, log, options.retryAfterMs);

  return {
    engine,
    meili,
    sql,
    drain,
    normalizeText: normalizeChars,
    builtInSynonyms: SYNONYM_GROUPS,
    async start({ drainLoop = true } = {}) {
      // Build the lexicon now rather than on the first search (a few hundred ms of pinyin).
      await lexicon().catch((e) => log({ level: 'warn', msg: 'search: could not build the query lexicon', error: errorMessage(e) }));
      if (!sink || !drain) return;
      try {
        await sink.prepare();
      } catch (e) {
        log({ level: 'warn', msg: 'search: Meilisearch not reachable at start; the SQL fallback answers until it is', error: errorMessage(e) });
      }
      if (drainLoop) drain.start();
    },
    async stop() {
      await drain?.stop();
    },
    kick() {
      drain?.kick();
    },
    async status() {
      const health = meili ? await meili.health() : null;
      return {
        engine: health?.ok && !engine.degraded ? 'meilisearch' : 'sql',
        degraded: !health?.ok || engine.degraded,
        meilisearch: {
          configured: meili !== null,
          reachable: health?.ok ?? false,
          ...(health?.detail ? { detail: health.detail } : {}),
          ...(health?.documents ? { documents: health.documents } : {}),
        },
        outbox: drain ? await drain.status() : null,
      };
    },
    async reindex(entity) {
      if (!drain) throw new Error('search: Meilisearch is not configured; nothing to reindex');
      return drain.reindex(entity);
    },
  };
}

/** Meilisearch's 4xx answer behind an error: thrown by the client itself, or by a custom transport
 * (search/node-http.ts), which the client wraps in a request error whose `cause` it is. */
function refusal(e: unknown): MeilisearchApiError | null {
  const api = e instanceof MeilisearchApiError ? e : (e as { cause?: unknown })?.cause instanceof MeilisearchApiError ? (e as { cause: MeilisearchApiError }).cause : null;
  return api && api.response.status >= 400 && api.response.status < 500 ? api : null;
}
