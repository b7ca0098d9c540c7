// Scoring one (talent, position) pair: hard constraints → eligible + reasons; soft factors →
// score + breakdown. The weights and their defaults are the table in types.ts (Weights).
//
// Hard constraints (each failure is one reason code, in this order):
//   closed            the post is not open
//   no_seats          the post has no seat in the round
//   directed_region   a directed talent and the post lies outside the target region subtree
//   directed_employer a directed talent with a target employer and the post is elsewhere
//   education         education below the post's minimum (unknown education fails any minimum)
//   qualification     qualification below the post's minimum
//   language          a required language the talent lacks
//
// Factors (always all six in the breakdown, in this order, points ≥ 0):
//   serviceArea     round(serviceArea × shared / listed)          detail: shared=a,b;listed=n
//   preferredRegion preferredExact | preferredWithin | 0           detail: exact=<code> | within=<code> | none
//   qualification   qualificationStep × levels above the minimum   detail: levels=n
//   history         pastEmployer + internship + pastKind           detail: employer;internship;kind=<kind> | none
//   language        languageExtra × min(extra, languageExtraMax)   detail: extra=a,b;counted=n
//   distance        distanceTownship | County | City | Province | 0 detail: township|county|city|province|none
// The score is their sum; the sum is deterministic (fixed order, integer points with integer weights).
import { MatchContext, popcount, type PreparedPosition, type PreparedTalent } from './prepared';
import { commonLevel } from './regions';
import type { FactorPoints, IneligibleReason, MatchPosition, MatchTalent, PairScore, Weights } from './types';

export function isEligible(t: PreparedTalent, p: PreparedPosition): boolean {
  return (
    p.open &&
    p.seats > 0 &&
    (t.targetRegion === null || p.region.startsWith(t.targetRegion)) &&
    (t.targetEmployer === null || p.employerId === t.targetEmployer) &&
    t.education >= p.minEducation &&
    t.qualification >= p.minQualification &&
    (p.languageMask & ~t.languageMask) === 0
  );
}

export function eligibilityReasons(t: PreparedTalent, p: PreparedPosition): IneligibleReason[] {
  const r: IneligibleReason[] = [];
  if (!p.open) r.push('closed');
  if (p.seats <= 0) r.push('no_seats');
  if (t.targetRegion !== null && !p.region.startsWith(t.targetRegion)) r.push('directed_region');
  if (t.targetEmployer !== null && p.employerId !== t.targetEmployer) r.push('directed_employer');
  if (t.education < p.minEducation) r.push('education');
  if (t.qualification < p.minQualification) r.push('qualification');
  if ((p.languageMask & ~t.languageMask) !== 0) r.push('language');
  return r;
}

const areaPoints = (w: Weights, t: PreparedTalent, p: PreparedPosition) => (p.areaCount === 0 ? 0 : Math.round((w.serviceArea * popcount(t.areaMask & p.areaMask)) / p.areaCount));

/** 2 = exact, 1 = within a preferred region, 0 = neither. */
function preferredMatch(t: PreparedTalent, region: string): 0 | 1 | 2 {
  let best: 0 | 1 | 2 = 0;
  for (const r of t.preferred) {
    if (r === region) return 2;
    if (region.startsWith(r)) best = 1;
  }
  return best;
}

const preferredPoints = (w: Weights, m: 0 | 1 | 2) => (m === 2 ? w.preferredExact : m === 1 ? w.preferredWithin : 0);

const qualificationLevels = (t: PreparedTalent, p: PreparedPosition) => (p.minQualification === Infinity ? 0 : Math.max(0, t.qualification - p.minQualification));

function historyPoints(w: Weights, t: PreparedTalent, p: PreparedPosition): number {
  let pts = 0;
  if (t.pastEmployers.length && t.pastEmployers.includes(p.employerId)) pts += w.pastEmployer;
  if (t.internships.length && t.internships.includes(p.employerId)) pts += w.internship;
  if (t.pastKinds.length && t.pastKinds.includes(p.kind)) pts += w.pastKind;
  return pts;
}

const extraLanguages = (ctx: MatchContext, t: PreparedTalent, p: PreparedPosition) => t.languageMask & ~p.languageMask & ~ctx.mandarinMask;

const languagePoints = (w: Weights, extraMask: number) => w.languageExtra * Math.min(popcount(extraMask), w.languageExtraMax);

const DISTANCE_NAMES = ['none', 'province', 'city', 'county', 'township'] as const;

export function distancePoints(w: Weights, level: number): number {
  return level === 4 ? w.distanceTownship : level === 3 ? w.distanceCounty : level === 2 ? w.distanceCity : level === 1 ? w.distanceProvince : 0;
}

/** Points that depend only on where the post is: preferred region + distance. Used by rank.ts for bounds. */
export function regionPoints(w: Weights, t: PreparedTalent, region: string): number {
  return preferredPoints(w, preferredMatch(t, region)) + distancePoints(w, commonLevel(t.home, region));
}

/** The score of an eligible pair, or -1 when ineligible. Same arithmetic as explainPair, no allocation. */
export function quickScore(ctx: MatchContext, t: PreparedTalent, p: PreparedPosition): number {
  if (!isEligible(t, p)) return -1;
  return pointsOf(ctx, t, p);
}

/** The score whether or not the pair is eligible (explanations show it for refused posts too). */
export function pointsOf(ctx: MatchContext, t: PreparedTalent, p: PreparedPosition): number {
  const w = ctx.weights;
  return (
    areaPoints(w, t, p) +
    preferredPoints(w, preferredMatch(t, p.region)) +
    w.qualificationStep * qualificationLevels(t, p) +
    historyPoints(w, t, p) +
    languagePoints(w, extraLanguages(ctx, t, p)) +
    distancePoints(w, commonLevel(t.home, p.region))
  );
}

export function explainPair(ctx: MatchContext, t: PreparedTalent, p: PreparedPosition): PairScore {
  const w = ctx.weights;
  const reasons = eligibilityReasons(t, p);

  const shared = ctx.areas.codes(t.areaMask & p.areaMask);
  const pref = preferredMatch(t, p.region);
  const prefCode = pref === 2 ? p.region : pref === 1 ? t.preferred.filter((r) => p.region.startsWith(r)).sort((a, b) => b.length - a.length)[0] : '';
  const levels = qualificationLevels(t, p);
  const hist: string[] = [];
  if (t.pastEmployers.includes(p.employerId)) hist.push('employer');
  if (t.internships.includes(p.employerId)) hist.push('internship');
  if (t.pastKinds.includes(p.kind)) hist.push(`kind=${p.kind}`);
  const extra = extraLanguages(ctx, t, p);
  const level = commonLevel(t.home, p.region);

  const breakdown: FactorPoints[] = [
    { factor: 'serviceArea', points: areaPoints(w, t, p), detail: `shared=${shared.join(',')};listed=${p.areaCount}` },
    { factor: 'preferredRegion', points: preferredPoints(w, pref), detail: pref === 2 ? `exact=${prefCode}` : pref === 1 ? `within=${prefCode}` : 'none' },
    { factor: 'qualification', points: w.qualificationStep * levels, detail: `levels=${levels}` },
    { factor: 'history', points: historyPoints(w, t, p), detail: hist.length ? hist.join(';') : 'none' },
    {
      factor: 'language',
      points: languagePoints(w, extra),
      detail: `extra=${ctx.languages.codes(extra).join(',')};counted=${Math.min(popcount(extra), w.languageExtraMax)}`,
    },
    { factor: 'distance', points: distancePoints(w, level), detail: DISTANCE_NAMES[level] },
  ];
  // Summed in the same order as pointsOf, so the two always agree to the last bit.
  const score = pointsOf(ctx, t, p);
  return { eligible: reasons.length === 0, reasons, score, breakdown };
}

/** Score one pair with its own context: for pages and tests. Rounds use a shared MatchContext. */
export function scorePair(talent: MatchTalent, position: MatchPosition, weights?: Partial<Weights> | null): PairScore {
  const ctx = new MatchContext(weights);
  return explainPair(ctx, ctx.talent(talent), ctx.position(position));
}
