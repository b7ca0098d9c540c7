// Directed-training agreements (定向培养协议) with their history. A department (the region's, or a
// league/city's for its own people) signs a student before enrolment at an Inner Mongolian
// institution; after graduation the graduate waits for a post inside the target region, serves the
// owed years there, and the agreement is fulfilled — or breached, or waived by the department.
//
// Each agreement's status is where its own timeline has reached by `now`, and its history rows are
// that timeline: only the app's legal moves (src/agreements/agreements.states.ts), in order, the first
// from nothing to in_training or awaiting_placement. Served time follows the app's rule
// (placements.repository.ts): inclusive days of its placements up to today, owed = years × 365.
// A serving agreement has served less than it owes; a fulfilled one at least as much.
import type { Agreement, AgreementStatus, Talent } from '../schema';
import type { Departments, UserRow } from './departments';
import { GRASSROOTS, type PlacementBook, type PlacementRow } from './placements';
import { DAY, HOUR, type Rng } from './random';
import type { RegionPool } from './region-pool';

export interface AgreementEventRow {
  id: string;
  agreement_id: string;
  from_status: string | null;
  to_status: string;
  actor_user_id: string | null;
  note: string | null;
  created_at: number;
}

export interface AgreementPlan {
  row: Agreement;
  events: AgreementEventRow[];
  talent: Talent;
  placements: PlacementRow[];
}

/** Institutions in the region that train social workers under directed agreements. */
export const DIRECTED_INSTITUTIONS = new Set([
  '内蒙古大学',
  '内蒙古师范大学',
  '内蒙古农业大学',
  '呼和浩特民族学院',
  '内蒙古民族大学',
  '内蒙古医科大学',
  '内蒙古财经大学',
  '呼和浩特职业学院',
  '包头职业技术学院',
  '通辽职业学院',
  '赤峰职业技术学院',
  '鄂尔多斯职业学院',
  '呼伦贝尔职业技术学院',
  '锡林郭勒职业学院',
]);

/** Graduation: the degree is conferred at the end of June. */
export const graduationMs = (year: number) => Date.UTC(year, 6, 1);
const DAYS_PER_SERVICE_YEAR = 365;

const NOTES = {
  graduated: ['已取得毕业证书，进入待分配', '毕业资格审核通过，转入待分配', '已毕业，待安排定向岗位'],
  breachInTraining: ['在校期间退学，协议终止，按约定退还培养费用', '本人申请解除协议，已退还培养费用'],
  waiveInTraining: ['因病休学，经审核同意解除协议'],
  breachAwaiting: ['未按规定时间到定向地区报到，视为违约', '拒不服从岗位分配，按协议退还培养费用'],
  waiveAwaiting: ['考取硕士研究生，经审批豁免服务义务', '应征入伍，经审批豁免服务义务', '考取定向地区公务员，经审批视同履约'],
  breachServing: ['未满服务期擅自离岗，按协议追缴培养费用并记入诚信档案', '服务期内辞职离开定向地区，按协议追缴培养费用'],
  waiveServing: ['因重大疾病无法继续履约，经审批豁免剩余服务期', '随军家属随迁，经审批豁免剩余服务期'],
  fulfilledByHand: ['服务期满，年度考核合格', '服务期满，经考核合格，本人继续留任'],
  leftEarly: ['个人原因提前离职', '未经批准离岗', '考取外地事业编制离职'],
  ill: ['因病离职'],
  transfer: ['工作调动', '经同意调整服务单位'],
};

export interface AgreementOverrides {
  /** Stop here even if the timeline would go on (the showcase graduate awaits a post). */
  status?: 'awaiting_placement';
  sponsor?: UserRow;
  targetRegionCode?: string;
}

export class AgreementPlanner {
  /** The platform went live four years ago: older agreements were recorded then. */
  private readonly platformStart: number;

  constructor(
    private readonly rng: Rng,
    private readonly regions: RegionPool,
    private readonly now: number,
    private readonly departments: Departments,
    private readonly book: PlacementBook,
  ) {
    this.platformStart = now - 4 * 365 * DAY + 40 * DAY;
  }

  plan(talent: Talent, o: AgreementOverrides = {}): AgreementPlan {
    const { rng, now, book } = this;
    const G = talent.graduation_year!;
    const years = talent.education_level === 'associate' ? 3 : talent.education_level === 'master' ? rng.pick([2, 3]) : 4;
    const enrolment = G - years;
    // Signed in the summer before enrolment, and not after today (a student enrolling this autumn).
    const signedMs = Math.min(Date.UTC(enrolment, 5, 20) + rng.int(0, 70) * DAY, startOfUtcDay(now) - 3 * DAY);
    const sponsor = o.sponsor ?? (rng.chance(0.7) ? this.departments.of(talent.region_code!) : this.departments.province);
    const target = o.targetRegionCode ?? this.target(talent, sponsor);
    const serviceYears = rng.weighted([
      [3, 45],
      [4, 20],
      [5, 35],
    ] as const);
    // Some name the employer too: a township station or school in the target region.
    const targetEmployer = !o.status && rng.chance(0.08) ? book.pickEmployer(target, GRASSROOTS, ['station', 'school', 'community']) : undefined;
    const createdAt = Math.min(now - 2 * DAY, Math.max(signedMs + rng.int(3, 40) * DAY, this.platformStart + rng.int(0, 120) * DAY) + rng.int(1, 8) * HOUR);

    const id = rng.id();
    const events: AgreementEventRow[] = [];
    const move = (to: AgreementStatus, at: number, note: string | null, actor: string | null = sponsor.id) => {
      const last = events.at(-1);
      const when = Math.min(now - 60_000, Math.max(at, last ? last.created_at + 60_000 : at));
      events.push({ id: rng.id(), agreement_id: id, from_status: last?.to_status ?? null, to_status: to, actor_user_id: actor, note, created_at: when });
    };
    const status = () => events.at(-1)!.to_status as AgreementStatus;

    const gradMs = graduationMs(G);
    const todayMs = book.todayMs;
    move(createdAt < gradMs ? 'in_training' : 'awaiting_placement', createdAt, null);
    const placements: PlacementRow[] = [];
    const graduated = gradMs <= todayMs - 2 * DAY;

    if (!graduated) {
      const r = rng.next();
      const at = createdAt + Math.floor(rng.next() * (now - createdAt));
      if (!o.status && r < 0.02) move('breached', at, rng.pick(NOTES.breachInTraining));
      else if (!o.status && r < 0.04) move('waived', at, rng.pick(NOTES.waiveInTraining));
    } else {
      if (status() === 'in_training') move('awaiting_placement', gradMs + rng.int(0, 20) * DAY + rng.int(1, 8) * HOUR, rng.pick(NOTES.graduated));
      const awaitingSince = events.at(-1)!.created_at;
      const r = rng.next();
      const decided = awaitingSince + rng.int(30, 200) * DAY;
      if (o.status) {
        // stays awaiting placement
      } else if (r < 0.04 && decided < now) {
        move('breached', decided, rng.pick(NOTES.breachAwaiting));
      } else if (r < 0.07 && decided < now) {
        move('waived', decided, rng.pick(NOTES.waiveAwaiting));
      } else if (awaitingSince > now - 540 * DAY && rng.chance(0.55)) {
        // Graduated within the last year and a half and still waiting: the next round is for them.
      } else {
        const startMs = gradMs + rng.int(20, 150) * DAY + (rng.chance(0.08) ? rng.int(150, 500) * DAY : 0);
        const employer = targetEmployer ?? book.pickEmployer(target, GRASSROOTS);
        if (employer && startMs <= todayMs - 3 * DAY && !book.hasOpenEmployment(talent.id)) {
          this.serve(talent, id, serviceYears, startMs, employer.id, target, targetEmployer?.id ?? null, createdAt, move, placements);
        }
      }
    }

    const last = events.at(-1)!;
    const final = last.to_status === 'fulfilled' || last.to_status === 'breached' || last.to_status === 'waived';
    return {
      talent,
      events,
      placements,
      row: {
        id,
        talent_id: talent.id,
        sponsor_user_id: sponsor.id,
        sponsor_region_code: sponsor.region_code!,
        target_region_code: target,
        target_employer_id: targetEmployer?.id ?? null,
        institution: talent.school!,
        enrolment_year: enrolment,
        graduation_year: G,
        service_years: serviceYears,
        signed_on: new Date(signedMs).toISOString().slice(0, 10),
        status: last.to_status as AgreementStatus,
        status_note: final ? last.note : null,
        created_at: createdAt,
        updated_at: last.created_at,
      },
    };
  }

  /** The service: a placement from startMs (sometimes a transfer to a second one), then fulfilled
   * once the owed days are served, or cut short by a breach or a waiver. */
  private serve(
    talent: Talent,
    agreementId: string,
    serviceYears: number,
    startMs: number,
    employerId: string,
    target: string,
    targetEmployerId: string | null,
    recordedAt: number,
    move: (to: AgreementStatus, at: number, note: string | null, actor?: string | null) => void,
    placements: PlacementRow[],
  ): void {
    const { rng, now, book } = this;
    const todayMs = book.todayMs;
    const owedDays = serviceYears * DAYS_PER_SERVICE_YEAR;
    const owedEndMs = startMs + (owedDays - 1) * DAY; // served in full at the end of this day
    // Recorded by a department (the app links a placement to an agreement only when a department
    // records it directly, on a hire or from a round; rosters are imported without agreements).
    const employer = book.employer(employerId);
    const first = book.add({ talent, employer, kind: 'employment', startMs, source: 'direct', agreementId, notBefore: recordedAt + HOUR });
    placements.push(first);
    move('serving', first.created_at, `placement ${first.id}`, first.created_by);

    const r = rng.next();
    if (r < 0.08) {
      // Left before the owed time: breached, or (less often) waived.
      const endMs = startMs + rng.int(60, owedDays - 60) * DAY;
      if (endMs <= todayMs - 10 * DAY) {
        const waived = rng.chance(0.25);
        book.end(first, endMs, rng.pick(waived ? NOTES.ill : NOTES.leftEarly));
        move(waived ? 'waived' : 'breached', endMs + rng.int(5, 60) * DAY, rng.pick(waived ? NOTES.waiveServing : NOTES.breachServing));
        return;
      }
    }
    let current = first;
    if (!targetEmployerId && rng.chance(0.1)) {
      // Transferred once within the target region; both placements count towards the service.
      const moveMs = startMs + rng.int(200, 700) * DAY;
      const next = book.pickEmployer(target, GRASSROOTS);
      if (next && next.id !== employerId && moveMs < todayMs - 30 * DAY) {
        book.end(first, moveMs - DAY, rng.pick(NOTES.transfer));
        current = book.add({ talent, employer: next, kind: 'employment', startMs: moveMs, source: 'direct', agreementId, notBefore: first.created_at });
        placements.push(current);
      }
    }
    if (owedEndMs <= todayMs) {
      if (rng.chance(0.5)) {
        // Left when the time was served: ending the placement fulfils the agreement (as the app does).
        const endMs = Math.min(todayMs - DAY, owedEndMs + rng.int(0, 120) * DAY);
        if (endMs >= owedEndMs) {
          book.end(current, endMs, '服务期满');
          move('fulfilled', Math.max(current.updated_at, endMs + 9 * HOUR), 'service time served in full', current.created_by);
          return;
        }
      }
      // Stays on; the department recorded the fulfilment once the time was served.
      move('fulfilled', Math.min(now - HOUR, owedEndMs + rng.int(1, 40) * DAY + rng.int(1, 8) * HOUR), rng.pick(NOTES.fulfilledByHand));
    }
  }

  /** Inside the sponsor's region: mostly the graduate's home county or city; the province also
   * sends graduates to the remote leagues, or anywhere in the region. */
  private target(talent: Talent, sponsor: UserRow): string {
    const { rng, regions } = this;
    const home = talent.region_code!;
    const county = home.slice(0, 6);
    const city = home.slice(0, 4);
    if (sponsor.region_code !== regions.province.code) return rng.chance(0.55) ? county : city;
    return rng.weighted([
      [city, 45],
      [county, 20],
      [rng.pick(['1529', '1525', '1507', '1522']), 25],
      [regions.province.code, 10],
    ]);
  }
}

const startOfUtcDay = (ms: number) => ms - (ms % DAY);
