// Positions: grassroots posts of verified employers, of the kind that matches the employer, located
// down to the township, with requirements, a salary band and a description as they are advertised.
import type { Employer, Position } from '../schema';
import { EDUCATION_LEVELS, QUALIFICATION_LEVELS, SERVICE_AREAS } from '../../src/lib/vocab';
import * as D from './data';
import { DAY, HOUR, isoDate, startOfDay, type Rng } from './random';
import type { RegionPool } from './region-pool';

export interface PositionPlan {
  row: Position;
  areas: string[];
}

export type PositionStatus = 'open' | 'closed' | 'draft';

const AREA_ORDER = Object.keys(SERVICE_AREAS);

// Posts per employer by type: agencies and stations recruit most.
const TYPE_WEIGHT: Record<string, number> = { agency: 3, station: 2, community: 1.5, hospital: 1.5, school: 1 };
// Leagues where Mongolian is spoken widely in daily life.
const MONGOLIAN_SHARE: Record<string, number> = { '1505': 0.35, '1522': 0.35, '1525': 0.4, '1507': 0.2, '1529': 0.2 };
const SALARY_BY_CITY: Record<string, number> = { '1506': 600, '1501': 400, '1502': 400, '1503': 200 };
const SALARY_BY_KIND: Record<string, number> = { medical_worker: 400, school_worker: 200, station_worker: -200 };

export class PositionPlanner {
  private readonly employerWeights: [Employer, number][];

  constructor(
    private readonly rng: Rng,
    private readonly regions: RegionPool,
    private readonly now: number,
    verifiedEmployers: Employer[],
  ) {
    this.employerWeights = verifiedEmployers.map((e) => [e, TYPE_WEIGHT[e.type] ?? 1]);
  }

  plan(o: { employer?: Employer; status?: PositionStatus; seats?: number } = {}): PositionPlan {
    const { rng } = this;
    const employer = o.employer ?? rng.weighted(this.employerWeights);
    const type = employer.type as D.EmployerType;
    const kind = D.KIND_OF_TYPE[type];
    const region = this.region(employer);
    const [title, titleAreas] = rng.pick(D.TITLES[kind]);
    const areas = [
      ...new Set([
        ...titleAreas,
        ...rng.weightedSet(
          D.KIND_AREAS[kind].map((a) => [a, 1] as const),
          rng.int(0, 2),
        ),
      ]),
    ].sort((a, b) => AREA_ORDER.indexOf(a) - AREA_ORDER.indexOf(b));
    const cityCode = region.slice(0, 4);
    const languages = rng.chance(MONGOLIAN_SHARE[cityCode] ?? 0.1) ? ['mongolian'] : [];
    const minEducation = rng.weighted(
      type === 'hospital' || type === 'school'
        ? [
            [null, 5],
            ['associate', 20],
            ['bachelor', 65],
            ['master', 10],
          ]
        : [
            [null, 8],
            ['secondary', 2],
            ['associate', 40],
            ['bachelor', 45],
            ['master', 5],
          ],
    );
    const minQualification = rng.weighted([
      ['none', 50],
      ['assistant', 40],
      ['intermediate', 10],
    ] as const);
    const drawn = rng.weighted([
      [1, 50],
      [2, 25],
      [3, 12],
      [4, 6],
      [5, 4],
      [8, 2],
      [10, 1],
    ]);
    const seats = o.seats ?? drawn;
    const reserved = rng.chance(0.2) ? rng.int(1, Math.min(seats, 2)) : 0;
    const employmentType = rng.weighted([
      ['FULL_TIME', 80],
      ['CONTRACTOR', 13],
      ['PART_TIME', 3],
      ['INTERN', 4],
    ]);
    const senior = /站长|主管|督导/.test(title);
    const [salaryMin, salaryMax] = this.salary(cityCode, kind, minEducation, minQualification, senior, employmentType);

    const status =
      o.status ??
      rng.weighted([
        ['open', 80],
        ['closed', 12],
        ['draft', 8],
      ] as const);
    const { opensOn, closesOn, publishedAt, createdAt, updatedAt } = this.dates(status);
    const full = this.regions.get(region).full_name;
    const description = this.description(kind, full, minEducation, minQualification, languages, salaryMin, salaryMax, reserved, type);
    return {
      areas,
      row: {
        id: rng.id(),
        employer_id: employer.id,
        employer_type: type,
        title,
        kind,
        region_code: region,
        seats,
        reserved_seats: reserved,
        min_education: minEducation,
        min_qualification: minQualification,
        service_areas: JSON.stringify(areas),
        languages: JSON.stringify(languages),
        salary_min: salaryMin,
        salary_max: salaryMax,
        employment_type: employmentType,
        description,
        opens_on: opensOn,
        closes_on: closesOn,
        status,
        published_at: publishedAt,
        held: 0,
        created_at: createdAt,
        updated_at: updatedAt,
      },
    };
  }

  /** Community and station posts sit where the employer is; schools, hospitals and agencies post
   * at their county or out in one of its townships (agencies run projects across a county). */
  private region(employer: Employer): string {
    const { rng, regions } = this;
    if (employer.type === 'community' || employer.type === 'station') return employer.region_code;
    const county = regions.countyOf(employer.region_code);
    const township = rng.chance(employer.type === 'agency' ? 0.7 : 0.3);
    return township ? regions.township(rng, county).code : county.code;
  }

  private salary(cityCode: string, kind: string, edu: string | null, qual: string, senior: boolean, employment: string): [number, number] {
    const { rng } = this;
    if (employment === 'INTERN') {
      const min = 3000 + rng.int(0, 3) * 100;
      return [min, min + 500];
    }
    let base = 3000 + (SALARY_BY_CITY[cityCode] ?? 0) + (SALARY_BY_KIND[kind] ?? 0);
    base += edu === 'master' ? 1000 : edu === 'bachelor' ? 300 : 0;
    base += qual === 'intermediate' ? 800 : qual === 'assistant' ? 300 : 0;
    base += senior ? 800 : 0;
    const min = Math.min(7000, Math.max(3000, Math.round((base + rng.next() * 800) / 100) * 100));
    const max = Math.min(8000, min + 500 + rng.int(0, 20) * 100);
    return [min, max];
  }

  private dates(status: PositionStatus) {
    const { rng, now } = this;
    const today = startOfDay(isoDate(now));
    let opens: number;
    let closes: number;
    if (status === 'open') {
      opens = today - rng.int(1, 60) * DAY;
      closes = today + rng.int(7, 90) * DAY;
    } else if (status === 'closed') {
      opens = today - rng.int(90, 400) * DAY;
      closes = opens + rng.int(20, 60) * DAY;
    } else {
      opens = today + rng.int(3, 30) * DAY;
      closes = opens + rng.int(20, 60) * DAY;
    }
    const publishedAt = status === 'draft' ? null : opens + rng.int(0, 10) * HOUR + rng.int(0, 3599) * 1000;
    const createdAt = (publishedAt ?? now) - rng.int(0, 5) * DAY - rng.int(0, 3599) * 1000;
    const updatedAt = status === 'closed' ? closes : (publishedAt ?? createdAt);
    return { opensOn: isoDate(opens), closesOn: isoDate(closes), publishedAt, createdAt, updatedAt };
  }

  private description(
    kind: D.PositionKind,
    where: string,
    edu: string | null,
    qual: string,
    languages: string[],
    salaryMin: number,
    salaryMax: number,
    reserved: number,
    type: string,
  ): string {
    const { rng } = this;
    const duties = rng.weightedSet(
      D.DUTIES[kind].map((d) => [d, 1] as const),
      3,
    );
    const needs: string[] = [];
    needs.push(edu ? `${EDUCATION_LEVELS[edu as keyof typeof EDUCATION_LEVELS][0]}及以上学历，社会工作、社会学、心理学等相关专业优先` : '学历不限，社会工作相关专业优先');
    needs.push(qual === 'none' ? '取得社会工作者职业资格证书者优先' : `持有${QUALIFICATION_LEVELS[qual as keyof typeof QUALIFICATION_LEVELS][0]}及以上职业资格证书`);
    if (languages.includes('mongolian')) needs.push('能熟练使用蒙古语和普通话开展工作');
    needs.push(rng.pick(D.GENERIC_REQUIREMENTS));
    const perks = type === 'station' && rng.chance(0.5) ? '，提供食宿' : '';
    const lines = [
      `岗位职责：${duties.map((d, i) => `${i + 1}. ${d}`).join('；')}。`,
      `任职要求：${needs.map((d, i) => `${i + 1}. ${d}`).join('；')}。`,
      `薪酬待遇：月薪${salaryMin}–${salaryMax}元，按规定缴纳五险一金，享受带薪年假${perks}。`,
      `工作地点：${where}。`,
    ];
    if (reserved > 0) lines.push(`本岗位为定向培养毕业生预留${reserved}个名额。`);
    return lines.join('\n');
  }
}
