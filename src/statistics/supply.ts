// Supply and demand by region × service area (pure).
//
// Definitions (also in the page's help text):
// - Demand, open seats: over posts with status open whose closing date is today or later (China
//   date), each post's seats minus its employment placements not yet ended (end date empty or today
//   or later), never below 0. A post counts in its own region and in every service area it lists;
//   posts listing none count under `unspecified`. The unit's seat total counts each post once.
// - Supply, available talents: talents whose availability is `available` or `later` (looking now or
//   soon), in their own region and in every service area they list; the unit's supply total counts
//   each talent once. `unspecified` supply is that total (anyone may take a post open to any area).
// - Gap = open seats − available talents: above 0, seats outnumber the people who could fill them
//   (unmet demand); below 0, more people than seats.
import { SERVICE_AREAS } from '../lib/vocab';
import { DIRECT, unitOf, type RegionRef } from './units';

export const SEEKING = ['available', 'later'] as const;
export const UNSPECIFIED = 'unspecified';
export const SUPPLY_KEYS = [...Object.keys(SERVICE_AREAS), UNSPECIFIED];

export interface Balance {
  seats: number;
  supply: number;
  gap: number;
}

export interface SupplyCell extends Balance {
  areas: Record<string, Balance>;
}

export interface SupplyDemand {
  keys: string[];
  total: SupplyCell;
  direct: SupplyCell;
  children: (RegionRef & SupplyCell)[];
}

/** One open post: its region, free seats (already net of held seats), and listed areas. */
export interface OpenPost {
  region_code: string;
  free: number;
  areas: string[];
}

/** Seeking talents per unit: key = an area, or null for the unit's total of seeking talents. */
export interface SupplyRow {
  unit: string;
  key: string | null;
  n: number;
}

function emptyCell(): SupplyCell {
  return { seats: 0, supply: 0, gap: 0, areas: Object.fromEntries(SUPPLY_KEYS.map((k) => [k, { seats: 0, supply: 0, gap: 0 }])) };
}

/** Free seats of one post: seats net of held ones, never negative. */
export function freeSeats(seats: number, held: number): number {
  return Math.max(0, seats - held);
}

export function assembleSupplyDemand(region: string, children: RegionRef[], posts: OpenPost[], supply: SupplyRow[]): SupplyDemand {
  const childCodes = new Set(children.map((c) => c.code));
  const units = new Map<string, SupplyCell>();
  const cell = (u: string) => {
    let c = units.get(u);
    if (!c) units.set(u, (c = emptyCell()));
    return c;
  };
  for (const p of posts) {
    const u = unitOf(region, p.region_code, childCodes);
    if (u === null) continue;
    const c = cell(u);
    c.seats += p.free;
    const areas = p.areas.filter((a) => a in SERVICE_AREAS);
    for (const a of areas.length ? new Set(areas) : [UNSPECIFIED]) c.areas[a].seats += p.free;
  }
  for (const r of supply) {
    const c = cell(r.unit);
    if (r.key === null) {
      c.supply += r.n;
      c.areas[UNSPECIFIED].supply += r.n;
    } else if (r.key in c.areas) c.areas[r.key].supply += r.n;
  }
  const total = emptyCell();
  for (const c of [...children.map((ch) => cell(ch.code)), cell(DIRECT)]) {
    total.seats += c.seats;
    total.supply += c.supply;
    for (const k of SUPPLY_KEYS) {
      total.areas[k].seats += c.areas[k].seats;
      total.areas[k].supply += c.areas[k].supply;
    }
  }
  for (const c of [...units.values(), total]) {
    c.gap = c.seats - c.supply;
    for (const b of Object.values(c.areas)) b.gap = b.seats - b.supply;
  }
  return { keys: SUPPLY_KEYS, total, direct: cell(DIRECT), children: children.map((ch) => ({ ...ch, ...cell(ch.code) })) };
}
