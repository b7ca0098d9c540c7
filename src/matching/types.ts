// Plain inputs of the matching core (issue #4, items 3 and 5). No database rows, no I/O: the
// round module loads these from SQLite/D1 and hands them in, so the core runs on Node and Workers.
//
// Codes come from src/lib/vocab.ts (EDUCATION_LEVELS, QUALIFICATION_LEVELS, SERVICE_AREAS,
// LANGUAGES, POSITION_KINDS). Region codes are GB/T 2260 prefixes: 2 (province), 4 (city),
// 6 (county) or 9 (township) digits, so "inside region R" is `code.startsWith(R)`.

/** A directed-training agreement (定向培养协议) that is awaiting placement. */
export interface DirectedTarget {
  /** The talent may only be placed inside this region's subtree. */
  targetRegionCode: string;
  /** If set, only at this employer (and still inside the target region). */
  targetEmployerId?: string | null;
}

export interface MatchHistory {
  /** Employers the talent has worked for (employment placements). */
  employerIds: readonly string[];
  /** Kinds (POSITION_KINDS) of posts the talent has held, employment or internship. */
  positionKinds: readonly string[];
  /** Employers the talent interned at (internship placements). */
  internshipEmployerIds: readonly string[];
}

export interface MatchTalent {
  id: string;
  /** EDUCATION_LEVELS code; null = unknown, which fails any minimum. */
  educationLevel: string | null;
  /** QUALIFICATION_LEVELS code; null is read as 'none'. */
  qualificationLevel: string | null;
  serviceAreas: readonly string[];
  languages: readonly string[];
  /** Where the talent lives (any level); null = unknown, no distance points. */
  regionCode: string | null;
  preferredRegions: readonly string[];
  directed: DirectedTarget | null;
  history: MatchHistory;
}

export interface MatchPosition {
  id: string;
  employerId: string;
  /** POSITION_KINDS code. */
  kind: string;
  /** Region of the post, down to township. */
  regionCode: string;
  /** Seats on offer in this round (already net of seats filled outside the round). */
  seats: number;
  /** Of `seats`, how many are reserved for directed graduates (clamped to [0, seats]). */
  reservedSeats: number;
  /** EDUCATION_LEVELS code or null for no minimum. */
  minEducation: string | null;
  /** QUALIFICATION_LEVELS code; null/'none' for no minimum. */
  minQualification: string | null;
  serviceAreas: readonly string[];
  /** Required languages: the talent must have every one. */
  languages: readonly string[];
  open: boolean;
}

/**
 * Scoring weights. Every weight is a non-negative number of points; with integer weights every
 * score is an integer (service-area points are rounded), which keeps ties exact and meaningful.
 * The defaults are DEFAULT_WEIGHTS below; a round may override any of them.
 *
 * | weight              | default | points                                                            |
 * | ------------------- | ------: | ----------------------------------------------------------------- |
 * | serviceArea         |      30 | round(30 × shared areas / areas the post lists); 0 if it lists none |
 * | preferredExact      |      20 | the post's region is one of the talent's preferred regions         |
 * | preferredWithin     |      12 | else: the post lies inside a preferred region (an ancestor)        |
 * | qualificationStep   |       5 | per qualification level above the post's minimum (≤ 3 levels)      |
 * | pastEmployer        |      15 | the talent has worked for this employer                           |
 * | internship          |      10 | the talent interned at this employer                               |
 * | pastKind            |       5 | the talent has held a post of this kind                            |
 * | languageExtra       |       3 | per language beyond the required ones (Mandarin not counted) …     |
 * | languageExtraMax    |       2 | … counting at most this many languages                             |
 * | distanceTownship    |      20 | talent lives in the post's township                                |
 * | distanceCounty      |      12 | else in the same county                                           |
 * | distanceCity        |       6 | else in the same city                                             |
 * | distanceProvince    |       2 | else in the same province                                         |
 *
 * The largest possible score with the defaults is 30 + 20 + 15 + 30 + 6 + 20 = 121.
 */
export interface Weights {
  serviceArea: number;
  preferredExact: number;
  preferredWithin: number;
  qualificationStep: number;
  pastEmployer: number;
  internship: number;
  pastKind: number;
  languageExtra: number;
  languageExtraMax: number;
  distanceTownship: number;
  distanceCounty: number;
  distanceCity: number;
  distanceProvince: number;
}

export const DEFAULT_WEIGHTS: Readonly<Weights> = Object.freeze({
  serviceArea: 30,
  preferredExact: 20,
  preferredWithin: 12,
  qualificationStep: 5,
  pastEmployer: 15,
  internship: 10,
  pastKind: 5,
  languageExtra: 3,
  languageExtraMax: 2,
  distanceTownship: 20,
  distanceCounty: 12,
  distanceCity: 6,
  distanceProvince: 2,
});

/** Defaults overridden by whatever a round sets; throws RangeError on a negative or non-finite weight. */
export function resolveWeights(overrides?: Partial<Weights> | null): Weights {
  const w: Weights = { ...DEFAULT_WEIGHTS, ...(overrides ?? {}) };
  for (const [k, v] of Object.entries(w)) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new RangeError(`weight ${k} must be a non-negative finite number`);
    }
  }
  return w;
}

/**
 * How a post's reserved seats meet its general seats (issue #13). Both revert reserved seats that no
 * directed talent takes to everyone.
 *   reserved_first  the best directed applicants take the reserved seats, then everyone else
 *                   (directed or not) competes for the general seats;
 *   general_first   the general seats go on merit to the best applicants, directed or not, then
 *                   the reserved seats go to the best remaining directed applicants.
 */
export type ReservePolicy = 'reserved_first' | 'general_first';
export const RESERVE_POLICIES: readonly ReservePolicy[] = ['reserved_first', 'general_first'];

/** Hard constraints, one code per failed constraint (in this order). */
export type IneligibleReason =
  | 'closed' // the post is not open
  | 'no_seats' // the post has no seat in the round
  | 'directed_region' // directed talent, post outside the target region subtree
  | 'directed_employer' // directed talent with a target employer, post at another employer
  | 'education' // below the minimum education (or education unknown)
  | 'qualification' // below the minimum qualification
  | 'language'; // lacks a required language

export type Factor = 'serviceArea' | 'preferredRegion' | 'qualification' | 'history' | 'language' | 'distance';

export interface FactorPoints {
  factor: Factor;
  points: number;
  /** Machine-readable detail (codes, not prose) so pages can translate it. */
  detail: string;
}

export interface PairScore {
  eligible: boolean;
  reasons: IneligibleReason[];
  /** The sum of the breakdown's points; computed even when ineligible, for explanations. */
  score: number;
  breakdown: FactorPoints[];
}

// The deferred-acceptance core's arrays (deferred-acceptance.ts, general-first.ts).

export interface DeferredAcceptanceInput {
  talentCount: number;
  positionCount: number;
  /** CSR layout: talent t's list is entries listStart[t] … listStart[t + 1] − 1, best first. */
  listStart: Int32Array;
  /** Position index of each entry. Give only entries the talent is eligible for, no duplicates. */
  listPosition: Int32Array;
  /** The position's score of the talent at each entry (higher is better). */
  listScore: Float64Array;
  /** 1 if the talent is directed (may take reserved seats). */
  directed: Uint8Array;
  /** Tie-break at equal score: the smaller rank wins. Must be distinct per talent. */
  tieRank: Int32Array;
  seats: Int32Array;
  /** Reserved seats per position, 0 ≤ reserved ≤ seats. */
  reserved: Int32Array;
  /** Which reading of reserved seats (default reserved_first, the model above); general_first is
   * solved by general-first.ts. */
  reservePolicy?: ReservePolicy;
}

export interface DeferredAcceptanceResult {
  /** Per talent: the list entry it is matched through, or −1. */
  matchedEntry: Int32Array;
  /** Per talent: 1 if the seat it holds is a reserved one. */
  inReserved: Uint8Array;
  /** Per position: candidates held in the reserved part and in the general part. */
  reservedCount: Int32Array;
  generalCount: Int32Array;
  /** Heaps: the reserved part of j is reservedHeld[reservedStart[j] …+reservedCount[j]], worst at
   * reservedStart[j]; likewise the general part in generalHeld from generalStart[j] (size s_j). */
  reservedStart: Int32Array;
  reservedHeld: Int32Array;
  reservedScore: Float64Array;
  generalStart: Int32Array;
  generalHeld: Int32Array;
  generalScore: Float64Array;
  /** Number of proposals made. */
  proposals: number;
}
