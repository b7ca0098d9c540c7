// Talents: people on the register, as they would be in Inner Mongolia — mostly women, mostly Han
// with many Mongols, social work graduates of regional and national programmes, some qualified.
// Planned in memory (synchronously, from the seeded stream); ID numbers are sealed afterwards.
import type { Talent } from '../schema';
import { idNumberCheckChar } from '../../src/lib/checksums';
import { SERVICE_AREAS } from '../../src/lib/vocab';
import * as D from './data';
import { DAY, HOUR, isoDate, startOfDay, type Rng } from './random';
import type { RegionPool, RegionRow } from './region-pool';

export interface TalentPlan {
  row: Talent;
  /** The plain ID number: sealed into row.id_number_enc / id_number_hmac before writing. */
  idNumber: string;
}

type Level = keyof typeof D.PROGRAMMES;

const EDUCATION_WEIGHTS: [Level, number][] = [
  ['secondary', 4],
  ['associate', 26],
  ['bachelor', 55],
  ['master', 14],
  ['doctorate', 1],
];
const LEVELS_DOWN: Level[] = ['doctorate', 'master', 'bachelor', 'associate', 'secondary'];

const AREA_WEIGHTS: [string, number][] = [
  ['community', 14],
  ['elderly', 16],
  ['children', 14],
  ['youth', 10],
  ['assistance', 10],
  ['school', 7],
  ['medical', 6],
  ['mental_health', 8],
  ['disability', 6],
  ['family', 7],
  ['volunteer', 6],
  ['corrections', 3],
  ['drug_rehab', 2],
  ['veterans', 2],
];
const AREA_ORDER = Object.keys(SERVICE_AREAS);
const LANGUAGE_ORDER = ['mandarin', 'mongolian', 'korean', 'english', 'sign'];

export interface TalentOverrides {
  cityCode?: string;
  age?: number;
  level?: Level;
  qualification?: 'assistant';
  availability?: string;
  /** Forces the graduation year (the showcase graduate finished last summer). */
  graduationYear?: number;
}

export class TalentPlanner {
  private readonly usedIdNumbers = new Set<string>();
  private readonly programmes = new Map<Level, [D.Programme, number][]>();
  readonly nowYear: number;

  constructor(
    private readonly rng: Rng,
    private readonly regions: RegionPool,
    private readonly now: number,
  ) {
    this.nowYear = new Date(now).getUTCFullYear();
    for (const [level, list] of Object.entries(D.PROGRAMMES))
      this.programmes.set(
        level as Level,
        list.map((p) => [p, p.weight]),
      );
  }

  plan(seq: number, o: TalentOverrides = {}): TalentPlan {
    const { rng, regions, now } = this;
    const gender = rng.chance(0.7) ? 'female' : 'male';
    const ethnicity = rng.weighted(D.ETHNICITY_WEIGHTS);
    const name = this.personName(gender, ethnicity);

    const city = regions.city(rng, o.cityCode);
    const county = regions.county(rng, city);
    const region = rng.chance(0.6) ? county : regions.township(rng, county);

    const age =
      o.age ??
      rng.weighted([
        [rng.int(21, 30), 60],
        [rng.int(31, 40), 30],
        [rng.int(41, 55), 10],
      ] as const);
    const birthMs = now - age * 365.25 * DAY - rng.int(0, 364) * DAY;
    const birthDate = isoDate(birthMs);
    const idNumber = this.idNumber(county.code, birthDate, gender);
    const birthYear = Number(birthDate.slice(0, 4));

    const edu = this.education(birthYear, city, o.level, o.graduationYear);
    const qual = this.qualification(seq, county, birthYear, edu.graduationYear, o.qualification);
    const created = now - rng.int(0, 730) * DAY - rng.int(0, 86_399) * 1000;
    const updated = created + Math.floor(rng.next() * (now - created));

    const recent = edu.graduationYear >= this.nowYear;
    const availability =
      o.availability ??
      rng.weighted(
        recent
          ? [
              ['available', 60],
              ['later', 35],
              ['unavailable', 5],
            ]
          : [
              ['available', 35],
              ['later', 15],
              ['employed', 42],
              ['unavailable', 8],
            ],
      );

    return {
      idNumber,
      row: {
        id: rng.id(),
        user_id: null,
        name,
        gender,
        birth_date: birthDate,
        ethnicity,
        id_number_enc: null,
        id_number_hmac: null,
        id_number_masked: null,
        phone: rng.mobile(),
        region_code: region.code,
        education_level: edu.level,
        school: edu.school,
        major: edu.major,
        graduation_year: edu.graduationYear,
        qualification_level: qual.level,
        certificate_number: qual.certificate,
        qualification_year: qual.year,
        registration_valid_until: qual.validUntil,
        service_areas: JSON.stringify(this.serviceAreas()),
        languages: JSON.stringify(this.languages(ethnicity, edu.level)),
        preferred_regions: JSON.stringify(this.preferredRegions(city, county)),
        availability,
        visibility: rng.chance(0.85) ? 'employers' : 'department',
        created_at: created,
        updated_at: updated,
      },
    };
  }

  private personName(gender: 'male' | 'female', ethnicity: string): string {
    const { rng } = this;
    if (ethnicity === '02' && rng.chance(0.6)) {
      const given = rng.pick(D.MONGOL_NAMES[gender]);
      return rng.chance(0.5) ? given : rng.pick(D.MONGOL_SURNAMES) + given;
    }
    return rng.faker.person.lastName() + rng.faker.person.firstName(gender);
  }

  /** County code, birth date, a sequence whose last digit is odd for men, and the check character. */
  private idNumber(countyCode: string, birthDate: string, gender: 'male' | 'female'): string {
    for (;;) {
      const seq = this.rng.digits(2) + String(this.rng.int(0, 4) * 2 + (gender === 'male' ? 1 : 0));
      const first17 = countyCode + birthDate.replaceAll('-', '') + seq;
      const id = first17 + idNumberCheckChar(first17);
      if (!this.usedIdNumbers.has(id)) {
        this.usedIdNumbers.add(id);
        return id;
      }
    }
  }

  private education(birthYear: number, city: RegionRow, forced?: Level, forcedYear?: number) {
    const { rng } = this;
    let level = forced ?? rng.weighted(EDUCATION_WEIGHTS);
    // Nobody is still years away from their degree: step down until graduation is at most next year.
    while (birthYear + D.GRADUATION_AGE[level] > this.nowYear + 1) level = LEVELS_DOWN[LEVELS_DOWN.indexOf(level) + 1];
    const graduationYear = forcedYear ?? birthYear + D.GRADUATION_AGE[level] + (rng.chance(0.3) ? 1 : 0);
    if (level === 'secondary') {
      return { level, school: `${city.name}${rng.pick(['第一', '第二', ''])}职业中等专业学校`, major: rng.pick(D.SECONDARY_MAJORS), graduationYear };
    }
    const p = rng.weighted(this.programmes.get(level)!);
    return { level, school: p.school, major: p.major, graduationYear };
  }

  private qualification(seq: number, county: RegionRow, birthYear: number, graduationYear: number, forced?: 'assistant') {
    const { rng, nowYear } = this;
    const since = nowYear - graduationYear;
    const age = nowYear - birthYear;
    let level =
      forced ??
      rng.weighted([
        ['none', 45],
        ['assistant', 37],
        ['intermediate', 15],
        ['senior', 3],
      ] as const);
    if (level === 'senior' && (age < 35 || since < 10)) level = 'intermediate';
    if (level === 'intermediate' && since < 3) level = 'assistant';
    if (level === 'assistant' && since < 0) level = 'none';
    if (level === 'none') return { level, certificate: null, year: null, validUntil: null };
    const earliest = graduationYear + (level === 'senior' ? 10 : level === 'intermediate' ? 3 : 0);
    const year = rng.int(Math.min(earliest, nowYear), nowYear);
    const levelDigit = { assistant: '1', intermediate: '2', senior: '3' }[level];
    const validUntil = this.registrationValidUntil(year);
    const certificate = `${year}15${levelDigit}${county.code.slice(2, 6)}${String(seq % 100_000).padStart(5, '0')}`;
    return { level, certificate, year, validUntil };
  }

  /** Registration lasts three years and is renewed: terms end in the qualification year + 3, + 6, …
   * About one in ten has let it lapse; about one in forty of those qualified two or more years ago
   * lapses within the next 90 days (the statistics' warning list); the rest run on in their
   * current term, which ends within the next three years. */
  private registrationValidUntil(year: number): string {
    const { rng, nowYear } = this;
    const today = startOfDay(isoDate(this.now + 8 * HOUR)); // the China date, as the app counts
    const r = rng.next();
    if (r < 0.1 && nowYear - year >= 3) return isoDate(today - rng.int(1, Math.min(900, (nowYear - year - 2) * 365)) * DAY);
    if (r < 0.125 && nowYear - year >= 2) return isoDate(today + rng.int(2, 88) * DAY);
    let termEnd = year + 3;
    while (Date.UTC(termEnd, 11, 31) < today + 92 * DAY) termEnd += 3;
    const from = Math.max(Date.UTC(termEnd, 0, 1), today + 92 * DAY);
    return isoDate(from + rng.int(0, Math.floor((Date.UTC(termEnd, 11, 31) - from) / DAY)) * DAY);
  }

  private serviceAreas(): string[] {
    const picked = this.rng.weightedSet(
      AREA_WEIGHTS,
      this.rng.weighted([
        [1, 20],
        [2, 40],
        [3, 30],
        [4, 10],
      ]),
    );
    return picked.sort((a, b) => AREA_ORDER.indexOf(a) - AREA_ORDER.indexOf(b));
  }

  private languages(ethnicity: string, level: Level): string[] {
    const { rng } = this;
    const out = ['mandarin'];
    if (rng.chance(ethnicity === '02' ? 0.8 : ethnicity === '31' || ethnicity === '45' ? 0.3 : 0.04)) out.push('mongolian');
    if (ethnicity === '10' && rng.chance(0.6)) out.push('korean');
    if (rng.chance(level === 'secondary' || level === 'associate' ? 0.08 : 0.3)) out.push('english');
    if (rng.chance(0.02)) out.push('sign');
    return out.sort((a, b) => LANGUAGE_ORDER.indexOf(a) - LANGUAGE_ORDER.indexOf(b));
  }

  private preferredRegions(city: RegionRow, county: RegionRow): string[] {
    const { rng, regions } = this;
    const out = new Set<string>();
    if (rng.chance(0.7)) out.add(city.code);
    if (rng.chance(0.4)) out.add(county.code);
    if (rng.chance(0.25)) out.add(regions.city(rng).code);
    if (out.size === 0) out.add(city.code);
    return [...out];
  }
}
