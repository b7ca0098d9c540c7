// The hot path of candidate generation: positions as columns of typed arrays, region prefixes and
// employer/kind codes interned to integers, and a per-talent scorer closed over the talent's own
// numbers. It computes exactly what score.ts quickScore computes — same constraints, same
// arithmetic in the same order, so equal to the last bit — without string work per pair; the
// property tests hold it to that. Talents whose preferred or target region codes are not of a
// standard length (2/4/6/9 characters) get quickScore instead (prefix tests need the strings).
import { popcount, type MatchContext, type PreparedPosition, type PreparedTalent } from './prepared';
import { distancePoints, quickScore } from './score';

const LENGTHS = [2, 4, 6, 9] as const;
const levelOfLength = (n: number) => LENGTHS.indexOf(n as 2 | 4 | 6 | 9);
/** Talent side: "no code at this level" — never equal to a position's −1. */
const ABSENT = -3;
/** Talent side: a code no position has — never equal to anything. */
const UNKNOWN = -2;

function intern(ids: Map<string, number>, s: string): number {
  let id = ids.get(s);
  if (id === undefined) ids.set(s, (id = ids.size));
  return id;
}

export class PositionTable {
  readonly size: number;
  private readonly regionIds = new Map<string, number>();
  private readonly employerIds = new Map<string, number>();
  private readonly kindIds = new Map<string, number>();
  /** Interned prefix of each position's region at level L (0 province … 3 township) at [L * size + j], −1 if shorter. */
  private readonly anc: Int32Array;
  /** Interned full region code. */
  private readonly full: Int32Array;
  private readonly employer: Int32Array;
  private readonly kind: Int32Array;
  private readonly ok: Uint8Array;
  private readonly minEducation: Float64Array;
  private readonly minQualification: Float64Array;
  private readonly areaMask: Int32Array;
  private readonly areaCount: Int32Array;
  private readonly languageMask: Int32Array;

  constructor(
    private readonly ctx: MatchContext,
    private readonly positions: readonly PreparedPosition[],
  ) {
    const m = (this.size = positions.length);
    this.anc = new Int32Array(4 * m).fill(-1);
    this.full = new Int32Array(m);
    this.employer = new Int32Array(m);
    this.kind = new Int32Array(m);
    this.ok = new Uint8Array(m);
    this.minEducation = new Float64Array(m);
    this.minQualification = new Float64Array(m);
    this.areaMask = new Int32Array(m);
    this.areaCount = new Int32Array(m);
    this.languageMask = new Int32Array(m);
    positions.forEach((p, j) => {
      for (let l = 0; l < 4; l++) if (p.region.length >= LENGTHS[l]) this.anc[l * m + j] = intern(this.regionIds, p.region.slice(0, LENGTHS[l]));
      this.full[j] = intern(this.regionIds, p.region);
      this.employer[j] = intern(this.employerIds, p.employerId);
      this.kind[j] = intern(this.kindIds, p.kind);
      this.ok[j] = p.open && p.seats > 0 ? 1 : 0;
      this.minEducation[j] = p.minEducation;
      this.minQualification[j] = p.minQualification;
      this.areaMask[j] = p.areaMask;
      this.areaCount[j] = p.areaCount;
      this.languageMask[j] = p.languageMask;
    });
  }

  /** A function giving the score of position j for this talent, or −1 when ineligible. */
  scorer(t: PreparedTalent): (j: number) => number {
    const ctx = this.ctx;
    const positions = this.positions;
    const codes = [...t.preferred, ...(t.targetRegion !== null ? [t.targetRegion] : [])];
    if (codes.some((c) => levelOfLength(c.length) < 0)) return (j) => quickScore(ctx, t, positions[j]);

    const w = ctx.weights;
    const m = this.size;
    const { anc, full, employer, kind, ok, minEducation, minQualification, areaMask, areaCount, languageMask } = this;
    const home = t.home;
    const regions = this.regionIds;
    const region = (code: string) => regions.get(code) ?? UNKNOWN;
    const employerId = (id: string) => this.employerIds.get(id) ?? UNKNOWN;
    const h0 = home && home.length >= 2 ? region(home.slice(0, 2)) : ABSENT;
    const h1 = home && home.length >= 4 ? region(home.slice(0, 4)) : ABSENT;
    const h2 = home && home.length >= 6 ? region(home.slice(0, 6)) : ABSENT;
    const h3 = home && home.length >= 9 ? region(home.slice(0, 9)) : ABSENT;
    const nPref = t.preferred.length;
    const prefId: number[] = [];
    const prefOffset: number[] = [];
    for (const c of t.preferred) {
      prefId.push(region(c));
      prefOffset.push(levelOfLength(c.length) * m);
    }
    const targetOffset = t.targetRegion !== null ? levelOfLength(t.targetRegion.length) * m : -1;
    const targetId = t.targetRegion !== null ? region(t.targetRegion) : UNKNOWN;
    const targetEmployer = t.targetEmployer !== null ? employerId(t.targetEmployer) : ABSENT;
    const pastEmployers = t.pastEmployers.map(employerId);
    const internships = t.internships.map(employerId);
    const pastKinds = t.pastKinds.map((k) => this.kindIds.get(k) ?? UNKNOWN);
    const education = t.education;
    const qualification = t.qualification;
    const tArea = t.areaMask;
    const tLang = t.languageMask;
    const notMandarin = ~ctx.mandarinMask;

    return (j: number): number => {
      if (ok[j] === 0) return -1;
      if (targetOffset >= 0 && anc[targetOffset + j] !== targetId) return -1;
      if (targetEmployer !== ABSENT && employer[j] !== targetEmployer) return -1;
      if (education < minEducation[j] || qualification < minQualification[j]) return -1;
      if ((languageMask[j] & ~tLang) !== 0) return -1;

      const count = areaCount[j];
      const area = count === 0 ? 0 : Math.round((w.serviceArea * popcount(tArea & areaMask[j])) / count);
      let match = 0;
      for (let x = 0; x < nPref; x++) {
        if (full[j] === prefId[x]) {
          match = 2;
          break;
        }
        if (anc[prefOffset[x] + j] === prefId[x]) match = 1;
      }
      const preferred = match === 2 ? w.preferredExact : match === 1 ? w.preferredWithin : 0;
      const minQ = minQualification[j];
      const levels = minQ === Infinity ? 0 : Math.max(0, qualification - minQ);
      let history = 0;
      const e = employer[j];
      if (pastEmployers.length && pastEmployers.includes(e)) history += w.pastEmployer;
      if (internships.length && internships.includes(e)) history += w.internship;
      if (pastKinds.length && pastKinds.includes(kind[j])) history += w.pastKind;
      const language = w.languageExtra * Math.min(popcount(tLang & ~languageMask[j] & notMandarin), w.languageExtraMax);
      const level = h3 === anc[3 * m + j] ? 4 : h2 === anc[2 * m + j] ? 3 : h1 === anc[m + j] ? 2 : h0 === anc[j] ? 1 : 0;
      return area + preferred + w.qualificationStep * levels + history + language + distancePoints(w, level);
    };
  }
}
