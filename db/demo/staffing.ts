// Everyone's placements apart from directed service (agreements.ts): hires from applications,
// interns at internship bases, the social workers of township stations and schools, and the jobs
// and past jobs of people who are working or have worked.
import type { Employer, Talent } from '../schema';
import type { ApplicationPlan } from './applications';
import { graduationMs } from './agreements';
import { ANY_JOB, type PlacementBook } from './placements';
import type { PositionPlan } from './positions';
import { DAY, HOUR, isoDate, startOfDay, type Rng } from './random';

const LEFT = ['合同期满未续签', '个人原因离职', '考取事业编制离职', '随家庭迁居外地'];
const INTERNSHIP_OVER = ['实习期满', '实习结束，返校完成毕业论文'];

/** The placement an application marked hired creates (as src/applications does): employment at
 * the post's employer from the China date of the hire, recorded by the hire itself. A second hire
 * ends the first; a few older hires have ended since. */
export function planHires(
  rng: Rng,
  book: PlacementBook,
  applications: ApplicationPlan[],
  positions: Map<string, PositionPlan>,
  talents: Map<string, Talent>,
  employers: Map<string, Employer>,
): void {
  const hired = applications
    .filter((a) => a.row.status === 'hired')
    .map((a) => ({ a, at: a.events.at(-1)!.created_at }))
    .sort((x, y) => x.at - y.at || (x.a.row.id < y.a.row.id ? -1 : 1));
  for (const { a, at } of hired) {
    const talent = talents.get(a.row.talent_id)!;
    const position = positions.get(a.row.position_id)!.row;
    const startMs = startOfDay(isoDate(at + 8 * HOUR));
    const previous = book.openEmployment.get(talent.id);
    if (previous) book.end(previous, startMs - DAY, '调往新单位');
    const row = book.add({
      talent,
      employer: employers.get(position.employer_id)!,
      kind: 'employment',
      startMs,
      source: 'application',
      sourceId: a.row.id,
      positionId: position.id,
      createdAt: at,
      createdBy: null,
    });
    const daysSince = Math.floor((book.todayMs - startMs) / DAY);
    if (daysSince > 200 && rng.chance(0.12)) book.end(row, startMs + rng.int(120, daysSince - 10) * DAY, rng.pick(LEFT));
  }
}

export class Staffing {
  private readonly byCity = new Map<string, Talent[]>();
  private readonly everyone: Talent[] = [];
  private readonly interned = new Set<string>();
  private readonly studentsByCity = new Map<string, Talent[]>();
  private readonly students: Talent[] = [];
  private readonly recentByCity = new Map<string, Talent[]>();
  private readonly recent: Talent[] = [];
  private readonly fourYearsAgo: number;

  constructor(
    private readonly rng: Rng,
    private readonly now: number,
    private readonly book: PlacementBook,
    talents: Talent[],
    /** Directed graduates and the showcase graduate: their careers are planned elsewhere. */
    private readonly reserved: ReadonlySet<string>,
  ) {
    this.fourYearsAgo = book.todayMs - 4 * 365 * DAY;
    const year = new Date(now).getUTCFullYear();
    for (const t of talents) {
      const city = t.region_code!.slice(0, 4);
      const grad = graduationMs(t.graduation_year!);
      if (grad > book.todayMs) push(this.studentsByCity, city, t, this.students);
      else if (t.graduation_year! >= year - 4) push(this.recentByCity, city, t, this.recent);
      if (this.reserved.has(t.id) || grad > book.todayMs - 60 * DAY) continue;
      push(this.byCity, city, t, this.everyone);
    }
  }

  /** Interns at each internship base: students interning now (open, recorded by the base), and
   * graduates of recent years who interned there in their final spring. */
  internships(bases: Employer[], showcaseId: string): void {
    const { rng, book } = this;
    for (const base of bases) {
      const city = base.region_code.slice(0, 4);
      const active =
        base.id === showcaseId
          ? 2
          : rng.weighted([
              [0, 30],
              [1, 35],
              [2, 25],
              [3, 10],
            ]);
      for (let i = 0; i < active; i++) {
        const t = this.pick(this.studentsByCity.get(city), this.students, (x) => !this.interned.has(x.id));
        if (!t) break;
        this.interned.add(t.id);
        book.add({ talent: t, employer: base, kind: 'internship', startMs: book.todayMs - rng.int(10, 120) * DAY, source: 'direct', createdBy: null });
      }
      const past = rng.int(0, 4);
      for (let i = 0; i < past; i++) {
        const t = this.pick(this.recentByCity.get(city), this.recent, (x) => !this.interned.has(x.id));
        if (!t) break;
        const startMs = Date.UTC(t.graduation_year!, 2, 1) + rng.int(0, 30) * DAY;
        if (startMs < base.created_at) continue;
        this.interned.add(t.id);
        const endMs = Math.min(Date.UTC(t.graduation_year!, 5, 28), startMs + rng.int(60, 110) * DAY);
        book.add({ talent: t, employer: base, kind: 'internship', startMs, endMs, endReason: rng.pick(INTERNSHIP_OVER), source: 'direct', createdBy: null });
      }
    }
  }

  /** A social worker at each covered station that has none yet (sometimes two); at some uncovered
   * ones, the worker who left. */
  stations(covered: Employer[], uncovered: Employer[]): void {
    const { rng } = this;
    for (const station of covered) {
      if (this.book.openCountAt(station.id) > 0) continue;
      const n = rng.chance(0.25) ? 2 : 1;
      for (let i = 0; i < n; i++)
        this.employ(
          station,
          rng.weighted([
            ['import', 50],
            ['direct', 50],
          ] as const),
        );
    }
    for (const station of uncovered) if (rng.chance(0.3)) this.pastJob(station);
  }

  /** 一校一社工: a school social worker at each of these schools that has none yet. */
  schools(schools: Employer[]): void {
    for (const school of schools) if (this.book.openCountAt(school.id) === 0) this.employ(school, 'direct');
  }

  /** People who say they are employed: a share have their job on the register (imported or recorded),
   * some with an earlier job; some who are looking now have a past job. */
  careers(talents: Talent[]): void {
    const { rng, book } = this;
    const year = new Date(this.now).getUTCFullYear();
    for (const t of talents) {
      if (this.reserved.has(t.id) || book.hasOpenEmployment(t.id) || graduationMs(t.graduation_year!) > book.todayMs - 60 * DAY) continue;
      const city = t.region_code!.slice(0, 4);
      if (t.availability === 'employed' && rng.chance(0.4)) {
        if (rng.chance(0.3)) this.pastJob(book.pickEmployer(city, ANY_JOB) ?? book.pickEmployer('15', ANY_JOB), t);
        const employer = book.pickEmployer(city, ANY_JOB) ?? book.pickEmployer('15', ANY_JOB);
        if (employer)
          this.employ(
            employer,
            rng.weighted([
              ['import', 45],
              ['direct', 55],
            ] as const),
            t,
          );
      } else if (t.availability === 'available' && t.graduation_year! <= year - 2 && rng.chance(0.12)) {
        this.pastJob(book.pickEmployer(city, ANY_JOB), t);
      }
    }
  }

  /** An open employment at the employer, for the given talent or a free worker of its city. */
  private employ(employer: Employer, source: 'import' | 'direct', talent?: Talent): void {
    const t = talent ?? this.freeWorker(employer);
    if (!t) return;
    const lo = this.earliestStart(t, employer);
    const hi = this.book.todayMs - 20 * DAY;
    if (lo > hi) return;
    this.book.add({ talent: t, employer, kind: 'employment', startMs: lo + this.rng.int(0, Math.floor((hi - lo) / DAY)) * DAY, source });
  }

  /** A job that has ended, at least a month ago. */
  private pastJob(employer: Employer | undefined, talent?: Talent): void {
    if (!employer) return;
    const t = talent ?? this.freeWorker(employer);
    if (!t) return;
    const { rng, book } = this;
    const lo = this.earliestStart(t, employer);
    const hi = book.todayMs - 150 * DAY;
    if (lo > hi) return;
    const startMs = lo + rng.int(0, Math.floor((hi - lo) / DAY)) * DAY;
    const endMs = Math.min(book.todayMs - 30 * DAY, startMs + rng.int(90, 900) * DAY);
    book.add({
      talent: t,
      employer,
      kind: 'employment',
      startMs,
      endMs,
      endReason: rng.pick(LEFT),
      source: rng.weighted([
        ['import', 50],
        ['direct', 50],
      ] as const),
    });
  }

  /** Not before graduation (plus a month), the end of their last placement, four years ago, or
   * (for a job recorded directly) a year before the employer joined the register. */
  private earliestStart(t: Talent, employer: Employer): number {
    let lo = Math.max(graduationMs(t.graduation_year!) + 30 * DAY, this.fourYearsAgo, employer.created_at - 365 * DAY);
    for (const p of this.book.byTalent.get(t.id) ?? []) lo = Math.max(lo, startOfDay(p.end_on ?? this.book.today) + DAY);
    return startOfDay(isoDate(lo));
  }

  private freeWorker(employer: Employer): Talent | undefined {
    const employed = (t: Talent) => this.book.byTalent.get(t.id)?.some((p) => p.kind === 'employment') ?? false;
    return this.pick(this.byCity.get(employer.region_code.slice(0, 4)), this.everyone, (t) => !employed(t));
  }

  /** A random talent from the local list that passes `ok`, else from everyone; a bounded number of tries. */
  private pick(local: Talent[] | undefined, all: Talent[], ok: (t: Talent) => boolean): Talent | undefined {
    for (const list of [local, all]) {
      if (!list || list.length === 0) continue;
      for (let i = 0; i < 30; i++) {
        const t = this.rng.pick(list);
        if (ok(t)) return t;
      }
    }
    return undefined;
  }
}

function push(map: Map<string, Talent[]>, key: string, t: Talent, all: Talent[]): void {
  const list = map.get(key);
  if (list) list.push(t);
  else map.set(key, [t]);
  all.push(t);
}
