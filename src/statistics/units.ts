// Statistics are shown for one region and broken down by its direct children (the drill-down).
// A "unit" is one row of that breakdown: a child region (its whole subtree), or the region itself
// ('' — people and organisations registered at the region's own code rather than inside a child;
// at the root of the tree, those with no region recorded). Pure.

/** The region a statistic is shown for; code '' is the whole tree (admins). */
export interface RegionRef {
  code: string;
  name: string;
}

export interface StatRegion {
  code: string;
  name: string;
  /** 0 for the whole tree, then 1 province … 4 township. */
  level: number;
  /** From the province down to the region itself (empty at the root). */
  path: RegionRef[];
  /** Direct children in code order (townships have none). */
  children: RegionRef[];
}

export const DIRECT = '';

/** Length of a child's code under a region of this code ('' → provinces), or null for townships. */
export function childCodeLength(code: string): number | null {
  switch (code.length) {
    case 0:
      return 2;
    case 2:
      return 4;
    case 4:
      return 6;
    case 6:
      return 9;
    default:
      return null;
  }
}

/** The unit a code belongs to under `region`: the child whose subtree holds it, DIRECT for the region
 * itself (or a missing code at the root), null when the code lies outside the region. */
export function unitOf(region: string, code: string | null | undefined, children: ReadonlySet<string>): string | null {
  if (!code) return region === '' ? DIRECT : null;
  if (!code.startsWith(region)) return null;
  if (code === region) return DIRECT;
  const len = childCodeLength(region);
  if (len === null) return null;
  const child = code.slice(0, len);
  return children.has(child) ? child : DIRECT;
}

/** Sums values per unit into per-child rows (in the region's child order) plus the direct row. */
export function byUnit<T>(children: RegionRef[], units: Map<string, T>, zero: () => T): { children: (RegionRef & { value: T })[]; direct: T } {
  return {
    children: children.map((c) => ({ ...c, value: units.get(c.code) ?? zero() })),
    direct: units.get(DIRECT) ?? zero(),
  };
}

/** A ratio with its parts; rate is null when nothing is counted below the line. */
export interface Ratio {
  numerator: number;
  denominator: number;
  rate: number | null;
}

export function ratio(numerator: number, denominator: number): Ratio {
  return { numerator, denominator, rate: denominator > 0 ? numerator / denominator : null };
}
