// Talent breakdowns (pure): counts per value of one dimension, for the region and per child unit.
//
// Definitions (also in the page's help text, web/i18n/statistics.ts):
// - Every talent on the register counts, whatever their availability or visibility; a talent
//   belongs to the region of their `region_code`.
// - Single-valued dimensions (qualification, education, gender, ethnicity, availability, age band):
//   each talent counts under exactly one value, `unknown` when not recorded or outside the
//   vocabulary; so the values add up to the talents.
// - Multi-valued dimensions (service area, language): a talent counts under every value they list,
//   so the values may add up to more than the talents; a talent listing none counts under none.
// - Age band: age in full years (周岁) on today's China date: born on B, on day T a talent is k or
//   older exactly when B ≤ (T's year − k)-(T's month-day) as ISO text; bands are [lo, hi) years.
//   No birth date → unknown.
import { AVAILABILITY, EDUCATION_LEVELS, ETHNICITIES, GENDERS, LANGUAGES, QUALIFICATION_LEVELS, SERVICE_AREAS } from '../lib/vocab';
import { DIRECT, type RegionRef } from './units';

export const TALENT_DIMENSIONS = ['qualification', 'education', 'serviceArea', 'language', 'ageBand', 'gender', 'ethnicity', 'availability'] as const;
export type TalentDimension = (typeof TALENT_DIMENSIONS)[number];

export const UNKNOWN = 'unknown';

/** Age bands [lo, hi) in full years; hi null = and over. */
export const AGE_BANDS = [
  { key: 'under_25', lo: 0, hi: 25 },
  { key: '25_29', lo: 25, hi: 30 },
  { key: '30_34', lo: 30, hi: 35 },
  { key: '35_39', lo: 35, hi: 40 },
  { key: '40_44', lo: 40, hi: 45 },
  { key: '45_49', lo: 45, hi: 50 },
  { key: '50_54', lo: 50, hi: 55 },
  { key: '55_over', lo: 55, hi: null },
] as const;

export function isMultiValued(d: TalentDimension): boolean {
  return d === 'serviceArea' || d === 'language';
}

/** The known values of a dimension, in display order. */
export function dimensionValues(d: TalentDimension): string[] {
  switch (d) {
    case 'qualification':
      return Object.keys(QUALIFICATION_LEVELS);
    case 'education':
      return Object.keys(EDUCATION_LEVELS);
    case 'serviceArea':
      return Object.keys(SERVICE_AREAS);
    case 'language':
      return Object.keys(LANGUAGES);
    case 'ageBand':
      return AGE_BANDS.map((b) => b.key);
    case 'gender':
      return Object.keys(GENDERS);
    case 'ethnicity':
      return Object.keys(ETHNICITIES);
    case 'availability':
      return Object.keys(AVAILABILITY);
  }
}

/** The keys a breakdown reports: the known values, then `unknown` for single-valued dimensions. */
export function dimensionKeys(d: TalentDimension): string[] {
  return isMultiValued(d) ? dimensionValues(d) : [...dimensionValues(d), UNKNOWN];
}

/** The birth date cut for "k years or older on `today`": B ≤ cut(k). Works for 29 February too,
 * since it compares text (a cut of 2025-02-29 admits 2025-02-28 and earlier). */
export function ageCut(today: string, years: number): string {
  const y = Number(today.slice(0, 4)) - years;
  return `${String(y).padStart(4, '0')}${today.slice(4, 10)}`;
}

/** Each age band as a half-open birth-date interval (after, upTo]: after '' = no lower bound,
 * upTo '9999-99-99' = no upper bound. */
export function ageBandRanges(today: string): { key: string; after: string; upTo: string }[] {
  return AGE_BANDS.map((b) => ({
    key: b.key,
    after: b.hi === null ? '' : ageCut(today, b.hi),
    upTo: b.lo === 0 ? '9999-99-99' : ageCut(today, b.lo),
  }));
}

export interface Counts {
  /** Talents in the unit. */
  talents: number;
  counts: Record<string, number>;
}

export interface UnitRow {
  unit: string;
  /** A value key, or null for the unit's talent total (multi-valued dimensions; single-valued rows
   * partition the talents and add up to it). */
  key: string | null;
  n: number;
}

export interface TalentBreakdown {
  dimension: TalentDimension;
  multiValued: boolean;
  keys: string[];
  total: Counts;
  direct: Counts;
  children: (RegionRef & Counts)[];
}

function emptyCounts(keys: string[]): Counts {
  return { talents: 0, counts: Object.fromEntries(keys.map((k) => [k, 0])) };
}

/** Builds the breakdown from per-unit counts (rows the repository returns). */
export function assembleTalentBreakdown(dimension: TalentDimension, children: RegionRef[], rows: UnitRow[]): TalentBreakdown {
  const keys = dimensionKeys(dimension);
  const multi = isMultiValued(dimension);
  const units = new Map<string, Counts>();
  const unit = (u: string) => {
    let c = units.get(u);
    if (!c) units.set(u, (c = emptyCounts(keys)));
    return c;
  };
  for (const r of rows) {
    const c = unit(r.unit);
    if (r.key === null) c.talents += r.n;
    else if (r.key in c.counts) {
      c.counts[r.key] += r.n;
      // Single-valued rows partition the talents: each talent is in exactly one of them.
      if (!multi) c.talents += r.n;
    }
  }
  const total = emptyCounts(keys);
  const all = [...children.map((ch) => unit(ch.code)), unit(DIRECT)];
  for (const c of all) {
    total.talents += c.talents;
    for (const k of keys) total.counts[k] += c.counts[k];
  }
  return {
    dimension,
    multiValued: multi,
    keys,
    total,
    direct: unit(DIRECT),
    children: children.map((ch) => ({ ...ch, ...unit(ch.code) })),
  };
}
