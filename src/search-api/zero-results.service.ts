// The zero-result report (issue #12 item 6): each search whose words found nothing (or found
// something only after relaxing them) is counted by normalised query text, index and China date —
// position searches only (talent searches may be a person's name) — never who asked, no session,
// user, region or filter. Text that looks like an ID number, a phone number or an e-mail address is
// not stored at all. Bounded: the text is cut at ZERO_RESULT_LIMITS.queryLength characters, at most
// rowsPerDay texts per index and day are kept, and days older than keepDays are deleted. Recording
// never fails or slows a search: the search service does not wait for it, and a failure is logged.
// Runtime-neutral (Node and D1).
import type { AppDeps, SessionUser } from '../lib/context';
import type { Database } from '../lib/database';
import { forbidden } from '../lib/errors';
import type { SearchEntity, SearchResult } from '../lib/search';
import { countZeroResult, deleteZeroResultsBefore, zeroResultTotals } from './zero-results.repository';

export const ZERO_RESULT_LIMITS = {
  /** Characters of query text kept. */
  queryLength: 50,
  /** Distinct texts kept per index and day (later ones that day are not counted). */
  rowsPerDay: 2000,
  /** Days kept (8 weeks). */
  keepDays: 56,
} as const;

const DAY_MS = 24 * 3600_000;

/** The date in China (UTC+8), YYYY-MM-DD. */
export function chinaDay(now: number): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Personal data a query may carry: six or more digits in a row once spaces and separators are
 * removed (ID numbers, mobile and landline numbers, with or without the check character X), or an
 * e-mail address. */
export function looksPersonal(text: string): boolean {
  const compact = text.replace(/[\s\-‐–—_.·()（）+＋]/g, '');
  return /\d{6,}/.test(compact) || /@/.test(text);
}

/** The text to store for a query (normalised as the search analysis reads it), or null when nothing
 * may be stored. */
export function zeroResultText(q: string | undefined, normalize: (text: string) => string): string | null {
  if (!q) return null;
  const text = normalize(q).replace(/\s+/g, ' ').trim();
  if (!text || looksPersonal(text)) return null;
  return text.slice(0, ZERO_RESULT_LIMITS.queryLength).trim();
}

const pruned = new WeakMap<Database, string>();

/** Counts one zero-result search, pruning old days once a day. */
async function recordZeroResult(deps: AppDeps, entity: SearchEntity, q: string | undefined): Promise<void> {
  // Talent searches are made by departments and employers, often for a person's name: personal
  // data that no filter can tell from a word. Only the public position searches are counted.
  if (entity !== 'position') return;
  const text = zeroResultText(q, (s) => deps.search.normalizeText(s));
  if (!text) return;
  const now = deps.now();
  const day = chinaDay(now);
  await countZeroResult(deps.database, text, entity, day, ZERO_RESULT_LIMITS.rowsPerDay);
  if (pruned.get(deps.database) !== day) {
    pruned.set(deps.database, day);
    await deleteZeroResultsBefore(deps.database, chinaDay(now - ZERO_RESULT_LIMITS.keepDays * DAY_MS));
  }
}

/** Notes a search that found nothing, or found something only relaxed; never awaited by the search,
 * and a failure is logged. Returns the result unchanged. */
export function noteZeroResult<R extends Pick<SearchResult<unknown>, 'total' | 'relaxed'>>(deps: AppDeps, entity: SearchEntity, q: string | undefined, r: R): R {
  if (q && (r.total === 0 || r.relaxed)) {
    recordZeroResult(deps, entity, q).catch((e) =>
      deps.log({ level: 'warn', msg: 'search: could not record a zero-result search', error: e instanceof Error ? e.message : String(e) }),
    );
  }
  return r;
}

export interface ZeroResultRow {
  query: string;
  entity: SearchEntity;
  count: number;
}

/** The last `days` days (today included): texts with their counts, most frequent first (admins only). */
export async function zeroResults(deps: AppDeps, user: SessionUser, days = 7, limit = 200): Promise<{ from: string; to: string; items: ZeroResultRow[] }> {
  if (user.role !== 'admin') throw forbidden('Only admins tune search');
  const now = deps.now();
  const from = chinaDay(now - (days - 1) * DAY_MS);
  return { from, to: chinaDay(now), items: await zeroResultTotals(deps.database, from, limit) };
}
