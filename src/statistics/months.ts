// Placements per month by kind (pure).
//
// Definition (also in the page's help text): a placement counts once, in the calendar month of its
// start date, in the region of its employer, under its kind (employment or internship). The window
// is whole months, from `from` through `to`; by default the 24 months ending with this month.
import { DIRECT, type RegionRef } from './units';

export const PLACEMENT_KINDS = ['employment', 'internship'] as const;
export type PlacementKind = (typeof PLACEMENT_KINDS)[number];
export const MAX_MONTHS = 240;

export type KindCounts = Record<PlacementKind, number>;

export interface MonthlyPlacements {
  from: string;
  to: string;
  months: ({ month: string } & KindCounts)[];
  total: KindCounts;
  direct: KindCounts;
  children: (RegionRef & KindCounts)[];
}

export interface MonthRow {
  unit: string;
  month: string;
  kind: string;
  n: number;
}

const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
const monthOf = (i: number) => `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;

export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) out.push(monthOf(i));
  return out;
}

export function monthSpan(from: string, to: string): number {
  return monthIndex(to) - monthIndex(from) + 1;
}

/** The default window: the 24 months ending with today's month. */
export function defaultWindow(today: string): { from: string; to: string } {
  const to = today.slice(0, 7);
  return { from: monthOf(monthIndex(to) - 23), to };
}

/** The first day after the window, for a half-open date range on start dates. */
export function dayAfter(to: string): string {
  return `${monthOf(monthIndex(to) + 1)}-01`;
}

const zero = (): KindCounts => ({ employment: 0, internship: 0 });

export function assembleMonthly(from: string, to: string, children: RegionRef[], rows: MonthRow[]): MonthlyPlacements {
  const months = new Map(monthsBetween(from, to).map((m) => [m, zero()]));
  const units = new Map<string, KindCounts>();
  const total = zero();
  for (const r of rows) {
    if (r.kind !== 'employment' && r.kind !== 'internship') continue;
    const m = months.get(r.month);
    if (!m) continue;
    m[r.kind] += r.n;
    total[r.kind] += r.n;
    const u = units.get(r.unit) ?? zero();
    u[r.kind] += r.n;
    units.set(r.unit, u);
  }
  return {
    from,
    to,
    months: [...months.entries()].map(([month, c]) => ({ month, ...c })),
    total,
    direct: units.get(DIRECT) ?? zero(),
    children: children.map((ch) => ({ ...ch, ...(units.get(ch.code) ?? zero()) })),
  };
}
