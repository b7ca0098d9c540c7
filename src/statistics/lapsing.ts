// Certificate registrations lapsing soon (pure).
//
// Definition (also in the page's help text): a talent's qualification registration lapses soon when
// its valid-until date lies from today through today + 90 days (China dates, both ends included);
// days left = valid-until − today. The list leaves the server masked only: the name keeps its first
// character, the certificate number its last four, the ID number is the stored masked form.
import { addDays } from '../lib/dates';
import { DIRECT, unitOf, type RegionRef } from './units';

export const LAPSE_DAYS = 90;

export { addDays };

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function lapseWindow(today: string): { from: string; to: string } {
  return { from: today, to: addDays(today, LAPSE_DAYS) };
}

/** 王小明 → 王**; one character → *. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** Only the last four characters stay. */
export function maskCertificate(value: string | null): string | null {
  if (!value) return null;
  const chars = [...value];
  return chars.length <= 4 ? '*'.repeat(chars.length) : '*'.repeat(chars.length - 4) + chars.slice(-4).join('');
}

export function countByUnit(region: string, children: RegionRef[], codes: { region_code: string | null; n: number }[]) {
  const childCodes = new Set(children.map((c) => c.code));
  const units = new Map<string, number>();
  let total = 0;
  for (const r of codes) {
    const u = unitOf(region, r.region_code, childCodes);
    if (u === null) continue;
    units.set(u, (units.get(u) ?? 0) + r.n);
    total += r.n;
  }
  return { total, direct: units.get(DIRECT) ?? 0, children: children.map((c) => ({ ...c, n: units.get(c.code) ?? 0 })) };
}
