// Township and school coverage (pure).
//
// Definitions (also in the page's help text):
// - Active placement on day T: start date ≤ T and (no end date or end date ≥ T), kind employment
//   (an intern does not staff a station or a school).
// - Township: a level-4 row (乡、镇、街道) of the region table inside the region.
// - A township is covered when an employer of type `station` (乡镇(街道)社工站), not rejected,
//   registered at exactly that township's code, has an active placement today. A station registered
//   at a county or higher code covers no particular township.
// - Township coverage rate = covered townships ÷ townships in the region.
// - School coverage (一校一社工): employers of type `school`, not rejected, in the region; a school is
//   covered when it has an active placement today. Rate = covered schools ÷ schools.
import { DIRECT, ratio, unitOf, type Ratio, type RegionRef } from './units';

export interface CoverageCell {
  units: number;
  covered: number;
  rate: number | null;
}

export interface Coverage {
  total: CoverageCell;
  direct: CoverageCell;
  children: (RegionRef & CoverageCell)[];
}

const cellOf = (units: number, covered: number): CoverageCell => {
  const r: Ratio = ratio(covered, units);
  return { units, covered, rate: r.rate };
};

/** `items` are the townships or schools in the region with their region code and whether covered. */
export function assembleCoverage(region: string, children: RegionRef[], items: { region_code: string; covered: boolean }[]): Coverage {
  const childCodes = new Set(children.map((c) => c.code));
  const counts = new Map<string, { units: number; covered: number }>();
  for (const it of items) {
    const u = unitOf(region, it.region_code, childCodes);
    if (u === null) continue;
    const c = counts.get(u) ?? { units: 0, covered: 0 };
    c.units += 1;
    if (it.covered) c.covered += 1;
    counts.set(u, c);
  }
  const get = (u: string) => counts.get(u) ?? { units: 0, covered: 0 };
  let units = 0;
  let covered = 0;
  for (const c of counts.values()) {
    units += c.units;
    covered += c.covered;
  }
  const d = get(DIRECT);
  return {
    total: cellOf(units, covered),
    direct: cellOf(d.units, d.covered),
    children: children.map((ch) => {
      const c = get(ch.code);
      return { ...ch, ...cellOf(c.units, c.covered) };
    }),
  };
}

/** One page of a list, 1-based. */
export function pageSlice<T>(items: T[], page: number, pageSize: number): { items: T[]; total: number; page: number; pageSize: number } {
  return { items: items.slice((page - 1) * pageSize, page * pageSize), total: items.length, page, pageSize };
}
