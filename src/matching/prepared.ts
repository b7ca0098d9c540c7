// Talents and positions turned into the compact form the hot loops read: levels as ranks, code
// sets as bit masks. A MatchContext holds the weights and the code→bit tables of one round, so
// masks from the same context can be compared; codes outside the vocabularies get the next free
// bit (at most 31 distinct codes per set kind, which the vocabularies are far below).
import { EDUCATION_LEVELS, LANGUAGES, QUALIFICATION_LEVELS, SERVICE_AREAS, rankOf } from '../lib/vocab';
import { resolveWeights, type MatchPosition, type MatchTalent, type Weights } from './types';

export interface PreparedTalent {
  readonly source: MatchTalent;
  readonly id: string;
  readonly directed: boolean;
  /** Education rank, -1 when unknown. */
  readonly education: number;
  /** Qualification rank, 0 ('none') when unknown. */
  readonly qualification: number;
  readonly areaMask: number;
  readonly languageMask: number;
  readonly home: string | null;
  readonly preferred: readonly string[];
  readonly targetRegion: string | null;
  readonly targetEmployer: string | null;
  readonly pastEmployers: readonly string[];
  readonly internships: readonly string[];
  readonly pastKinds: readonly string[];
}

export interface PreparedPosition {
  readonly source: MatchPosition;
  readonly id: string;
  readonly employerId: string;
  readonly kind: string;
  readonly region: string;
  readonly open: boolean;
  /** Integer seats ≥ 0. */
  readonly seats: number;
  /** Integer in [0, seats]. */
  readonly reserved: number;
  /** Minimum education rank; -1 = none; Infinity when the code is unknown (nobody meets it). */
  readonly minEducation: number;
  /** Minimum qualification rank; 0 = none; Infinity when the code is unknown. */
  readonly minQualification: number;
  readonly areaMask: number;
  readonly areaCount: number;
  readonly languageMask: number;
}

const MAX_BITS = 31;

class BitCodec {
  private readonly bits = new Map<string, number>();
  readonly names: string[] = [];
  constructor(
    private readonly what: string,
    known: readonly string[],
  ) {
    for (const code of known) this.bitOf(code);
  }
  bitOf(code: string): number {
    let bit = this.bits.get(code);
    if (bit === undefined) {
      if (this.names.length >= MAX_BITS) throw new RangeError(`more than ${MAX_BITS} distinct ${this.what} codes`);
      bit = this.names.length;
      this.bits.set(code, bit);
      this.names.push(code);
    }
    return bit;
  }
  mask(codes: readonly string[]): number {
    let m = 0;
    for (const c of codes) m |= 1 << this.bitOf(c);
    return m;
  }
  /** Codes of a mask, in bit (= vocabulary) order. */
  codes(mask: number): string[] {
    const out: string[] = [];
    for (let b = 0; b < this.names.length; b++) if (mask & (1 << b)) out.push(this.names[b]);
    return out;
  }
}

export function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

const uniq = (xs: readonly string[]) => [...new Set(xs)];

export class MatchContext {
  readonly weights: Weights;
  readonly areas = new BitCodec('service area', Object.keys(SERVICE_AREAS));
  readonly languages = new BitCodec('language', Object.keys(LANGUAGES));
  /** Mandarin is not counted as an extra language: nearly every talent has it. */
  readonly mandarinMask: number;

  constructor(weights?: Partial<Weights> | null) {
    this.weights = resolveWeights(weights);
    this.mandarinMask = 1 << this.languages.bitOf('mandarin');
  }

  talent(t: MatchTalent): PreparedTalent {
    const target = t.directed?.targetRegionCode ?? null;
    return {
      source: t,
      id: t.id,
      directed: t.directed != null,
      education: rankOf(EDUCATION_LEVELS, t.educationLevel),
      qualification: Math.max(0, rankOf(QUALIFICATION_LEVELS, t.qualificationLevel)),
      areaMask: this.areas.mask(t.serviceAreas),
      languageMask: this.languages.mask(t.languages),
      home: t.regionCode || null,
      preferred: uniq(t.preferredRegions.filter(Boolean)),
      targetRegion: target,
      targetEmployer: target !== null ? (t.directed?.targetEmployerId ?? null) : null,
      pastEmployers: uniq(t.history.employerIds),
      internships: uniq(t.history.internshipEmployerIds),
      pastKinds: uniq(t.history.positionKinds),
    };
  }

  position(p: MatchPosition): PreparedPosition {
    const seats = Math.max(0, Math.floor(p.seats));
    const reserved = Math.min(seats, Math.max(0, Math.floor(p.reservedSeats)));
    const minEdu = p.minEducation == null ? -1 : rankOf(EDUCATION_LEVELS, p.minEducation);
    const minQual = p.minQualification == null ? 0 : rankOf(QUALIFICATION_LEVELS, p.minQualification);
    return {
      source: p,
      id: p.id,
      employerId: p.employerId,
      kind: p.kind,
      region: p.regionCode,
      open: p.open,
      seats,
      reserved,
      minEducation: p.minEducation != null && minEdu < 0 ? Infinity : minEdu,
      minQualification: minQual < 0 ? Infinity : minQual,
      areaMask: this.areas.mask(p.serviceAreas),
      areaCount: uniq(p.serviceAreas).length,
      languageMask: this.languages.mask(p.languages),
    };
  }
}
