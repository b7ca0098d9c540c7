// Reference implementations for the property tests, written the slow, obvious way from the
// documented model (not from the core's code): scores from scorePair, the soft-reserve choice
// function by sorting, stability by trying every pair, the applicant-optimal stable matching by
// enumerating every matching.
import fc from 'fast-check';
import { scorePair } from '../../src/matching/score';
import type { MatchPosition, MatchTalent, Weights } from '../../src/matching/types';

export const REGIONS = ['15', '1501', '150101', '150101001', '150101002', '150102', '150102001', '1502', '150201', '150201001', '13', '1301'];
const TOWNSHIPS = REGIONS.filter((r) => r.length >= 6);
const AREAS = ['children', 'elderly', 'youth', 'community'];
const LANGS = ['mandarin', 'mongolian', 'english'];
const EMPLOYERS = ['e1', 'e2', 'e3'];
const KINDS = ['community_worker', 'station_worker', 'school_worker'];

/** arb with probability about `some` in 10, else null. */
const maybe = <T>(arb: fc.Arbitrary<T>, some: number) => fc.oneof({ weight: some, arbitrary: arb }, { weight: 10 - some, arbitrary: fc.constant(null) });

/** lenient: few hard-constraint failures, so more talents compete for the same posts. */
export const talentArb = (id: string, lenient = false) =>
  fc.record({
    id: fc.constant(id),
    educationLevel: fc.constantFrom(null, 'secondary', 'associate', 'bachelor', 'bachelor', 'master', 'master'),
    qualificationLevel: fc.constantFrom(null, 'none', 'assistant', 'assistant', 'intermediate', 'senior'),
    serviceAreas: fc.subarray(AREAS),
    languages: fc.subarray(LANGS).map((l) => (l.length ? l : ['mandarin'])),
    regionCode: maybe(fc.constantFrom(...REGIONS), 8),
    preferredRegions: fc.subarray(REGIONS, { maxLength: 2 }),
    directed: maybe(
      fc.record({
        targetRegionCode: lenient ? fc.constantFrom('15', '1501') : fc.constantFrom('15', '15', '1501', '150101', '1502', '13'),
        targetEmployerId: maybe(fc.constantFrom(...EMPLOYERS), lenient ? 0 : 2),
      }),
      4,
    ),
    history: fc.record({
      employerIds: fc.subarray(EMPLOYERS, { maxLength: 1 }),
      positionKinds: fc.subarray(KINDS, { maxLength: 1 }),
      internshipEmployerIds: fc.subarray(EMPLOYERS, { maxLength: 1 }),
    }),
  }) satisfies fc.Arbitrary<MatchTalent>;

export const positionArb = (id: string, maxSeats = 2, lenient = false) =>
  fc.record({
    id: fc.constant(id),
    employerId: fc.constantFrom(...EMPLOYERS),
    kind: fc.constantFrom(...KINDS),
    regionCode: fc.constantFrom(...TOWNSHIPS),
    seats: fc.integer({ min: 1, max: maxSeats }),
    reservedSeats: fc.integer({ min: 0, max: maxSeats }),
    minEducation: lenient ? fc.constant(null) : fc.constantFrom(null, null, null, 'associate', 'bachelor'),
    minQualification: lenient ? fc.constant(null) : fc.constantFrom(null, 'none', 'none', 'none', 'assistant'),
    serviceAreas: fc.subarray(AREAS, { maxLength: 3 }),
    languages: fc.oneof({ weight: lenient ? 20 : 6, arbitrary: fc.constant([] as string[]) }, { weight: 1, arbitrary: fc.subarray(LANGS, { maxLength: 1 }) }),
    open: lenient ? fc.constant(true) : fc.constantFrom(true, true, true, true, true, true, true, false),
  });

/** Weights: the defaults, or small integers that make ties frequent. */
export const weightsArb: fc.Arbitrary<Partial<Weights> | null> = fc.oneof(
  fc.constant(null),
  fc.record({
    serviceArea: fc.integer({ min: 0, max: 3 }),
    preferredExact: fc.integer({ min: 0, max: 2 }),
    preferredWithin: fc.integer({ min: 0, max: 1 }),
    qualificationStep: fc.integer({ min: 0, max: 1 }),
    pastEmployer: fc.integer({ min: 0, max: 2 }),
    internship: fc.integer({ min: 0, max: 1 }),
    pastKind: fc.integer({ min: 0, max: 1 }),
    languageExtra: fc.integer({ min: 0, max: 1 }),
    distanceTownship: fc.integer({ min: 0, max: 2 }),
    distanceCounty: fc.integer({ min: 0, max: 1 }),
  }),
);

export interface Instance {
  talents: MatchTalent[];
  positions: MatchPosition[];
  weights: Partial<Weights> | null;
  /** talent id → submitted list; talents not in it get a derived list. */
  rankings: Record<string, string[]>;
  /** Reading of reserved seats (default reserved_first). */
  reservePolicy?: 'reserved_first' | 'general_first';
  /** 服从调剂: talent id → region; the list continues with the eligible posts inside it, by score. */
  adjustments?: Record<string, string>;
  /** talent id → position id, seated before the matching. */
  pins?: Record<string, string>;
}

export interface InstanceShape {
  talents: [min: number, max: number];
  positions: [min: number, max: number];
  maxSeats: number;
  /** Chance in 10 that a talent submits a list. */
  submitted?: number;
  lenient?: boolean;
}

export const instanceArb = ({ talents, positions, maxSeats, submitted = 5, lenient = false }: InstanceShape): fc.Arbitrary<Instance> =>
  fc
    .record({ nt: fc.noBias(fc.integer({ min: talents[0], max: talents[1] })), np: fc.noBias(fc.integer({ min: positions[0], max: positions[1] })) })
    .chain(({ nt, np }) => {
      const tIds = Array.from({ length: nt }, (_, i) => `t${i}`);
      const pIds = Array.from({ length: np }, (_, i) => `p${i}`);
      return fc.record({
        talents: fc.tuple(...tIds.map((id) => talentArb(id, lenient))),
        positions: fc.tuple(...pIds.map((id) => positionArb(id, maxSeats, lenient))),
        weights: weightsArb,
        rankings: fc.tuple(
          ...tIds.map((id) =>
            maybe(
              fc.shuffledSubarray([...pIds, 'p-unknown', pIds[0]], { minLength: 1, maxLength: np + 1 }).map((list) => [id, list] as const),
              submitted,
            ),
          ),
        ),
      });
    })
    .map(({ talents, positions, weights, rankings }) => ({
      talents,
      positions,
      weights,
      rankings: Object.fromEntries(rankings.filter((r): r is readonly [string, string[]] => r !== null)),
    }));

/** Everything the reference needs about the instance, from scorePair alone. */
export class Reference {
  readonly score = new Map<string, { eligible: boolean; score: number }>();
  readonly talentById: Map<string, MatchTalent>;
  readonly positionById: Map<string, MatchPosition>;
  /** Talents who compete (not pinned). */
  readonly talents: MatchTalent[];
  /** Seats each pin took: position id → { reserved, general }. */
  readonly pinSeats = new Map<string, { reserved: number; general: number }>();
  readonly pinSeat = new Map<string, 'reserved' | 'general'>();
  constructor(readonly inst: Instance) {
    this.talentById = new Map(inst.talents.map((t) => [t.id, t]));
    this.positionById = new Map(inst.positions.map((p) => [p.id, p]));
    for (const t of inst.talents) for (const p of inst.positions) this.score.set(`${t.id}|${p.id}`, scorePair(t, p, inst.weights));
    const pins = Object.entries(inst.pins ?? {});
    this.talents = inst.talents.filter((t) => !(inst.pins && t.id in inst.pins));
    // Directed pins first, then the others, each by id: directed take reserved seats while there
    // are any, the others general seats while there are any; then whatever is left.
    pins.sort(([a], [b]) => (this.directed(a) === this.directed(b) ? (a < b ? -1 : 1) : this.directed(a) ? -1 : 1));
    for (const [t, p] of pins) {
      const used = this.pinSeats.get(p) ?? { reserved: 0, general: 0 };
      this.pinSeats.set(p, used);
      const pos = this.positionById.get(p)!;
      const seats = Math.max(0, pos.seats);
      const reserved = Math.min(Math.max(0, pos.reservedSeats), seats);
      const reservedLeft = reserved - used.reserved;
      const generalLeft = seats - reserved - used.general;
      const seat = this.directed(t) ? (reservedLeft > 0 ? 'reserved' : 'general') : generalLeft > 0 ? 'general' : 'reserved';
      used[seat]++;
      this.pinSeat.set(t, seat);
    }
  }
  /** Seats the pins leave at p (what the matching competes for). */
  private pinned(p: string) {
    return this.pinSeats.get(p) ?? { reserved: 0, general: 0 };
  }
  pair(t: string, p: string) {
    return this.score.get(`${t}|${p}`)!;
  }
  seats(p: string) {
    const used = this.pinned(p);
    return Math.max(0, this.positionById.get(p)!.seats) - used.reserved - used.general;
  }
  reserved(p: string) {
    const pos = this.positionById.get(p)!;
    return Math.min(Math.max(0, pos.reservedSeats), Math.max(0, pos.seats)) - this.pinned(p).reserved;
  }
  /** Eligible for p with the seats the pins left (a post with no seat left takes no one). */
  eligible(t: string, p: string) {
    return this.pair(t, p).eligible && this.seats(p) > 0;
  }
  directed(t: string) {
    return this.talentById.get(t)!.directed != null;
  }
  /** Derived list: top 30 eligible by score, then position id. */
  derivedList(t: string): string[] {
    return this.inst.positions
      .map((p) => ({ id: p.id, ...this.pair(t, p.id), eligible: this.eligible(t, p.id) }))
      .filter((x) => x.eligible)
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
      .slice(0, 30)
      .map((x) => x.id);
  }
  /** The effective list: submitted (deduplicated) or derived. */
  list(t: string): string[] {
    const given = this.inst.rankings[t];
    const own = given ? [...new Set(given)] : this.derivedList(t);
    const region = this.inst.adjustments?.[t];
    if (!region) return own;
    const more = this.inst.positions
      .filter((p) => p.regionCode.startsWith(region) && !own.includes(p.id) && this.eligible(t, p.id))
      .sort((a, b) => this.pair(t, b.id).score - this.pair(t, a.id).score || (a.id < b.id ? -1 : 1))
      .map((p) => p.id);
    return [...own, ...more];
  }
  private readonly acceptableCache = new Map<string, string[]>();
  /** Eligible entries of the list, best first. */
  acceptable(t: string): string[] {
    let acc = this.acceptableCache.get(t);
    if (!acc) {
      acc = this.list(t).filter((p) => this.positionById.has(p) && this.eligible(t, p));
      this.acceptableCache.set(t, acc);
    }
    return acc;
  }
  /** The position's strict order: score, directed first, id. Negative when a ranks above b. */
  compare(p: string, a: string, b: string): number {
    const sa = this.pair(a, p).score;
    const sb = this.pair(b, p).score;
    if (sa !== sb) return sb - sa;
    const da = this.directed(a) ? 0 : 1;
    const db = this.directed(b) ? 0 : 1;
    if (da !== db) return da - db;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  /** The soft-reserve choice function, by sorting. Returns the chosen with their seat kind. */
  choose(p: string, candidates: string[]): Map<string, 'reserved' | 'general'> {
    const sorted = [...candidates].sort((a, b) => this.compare(p, a, b));
    const r = this.reserved(p);
    const out = new Map<string, 'reserved' | 'general'>();
    if (this.inst.reservePolicy === 'general_first') {
      // General seats on merit first, then reserved seats to the best remaining directed, then any
      // reserved seat left over to the best remaining.
      for (const t of sorted.slice(0, this.seats(p) - r)) out.set(t, 'general');
      for (const t of sorted) if (!out.has(t) && this.directed(t) && out.size < this.seats(p)) out.set(t, 'reserved');
      for (const t of sorted) if (!out.has(t) && out.size < this.seats(p)) out.set(t, 'general');
      return out;
    }
    for (const t of sorted) if (out.size < r && this.directed(t)) out.set(t, 'reserved');
    const generalSeats = this.seats(p) - out.size;
    let g = 0;
    for (const t of sorted) {
      if (g >= generalSeats) break;
      if (!out.has(t)) {
        out.set(t, 'general');
        g++;
      }
    }
    return out;
  }
  /** Blocking pairs of a matching (talent id → position id | null). */
  blockingPairs(match: Map<string, string | null>): [string, string][] {
    const holders = new Map<string, string[]>();
    for (const p of this.inst.positions) holders.set(p.id, []);
    for (const [t, p] of match) if (p) holders.get(p)!.push(t);
    const out: [string, string][] = [];
    for (const t of this.talents) {
      const acc = this.acceptable(t.id);
      const current = match.get(t.id) ?? null;
      const limit = current === null ? acc.length : acc.indexOf(current);
      for (let x = 0; x < limit; x++) {
        const p = acc[x];
        if (this.choose(p, [...holders.get(p)!, t.id]).has(t.id)) out.push([t.id, p]);
      }
    }
    return out;
  }
  /** Every feasible matching (each talent unmatched or at one acceptable post, within seats) that is stable. */
  stableMatchings(): Map<string, string | null>[] {
    const ids = this.talents.map((t) => t.id);
    const options = ids.map((t) => [null, ...this.acceptable(t)]);
    const load = new Map<string, number>();
    const current = new Map<string, string | null>();
    const out: Map<string, string | null>[] = [];
    const rec = (i: number) => {
      if (i === ids.length) {
        if (this.blockingPairs(current).length === 0) out.push(new Map(current));
        return;
      }
      for (const p of options[i]) {
        if (p) {
          const l = load.get(p) ?? 0;
          if (l >= this.seats(p)) continue;
          load.set(p, l + 1);
        }
        current.set(ids[i], p);
        rec(i + 1);
        if (p) load.set(p, load.get(p)! - 1);
      }
    };
    rec(0);
    return out;
  }
  /** The stable matching every talent weakly prefers to every other stable one. */
  applicantOptimal(): Map<string, string | null> {
    const stable = this.stableMatchings();
    const rank = (t: string, p: string | null) => (p === null ? Infinity : this.acceptable(t).indexOf(p));
    const best = stable.find((m) => stable.every((o) => this.talents.every((t) => rank(t.id, m.get(t.id)!) <= rank(t.id, o.get(t.id)!))));
    if (!best) throw new Error('no applicant-optimal stable matching (theory says there is one)');
    return best;
  }
}

export function shuffle<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
