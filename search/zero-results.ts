// The zero-result report (issue #12 item 6): each search whose words found nothing (or found
// something only after relaxing them) is counted by normalised query text, index and China date —
// position searches only (talent searches may be a person's name) — never who asked, no session, user, region or filter. Text that looks like an ID number, a phone
// number or an e-mail address is not stored at all. Bounded: the text is cut at
// ZERO_RESULT_LIMITS.queryLength characters, at most rowsPerDay texts per index and day are kept,
// and days older than keepDays are deleted. Recording never fails or slows a search: the caller does
// not wait for it, and a failure is logged. Runtime-neutral (Node and D1).
import { sql } from 'kysely';
import type { Database } from '../src/lib/database';
import { normalizeChars } from './analysis';
import type { SearchEntity } from './documents';

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

/** The text to store for a query, or null when nothing may be stored. */
export function zeroResultText(q: string | undefined): string | null {
  if (!q) return null;
  const text = normalizeChars(q).replace(/\s+/g, ' ').trim();
  if (!text || looksPersonal(text)) return null;
  return text.slice(0, ZERO_RESULT_LIMITS.queryLength).trim();
}

const pruned = new WeakMap<Database, string>();

/** Counts one zero-result search (upsert per text, index and day), pruning old days once a day. */
export async function recordZeroResult(database: Database, entity: SearchEntity, q: string | undefined, now: number): Promise<void> {
  // Talent searches are made by departments and employers, often for a person's name: personal
  // data that no filter can tell from a word. Only the public position searches are counted.
  if (entity !== 'position') return;
  const text = zeroResultText(q);
  if (!text) return;
  const day = chinaDay(now);
  await sql`INSERT INTO search_zero_results (query, entity, day, count)
    SELECT ${text}, ${entity}, ${day}, 1
    WHERE (SELECT count(*) FROM search_zero_results WHERE day = ${day} AND entity = ${entity}) < ${ZERO_RESULT_LIMITS.rowsPerDay}
       OR EXISTS (SELECT 1 FROM search_zero_results WHERE day = ${day} AND entity = ${entity} AND query = ${text})
    ON CONFLICT (day, entity, query) DO UPDATE SET count = count + 1`.execute(database.db);
  if (pruned.get(database) !== day) {
    pruned.set(database, day);
    await database.db
      .deleteFrom('search_zero_results')
      .where('day', '<', chinaDay(now - ZERO_RESULT_LIMITS.keepDays * DAY_MS))
      .execute();
  }
}

export interface ZeroResultRow {
  query: string;
  entity: SearchEntity;
  count: number;
}

/** The last `days` days (today included): texts with their counts, most frequent first. */
export async function zeroResultReport(database: Database, now: number, days = 7, limit = 200): Promise<{ from: string; to: string; items: ZeroResultRow[] }> {
  const from = chinaDay(now - (days - 1) * DAY_MS);
  const rows = await database.db
    .selectFrom('search_zero_results')
    .select(['query', 'entity', (eb) => eb.fn.sum<number>('count').as('total')])
    .where('day', '>=', from)
    .groupBy(['query', 'entity'])
    .orderBy('total', 'desc')
    .orderBy('query')
    .limit(limit)
    .execute();
  return { from, to: chinaDay(now), items: rows.map((r) => ({ query: r.query, entity: r.entity, count: Number(r.total) })) };
}
