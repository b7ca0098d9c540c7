// The total of the public list, cached per database and normalised filter (the page itself is
// always read fresh). Counting every match is most of the list's SQL cost at scale, and the
// public total of open posts may be a few seconds old.
//
// Freshness: every position write made through src/positions (create, update, publish, close)
// calls invalidateOpenTotals(database) right after its atomic write, so within this process the
// next list counts again. Writes from elsewhere — another Node process, another Workers isolate,
// the employers feature closing an employer's posts, the CLI — are bounded by TOTAL_TTL_MS: a total
// is never served older than that. The cache is bounded to MAX_ENTRIES filters per database.
import type { Database } from '../lib/database';

export const TOTAL_TTL_MS = 5_000;
const MAX_ENTRIES = 5_000;

type Entry = { total: number; at: number };
type Cache = { generation: number; entries: Map<string, Entry> };
const caches = new WeakMap<Database, Cache>();

function cacheOf(database: Database): Cache {
  let c = caches.get(database);
  if (!c) caches.set(database, (c = { generation: 0, entries: new Map() }));
  return c;
}

/** The cached total for this key, or undefined when absent or older than the TTL. Uses the real
 * clock, not the app's (fake in tests): it bounds staleness in wall time. */
export function cachedTotal(database: Database, key: string): number | undefined {
  const entries = caches.get(database)?.entries;
  const e = entries?.get(key);
  if (!e) return undefined;
  if (Date.now() - e.at > TOTAL_TTL_MS) {
    entries!.delete(key);
    return undefined;
  }
  return e.total;
}

/** A token to take before counting; rememberTotal drops the total if a write invalidated the cache
 * meanwhile (the count may have read the state before that write). */
export function totalsGeneration(database: Database): number {
  return cacheOf(database).generation;
}

export function rememberTotal(database: Database, key: string, total: number, generation: number): void {
  const c = cacheOf(database);
  if (c.generation !== generation) return;
  if (c.entries.size >= MAX_ENTRIES) c.entries.clear();
  c.entries.set(key, { total, at: Date.now() });
}

/** Forgets every cached total of this database; call after any write to positions. */
export function invalidateOpenTotals(database: Database): void {
  const c = cacheOf(database);
  c.generation++;
  c.entries.clear();
}
