// Directed-training agreements (定向培养) in a region (pure). An agreement belongs to the region it
// is to be served in (its target region).
//
// Definitions (also in the page's help text):
// - Service start: the earliest start date of the placements serving the agreement; with none, the
//   China date on which it first moved to `serving`. An agreement has started service when it has one.
// - Served days: placements' days, start and end inclusive, an open one up to today, summed
//   (src/placements/placements.repository.ts); owed days = service years × 365.
// - Left early: started service, has at least one placement and none still running or to come (every
//   end date before today), owed time not served, and status serving or breached (waived agreements
//   were released, not left).
// - Fulfilment rate = fulfilled ÷ (fulfilled + breached): of the agreements that came to an end with
//   a result, the share fulfilled (waived ones are left out of both).
// - Early-leave rate = left early ÷ started service.
// - Still serving after N years (N = 1, 2, 3): of the agreements whose service started at least N
//   years ago (start ≤ today's date N years back), the share fulfilled or serving and not left early.
import type { AgreementStatus } from '../../db/schema';
import { DAYS_PER_SERVICE_YEAR } from '../placements';
import { ageCut } from './talents';
import { DIRECT, ratio, unitOf, type Ratio, type RegionRef } from './units';

export const AGREEMENT_STATUSES: AgreementStatus[] = ['in_training', 'awaiting_placement', 'serving', 'fulfilled', 'breached', 'waived'];
export const RETENTION_YEARS = [1, 2, 3] as const;

export interface AgreementFact {
  target_region_code: string;
  status: string;
  service_years: number;
  /** China date of the first move to serving, if any. */
  serving_on: string | null;
  placements: { start_on: string; end_on: string | null }[];
}

export interface DirectedCell {
  agreements: number;
  byStatus: Record<AgreementStatus, number>;
  started: number;
  fulfilment: Ratio;
  earlyLeave: Ratio;
  retention: ({ years: number } & Ratio)[];
}

export interface Directed {
  total: DirectedCell;
  direct: DirectedCell;
  children: (RegionRef & DirectedCell)[];
}

export interface AgreementOutcome {
  start: string | null;
  leftEarly: boolean;
  retained: boolean;
}

export function serviceStart(a: AgreementFact): string | null {
  if (a.placements.length) return a.placements.reduce((m, p) => (p.start_on < m ? p.start_on : m), a.placements[0].start_on);
  return a.serving_on;
}

/** Day number of an ISO date (Date.UTC is much cheaper than parsing the text). */
const dayNumber = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

/** placementDays (src/placements/placements.repository.ts) for many placements at once: start and
 * end inclusive, an open or later-ending one counted up to today, one starting after today 0. */
function servedDays(placements: AgreementFact['placements'], today: string): number {
  const t = dayNumber(today);
  let days = 0;
  for (const p of placements) {
    const end = p.end_on !== null && p.end_on < today ? dayNumber(p.end_on) : t;
    days += Math.max(0, end - dayNumber(p.start_on) + 1);
  }
  return days;
}

export function outcomeOf(a: AgreementFact, today: string): AgreementOutcome {
  const start = serviceStart(a);
  const served = servedDays(a.placements, today);
  const allEnded = a.placements.length > 0 && a.placements.every((p) => p.end_on !== null && p.end_on < today);
  const leftEarly = start !== null && allEnded && served < a.service_years * DAYS_PER_SERVICE_YEAR && (a.status === 'serving' || a.status === 'breached');
  const retained = a.status === 'fulfilled' || (a.status === 'serving' && !leftEarly);
  return { start, leftEarly, retained };
}

type Judged = { status: string; outcome: AgreementOutcome };

function cellOf(items: Judged[], cuts: string[]): DirectedCell {
  const byStatus = Object.fromEntries(AGREEMENT_STATUSES.map((s) => [s, 0])) as Record<AgreementStatus, number>;
  let started = 0;
  let left = 0;
  const cohorts = cuts.map(() => ({ cohort: 0, retained: 0 }));
  for (const { status, outcome: o } of items) {
    if (status in byStatus) byStatus[status as AgreementStatus] += 1;
    if (o.start === null) continue;
    started += 1;
    if (o.leftEarly) left += 1;
    for (let i = 0; i < cuts.length; i++) {
      if (o.start <= cuts[i]) {
        cohorts[i].cohort += 1;
        if (o.retained) cohorts[i].retained += 1;
      }
    }
  }
  return {
    agreements: items.length,
    byStatus,
    started,
    fulfilment: ratio(byStatus.fulfilled, byStatus.fulfilled + byStatus.breached),
    earlyLeave: ratio(left, started),
    retention: RETENTION_YEARS.map((years, i) => ({ years, ...ratio(cohorts[i].retained, cohorts[i].cohort) })),
  };
}

export function assembleDirected(region: string, children: RegionRef[], facts: AgreementFact[], today: string): Directed {
  const childCodes = new Set(children.map((c) => c.code));
  const cuts = RETENTION_YEARS.map((n) => ageCut(today, n));
  const units = new Map<string, Judged[]>();
  const inRegion: Judged[] = [];
  for (const a of facts) {
    const u = unitOf(region, a.target_region_code, childCodes);
    if (u === null) continue;
    const judged = { status: a.status, outcome: outcomeOf(a, today) };
    inRegion.push(judged);
    const list = units.get(u);
    if (list) list.push(judged);
    else units.set(u, [judged]);
  }
  return {
    total: cellOf(inRegion, cuts),
    direct: cellOf(units.get(DIRECT) ?? [], cuts),
    children: children.map((ch) => ({ ...ch, ...cellOf(units.get(ch.code) ?? [], cuts) })),
  };
}
