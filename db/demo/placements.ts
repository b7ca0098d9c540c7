// Placements (岗位对接/就业/实习记录) as the register would hold them after four years of use: hires from
// applications, directed graduates serving their years, township stations and schools staffed,
// interns at internship bases, and rosters imported in a few batches. The book keeps the rules the
// app keeps: one open employment per person, end not before start, an agreement's placements inside
// its target region, and each record written after its employer was verified.
import type { Employer, Placement, Talent } from '../schema';
import type { Departments } from './departments';
import { DAY, HOUR, isoDate, startOfDay, type Rng } from './random';

export type PlacementRow = Placement;

/** Weights by employer type when a department places someone at the grassroots. */
export const GRASSROOTS: Record<string, number> = { station: 4, community: 3, school: 2, hospital: 1, agency: 2 };
/** Weights by employer type for ordinary jobs (agencies employ most social workers). */
export const ANY_JOB: Record<string, number> = { station: 2, community: 2, school: 1, hospital: 1.5, agency: 4 };

export interface NewPlacement {
  talent: Talent;
  employer: Employer;
  kind: 'employment' | 'internship';
  startMs: number;
  endMs?: number | null;
  endReason?: string | null;
  source: 'application' | 'round' | 'direct' | 'import';
  sourceId?: string | null;
  positionId?: string | null;
  agreementId?: string | null;
  /** When it was recorded; by default soon after it started (direct) or at an import batch. */
  createdAt?: number;
  /** Not recorded before this moment (e.g. the agreement it serves was recorded then). */
  notBefore?: number;
  createdBy?: string | null;
}

export class PlacementBook {
  readonly rows: PlacementRow[] = [];
  /** The open employment of each talent (at most one). */
  readonly openEmployment = new Map<string, PlacementRow>();
  readonly openAt = new Map<string, number>();
  readonly byTalent = new Map<string, PlacementRow[]>();
  /** The China date the app counts served days up to, and its start in ms (UTC midnight of that date). */
  readonly today: string;
  readonly todayMs: number;
  /** Roster imports: three batches over the last two years. */
  readonly importBatches: number[];
  private readonly pools = new Map<string, Map<string, Employer[]>>();
  private readonly employerById = new Map<string, Employer>();

  constructor(
    private readonly rng: Rng,
    private readonly now: number,
    private readonly departments: Departments,
    employers: Employer[],
  ) {
    this.today = isoDate(now + 8 * HOUR);
    this.todayMs = startOfDay(this.today);
    this.importBatches = [700, 330, 45].map((d) => this.todayMs - d * DAY + 2 * HOUR + rng.int(0, 7200) * 1000);
    for (const e of employers) {
      this.employerById.set(e.id, e);
      if (e.status !== 'verified') continue;
      for (const len of [2, 4, 6, 9]) {
        if (e.region_code.length < len) continue;
        const key = e.region_code.slice(0, len);
        let byType = this.pools.get(key);
        if (!byType) this.pools.set(key, (byType = new Map()));
        const list = byType.get(e.type);
        if (list) list.push(e);
        else byType.set(e.type, [e]);
      }
    }
  }

  /** Takes employers out of every pool: nobody is placed there from now on (township coverage gaps). */
  exclude(ids: ReadonlySet<string>): void {
    for (const byType of this.pools.values()) {
      for (const [type, list] of byType) {
        const kept = list.filter((e) => !ids.has(e.id));
        if (kept.length > 0) byType.set(type, kept);
        else byType.delete(type);
      }
    }
  }

  employer(id: string): Employer {
    return this.employerById.get(id)!;
  }

  /** A verified employer inside the region subtree, by type weight; undefined if there is none. */
  pickEmployer(regionCode: string, weights: Record<string, number>, onlyTypes?: readonly string[]): Employer | undefined {
    const byType = this.pools.get(regionCode);
    if (!byType) return undefined;
    const types = [...byType.keys()].filter((t) => !onlyTypes || onlyTypes.includes(t)).map((t) => [t, weights[t] ?? 1] as const);
    if (types.length === 0) return undefined;
    return this.rng.pick(byType.get(this.rng.weighted(types))!);
  }

  hasOpenEmployment(talentId: string): boolean {
    return this.openEmployment.has(talentId);
  }

  add(p: NewPlacement): PlacementRow {
    const { rng, now } = this;
    const startOn = isoDate(p.startMs);
    const endOn = p.endMs == null ? null : isoDate(p.endMs);
    if (endOn !== null && endOn < startOn) throw new Error(`placement ends ${endOn} before it starts ${startOn}`);
    if (startOn > this.today) throw new Error(`placement starts in the future (${startOn})`);
    const notBefore = Math.max(p.notBefore ?? 0, (p.employer.reviewed_at ?? p.employer.created_at) + HOUR);
    let source = p.source;
    let createdAt = p.createdAt;
    if (createdAt === undefined && source === 'import') {
      const batches = this.importBatches.filter((b) => b >= Math.max(p.startMs + 20 * DAY, notBefore));
      if (batches.length > 0) createdAt = rng.pick(batches);
      else source = 'direct';
    }
    // Recorded in office hours (China) within days of the start, never before it could have been.
    createdAt ??= Math.max(p.startMs + rng.int(0, 6) * DAY + rng.int(1, 9) * HOUR, notBefore + rng.int(1, 240) * 60_000);
    createdAt = Math.min(createdAt, now - 60_000);
    let updatedAt = createdAt;
    if (p.endMs != null) updatedAt = Math.min(now - 30_000, Math.max(createdAt, p.endMs + rng.int(1, 9) * HOUR));
    const row: PlacementRow = {
      id: rng.id(),
      talent_id: p.talent.id,
      employer_id: p.employer.id,
      position_id: p.positionId ?? null,
      kind: p.kind,
      start_on: startOn,
      end_on: endOn,
      end_reason: endOn === null ? null : (p.endReason ?? '合同期满'),
      source,
      source_id: p.sourceId ?? null,
      agreement_id: p.agreementId ?? null,
      created_by: p.createdBy === undefined ? this.departments.of(p.employer.region_code).id : p.createdBy,
      created_at: createdAt,
      updated_at: updatedAt,
    };
    if (p.kind === 'employment' && endOn === null) {
      if (this.openEmployment.has(p.talent.id)) throw new Error(`talent ${p.talent.id} already has an open employment`);
      this.openEmployment.set(p.talent.id, row);
    }
    this.rows.push(row);
    const list = this.byTalent.get(p.talent.id);
    if (list) list.push(row);
    else this.byTalent.set(p.talent.id, [row]);
    const n = this.openAt.get(p.employer.id) ?? 0;
    if (endOn === null) this.openAt.set(p.employer.id, n + 1);
    return row;
  }

  /** Ends an open placement (a transfer or a departure found later in planning). */
  end(row: PlacementRow, endMs: number, reason: string): void {
    const endOn = isoDate(Math.max(endMs, startOfDay(row.start_on)));
    row.end_on = endOn;
    row.end_reason = reason;
    row.updated_at = Math.min(this.now - 30_000, Math.max(row.created_at, startOfDay(endOn) + 9 * HOUR));
    if (row.kind === 'employment' && this.openEmployment.get(row.talent_id) === row) this.openEmployment.delete(row.talent_id);
    this.openAt.set(row.employer_id, (this.openAt.get(row.employer_id) ?? 1) - 1);
  }

  openCountAt(employerId: string): number {
    return this.openAt.get(employerId) ?? 0;
  }
}
