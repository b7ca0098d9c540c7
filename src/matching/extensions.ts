// Two extensions of a round's lists and seats (issue #13 items 5 and 6), used by round.ts.
//
// 服从调剂 (adjustment): a talent willing to be placed in any eligible post within region X. Their
// list (submitted or derived) continues, after its own entries, with every eligible post of the
// round inside X that it does not name yet, by score (higher first, ties by smaller position id —
// the order of derived lists). The core sees a longer list; nothing else changes, so the matching is
// still the talent-optimal stable matching for the extended lists.
//
// Pinned placements: a talent pinned to a post takes one of its seats before the matching; the
// matching runs for everyone else on the seats left. Which seat a pin takes:
//   - a directed talent takes a reserved seat while the post has one left, else a general seat;
//   - a talent who is not directed takes a general seat while one is left, else a reserved seat
//     (a reserved seat nobody directed holds goes to anyone under both reserve policies).
// Directed pins are seated before the others, each group in talent id order. A pin must be
// eligible for its post (the same hard constraints as the matching), and a post cannot take more
// pins than seats; the core refuses (RangeError) what the service should have refused first.
import { scorePair } from './score';
import type { PreparedPosition } from './prepared';
import type { MatchPosition, MatchTalent, Weights } from './types';

export type IdMap<V> = ReadonlyMap<string, V> | Readonly<Record<string, V>> | null | undefined;

export function lookup<V>(m: IdMap<V>, id: string): V | undefined {
  if (!m) return undefined;
  if (m instanceof Map) return m.get(id);
  const r = m as Readonly<Record<string, V>>;
  return Object.prototype.hasOwnProperty.call(r, id) ? r[id] : undefined;
}

function entries<V>(m: IdMap<V>): [string, V][] {
  if (!m) return [];
  return m instanceof Map ? [...m] : Object.entries(m as Readonly<Record<string, V>>);
}

/** Positions (their indices in id order) inside each adjustment region, cached per region. */
export class AdjustmentIndex {
  private readonly byRegion = new Map<string, number[]>();
  constructor(private readonly positions: readonly PreparedPosition[]) {}

  private inside(region: string): number[] {
    let l = this.byRegion.get(region);
    if (!l) {
      l = [];
      for (let j = 0; j < this.positions.length; j++) if (this.positions[j].region.startsWith(region)) l.push(j);
      this.byRegion.set(region, l);
    }
    return l;
  }

  /** The eligible posts inside `region` not yet on the list, best first (score, then index). */
  extend(region: string, score: (j: number) => number, listed: (j: number) => boolean): { positions: number[]; scores: number[]; scored: number } {
    const found: { j: number; s: number }[] = [];
    let scored = 0;
    for (const j of this.inside(region)) {
      if (listed(j)) continue;
      scored++;
      const s = score(j);
      if (s >= 0) found.push({ j, s });
    }
    found.sort((a, b) => b.s - a.s || a.j - b.j);
    return { positions: found.map((f) => f.j), scores: found.map((f) => f.s), scored };
  }
}

export interface PinnedSeat {
  positionId: string;
  seat: 'reserved' | 'general';
  score: number;
}

/**
 * Seats the pins, returning the positions with the seats left for the matching and each pinned
 * talent's seat. Throws RangeError for a pin of an unknown talent or post, an ineligible pin, or a
 * post with more pins than seats.
 */
export function seatPins(
  talents: readonly MatchTalent[],
  positions: readonly MatchPosition[],
  pins: IdMap<string>,
  weights?: Partial<Weights> | null,
): { positions: MatchPosition[]; pinned: Map<string, PinnedSeat> } {
  const pinned = new Map<string, PinnedSeat>();
  const list = entries(pins);
  if (list.length === 0) return { positions: [...positions], pinned };
  const talentById = new Map(talents.map((t) => [t.id, t]));
  const positionById = new Map(positions.map((p) => [p.id, p]));
  const left = new Map(
    positions.map((p) => {
      const seats = Math.max(0, p.seats);
      const reserved = Math.min(Math.max(0, p.reservedSeats), seats);
      return [p.id, { reserved, general: seats - reserved }];
    }),
  );
  const ordered = list
    .map(([talentId, positionId]) => ({ talent: talentById.get(talentId), talentId, positionId }))
    .sort((a, b) => (!!a.talent?.directed === !!b.talent?.directed ? (a.talentId < b.talentId ? -1 : 1) : a.talent?.directed ? -1 : 1));
  for (const { talent, talentId, positionId } of ordered) {
    const position = positionById.get(positionId);
    if (!talent) throw new RangeError(`pin: talent ${talentId} is not in the round`);
    if (!position) throw new RangeError(`pin: position ${positionId} is not in the round`);
    const pair = scorePair(talent, position, weights);
    if (!pair.eligible) throw new RangeError(`pin: talent ${talentId} is not eligible for position ${positionId} (${pair.reasons.join(', ')})`);
    const seats = left.get(positionId)!;
    let seat: 'reserved' | 'general';
    if (talent.directed && seats.reserved > 0) (seat = 'reserved'), seats.reserved--;
    else if (seats.general > 0) (seat = 'general'), seats.general--;
    else if (seats.reserved > 0) (seat = 'reserved'), seats.reserved--;
    else throw new RangeError(`pin: position ${positionId} has no seat left for talent ${talentId}`);
    pinned.set(talentId, { positionId, seat, score: pair.score });
  }
  return {
    positions: positions.map((p) => {
      const l = left.get(p.id)!;
      return { ...p, seats: l.reserved + l.general, reservedSeats: l.reserved };
    }),
    pinned,
  };
}
