// The talent side's open posts, loaded, prepared and indexed (a PositionIndex), kept per database
// between calls: at 16,000 open posts building them costs far more than ranking one talent
// (test/bench/MATCHING.md, "Recommendations").
//
// Freshness. An entry serves only while all of these hold, so a talent never sees a stale post
// from a write made in this process:
// - the same China day (posts close by date);
// - the same generation of the positions caches (src/positions/total-cache.ts): every position
//   write and employer review made through this process bumps it;
// - the same active-employment fingerprint (one index-only query per call), so a placement that
//   starts or ends changes free seats at once, whoever wrote it;
// - at most OPEN_POSITIONS_TTL_MS old in wall time: writes from elsewhere (another Node process,
//   another Workers isolate, the CLI) are seen within that bound, as for the public list's totals.
// Only what scoring reads is kept; what a recommended post shows (title, employer and region names,
// free seats) is read afresh for the few shown. Ranking is synchronous, so concurrent requests can
// share an entry's PositionIndex.
import type { Database } from '../lib/database';
import { MatchContext, PositionIndex, type PreparedPosition } from '../matching';
import { totalsGeneration } from '../positions';
import { activeEmployment, loadOpenPositions, type OpenPositionRow } from './recommendations.repository';
import { toMatchPosition } from './match-input';

export const OPEN_POSITIONS_TTL_MS = 5_000;

export interface OpenPositions {
  rows: OpenPositionRow[];
  ctx: MatchContext;
  prepared: PreparedPosition[];
  index: PositionIndex;
}

interface Entry extends OpenPositions {
  today: string;
  generation: number;
  employment: string;
  at: number;
  /** Code→bit tables' sizes when built: a talent with a code no post has adds a bit to the shared
   * context, which is harmless but not kept (the tables are bounded). */
  bits: number;
}

const entries = new WeakMap<Database, Entry>();
const bitsOf = (ctx: MatchContext) => ctx.areas.names.length + ctx.languages.names.length;

/** The open posts of `today` (status open, closes_on ≥ today), with free seats, prepared and indexed. */
export async function openPositions(database: Database, today: string): Promise<OpenPositions> {
  const generation = totalsGeneration(database);
  const active = await activeEmployment(database);
  const employment = active.fingerprint;
  const e = entries.get(database);
  if (e && e.today === today && e.generation === generation && e.employment === employment && Date.now() - e.at <= OPEN_POSITIONS_TTL_MS && bitsOf(e.ctx) === e.bits) {
    return e;
  }
  const rows = await loadOpenPositions(database, today, active);
  const ctx = new MatchContext();
  const prepared = rows.map((r) => ctx.position(toMatchPosition(r, Math.max(0, r.free_seats), true)));
  const entry: Entry = { rows, ctx, prepared, index: new PositionIndex(ctx, prepared), today, generation, employment, at: Date.now(), bits: bitsOf(ctx) };
  // A position write while loading: use this answer once, keep none (the next call loads again).
  if (totalsGeneration(database) === generation) entries.set(database, entry);
  else entries.delete(database);
  return entry;
}

/** Forgets the entry of this database (benchmarks measure the uncached path with it). */
export function forgetOpenPositions(database: Database): void {
  entries.delete(database);
}
