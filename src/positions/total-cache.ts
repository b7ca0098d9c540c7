// The public list's answers, cached per database: the total per normalised filter (counting every
// match is most of the list's SQL cost at scale) and whole pages per filter + page + pageSize
// (what takes the list past the benchmark target, test/bench/README.md). The public list of open
// posts may be a few seconds old.
//
// Freshness: every write unit (src/lib/write-unit.ts) that writes positions or employers runs
// invalidateOpenTotals(database) after its commit (the hook registered below), so within this
// process the next list counts again. Writes from elsewhere — another Node process, a worker
// thread, another Workers isolate, the CLI — are bounded by TOTAL_TTL_MS: a total is never served
// older than that. The cache is bounded to MAX_ENTRIES filters per database.
import type { Database } from '../lib/database';
import { onCommit } from '../lib/write-unit';

export const TOTAL_TTL_MS = 5_000;
/** Per database; on overflow the cache starts afresh (pages are ~10 KB, so at most ~50 MB). */
const MAX_ENTRIES = 5_000;

type Entry = { value: unknown; at: number };
type Cache = { generation: number; entries: Map<string, Entry> };
const caches = new WeakMap<Database, Cache>();

function cacheOf(database: Database): Cache {
  let c = caches.get(database);
  if (!c) caches.set(database, (c = { generation: 0, entries: new Map() }));
  return c;
}

/** The cached total for this key, or undefined when absent or older than the TTL. Uses the real
 * clock, not the app's (fake in tests): it bounds staleness in wall time. */
export function cachedListAnswer<T = number>(database: Database, key: string): T | undefined {
  const entries = caches.get(database)?.entries;
  const e = entries?.get(key);
  if (!e) return undefined;
  if (Date.now() - e.at > TOTAL_TTL_MS) {
    entries!.delete(key);
    return undefined;
  }
  return e.value as T;
}

/** A token to take before counting; rememberListAnswer drops the total if a write invalidated the cache
 * meanwhile (the count may have read the state before that write). */
export function totalsGeneration(database: Database): number {
  return cacheOf(database).generation;
}

export function rememberListAnswer(database: Database, key: string, value: unknown, generation: number): void {
  const c = cacheOf(database);
  if (c.generation !== generation) return;
  if (c.entries.size >= MAX_ENTRIES) c.entries.clear();
  c.entries.set(key, { value, at: Date.now() });
}

/** Forgets every cached total of this database; call after any write to positions. */
export function invalidateOpenTotals(database: Database): void {
  const c = cacheOf(database);
  c.generation++;
  c.entries.clear();
}

// The list shows employers' names and types and only verified employers' open posts.
onCommit(['positions', 'employers'], invalidateOpenTotals);
