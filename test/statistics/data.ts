// Varied registry data for the statistics tests (small) and the benchmark (a million talents):
// seeded, streamed row by row, with the edge cases the definitions turn on (age and lapse-window
// boundaries, 29 February, talents without a region or birth date, rejected employers, stations at
// county level, future and ended placements, closed and over-filled posts, agreements in every status).
import type { AgreementStatus } from '../../db/schema';
import type { Database } from '../../src/lib/database';
import { AVAILABILITY, EDUCATION_LEVELS, EMPLOYER_TYPES, ETHNICITIES, LANGUAGES, POSITION_KINDS, QUALIFICATION_LEVELS, SERVICE_AREAS } from '../../src/lib/vocab';

export type Rng = () => number;

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const chance = (r: Rng, p: number) => r() < p;
const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const yearsBack = (today: string, n: number) => `${Number(today.slice(0, 4)) - n}${today.slice(4)}`;

/** Where rows go: townships of the region under test, coarser codes, and codes outside it. */
export interface RegionPool {
  townships: string[];
  /** County, city and province codes inside (talents and employers registered there directly). */
  coarse: string[];
  /** Codes in another province. */
  outside: string[];
}

function regionOf(r: Rng, pool: RegionPool): string {
  const x = r();
  if (x < 0.78) return pick(r, pool.townships);
  if (x < 0.9) return pick(r, pool.coarse);
  return pick(r, pool.outside);
}

export interface TalentRow {
  id: string;
  name: string;
  gender: 'male' | 'female' | null;
  birth_date: string | null;
  ethnicity: string | null;
  id_number_masked: string | null;
  region_code: string | null;
  education_level: string | null;
  qualification_level: string;
  certificate_number: string | null;
  registration_valid_until: string | null;
  service_areas: string;
  languages: string;
  availability: string;
  created_at: number;
  updated_at: number;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '乌', '巴', '其'];
const GIVEN = ['敏', '静', '伟', '芳', '娜', '强', '磊', '洋', '艳', '勇', '图雅', '巴特尔', '其其格'];
const AREAS = Object.keys(SERVICE_AREAS);
const LANGS = Object.keys(LANGUAGES);
const ETHNIC = Object.keys(ETHNICITIES);
const QUALS = Object.keys(QUALIFICATION_LEVELS);
const EDUS = Object.keys(EDUCATION_LEVELS);
const AVAIL = Object.keys(AVAILABILITY);

function someOf(r: Rng, xs: string[], max: number): string[] {
  const out = new Set<string>();
  const k = int(r, 0, max);
  while (out.size < k) out.add(pick(r, xs));
  return [...out];
}

/** Birth dates on and around the age-band cuts, and a 29 February. */
function edgeBirthDate(r: Rng, today: string): string {
  const k = pick(r, [25, 30, 35, 40, 45, 50, 55]);
  const cut = yearsBack(today, k);
  return pick(r, [cut, addDays(cut, 1), addDays(cut, -1), '2000-02-29', '1996-02-29']);
}

export function* talentRows(r: Rng, n: number, pool: RegionPool, today: string, idPrefix = 't'): Generator<TalentRow> {
  for (let i = 0; i < n; i++) {
    const qual = chance(r, 0.45) ? 'none' : pick(r, QUALS);
    const y = int(r, 1958, 2007);
    const birth = chance(r, 0.04)
      ? null
      : chance(r, 0.005)
        ? ''
        : chance(r, 0.06)
          ? edgeBirthDate(r, today)
          : `${y}-${String(int(r, 1, 12)).padStart(2, '0')}-${String(int(r, 1, 28)).padStart(2, '0')}`;
    const lapse = qual === 'none' ? null : chance(r, 0.1) ? addDays(today, pick(r, [-1, 0, 1, 89, 90, 91])) : addDays(today, int(r, -400, 1100));
    const id = `${idPrefix}${i.toString(36).padStart(7, '0')}`;
    yield {
      id,
      name: pick(r, SURNAMES) + pick(r, GIVEN),
      gender: chance(r, 0.03) ? null : chance(r, 0.62) ? 'female' : 'male',
      birth_date: birth,
      ethnicity: chance(r, 0.05) ? null : chance(r, 0.01) ? pick(r, ['00', '1a', '99']) : chance(r, 0.55) ? '01' : chance(r, 0.6) ? '02' : pick(r, ETHNIC),
      id_number_masked: chance(r, 0.8) ? `1501**********${String(int(r, 0, 9999)).padStart(4, '0')}` : null,
      region_code: chance(r, 0.02) ? null : regionOf(r, pool),
      // Now and then a value outside the vocabulary (below, between and above the known codes).
      education_level: chance(r, 0.05) ? null : chance(r, 0.01) ? pick(r, ['', 'college', 'zz']) : pick(r, EDUS),
      qualification_level: qual,
      certificate_number: qual === 'none' ? null : `ZS${String(int(r, 0, 99_999_999)).padStart(8, '0')}`,
      registration_valid_until: lapse,
      service_areas: JSON.stringify(someOf(r, AREAS, 3)),
      languages: JSON.stringify(chance(r, 0.9) ? ['mandarin', ...someOf(r, LANGS, 1).filter((l) => l !== 'mandarin')] : someOf(r, LANGS, 2)),
      availability: chance(r, 0.01) ? pick(r, ['', 'busy', 'zz']) : pick(r, AVAIL),
      created_at: 0,
      updated_at: 0,
    };
  }
}

export interface EmployerRow {
  id: string;
  name: string;
  credit_code: string;
  type: string;
  region_code: string;
  contact_name: string;
  contact_phone: string;
  status: 'pending' | 'verified' | 'rejected';
  created_at: number;
  updated_at: number;
}

export function* employerRows(r: Rng, n: number, pool: RegionPool, idPrefix = 'e'): Generator<EmployerRow> {
  const types = Object.keys(EMPLOYER_TYPES);
  for (let i = 0; i < n; i++) {
    const type = chance(r, 0.35) ? 'station' : chance(r, 0.4) ? 'school' : pick(r, types);
    const id = `${idPrefix}${i.toString(36).padStart(7, '0')}`;
    yield {
      id,
      name: `${type}单位${i}`,
      credit_code: id.padEnd(18, 'X'),
      type,
      // Most stations sit at a township; some are registered at a county or city code.
      region_code: type === 'station' && chance(r, 0.85) ? pick(r, pool.townships) : regionOf(r, pool),
      contact_name: '联系人',
      contact_phone: '0471-6900000',
      status: chance(r, 0.1) ? 'rejected' : chance(r, 0.2) ? 'pending' : 'verified',
      created_at: 0,
      updated_at: 0,
    };
  }
}

export interface PositionRow {
  id: string;
  employer_id: string;
  employer_type: string;
  title: string;
  kind: string;
  region_code: string;
  seats: number;
  service_areas: string;
  description: string;
  opens_on: string;
  closes_on: string;
  status: 'draft' | 'open' | 'closed';
  created_at: number;
  updated_at: number;
}

export function* positionRows(r: Rng, n: number, employers: EmployerRow[], today: string, idPrefix = 'p'): Generator<PositionRow> {
  for (let i = 0; i < n; i++) {
    const e = pick(r, employers);
    yield {
      id: `${idPrefix}${i.toString(36).padStart(7, '0')}`,
      employer_id: e.id,
      employer_type: e.type,
      title: `岗位${i}`,
      kind: pick(r, Object.keys(POSITION_KINDS)),
      region_code: e.region_code,
      seats: int(r, 1, 5),
      service_areas: JSON.stringify(someOf(r, AREAS, 3)),
      description: '—',
      opens_on: addDays(today, -int(r, 0, 200)),
      closes_on: chance(r, 0.1) ? pick(r, [today, addDays(today, -1)]) : addDays(today, int(r, -100, 200)),
      status: chance(r, 0.7) ? 'open' : chance(r, 0.5) ? 'closed' : 'draft',
      created_at: 0,
      updated_at: 0,
    };
  }
}

export interface PlacementRow {
  id: string;
  talent_id: string;
  employer_id: string;
  position_id: string | null;
  kind: 'employment' | 'internship';
  start_on: string;
  end_on: string | null;
  source: 'direct';
  agreement_id: string | null;
  created_at: number;
  updated_at: number;
}

function placementDates(r: Rng, today: string): { start_on: string; end_on: string | null } {
  const start_on = chance(r, 0.05) ? addDays(today, int(r, 1, 60)) : addDays(today, -int(r, 0, 1500));
  const x = r();
  const end_on = x < 0.5 ? null : x < 0.6 ? pick(r, [today, addDays(today, -1), start_on]) : addDays(start_on, int(r, 0, 900));
  return { start_on, end_on: end_on !== null && end_on < start_on ? start_on : end_on };
}

export function* placementRows(
  r: Rng,
  n: number,
  talentIds: (i: number) => string,
  talentCount: number,
  employers: EmployerRow[],
  positionsOf: (employerId: string) => string[],
  today: string,
  idPrefix = 'pl',
): Generator<PlacementRow> {
  for (let i = 0; i < n; i++) {
    const e = pick(r, employers);
    const posts = positionsOf(e.id);
    yield {
      id: `${idPrefix}${i.toString(36).padStart(7, '0')}`,
      talent_id: talentIds(int(r, 0, talentCount - 1)),
      employer_id: e.id,
      position_id: posts.length && chance(r, 0.7) ? pick(r, posts) : null,
      kind: chance(r, 0.75) ? 'employment' : 'internship',
      ...placementDates(r, today),
      source: 'direct',
      agreement_id: null,
      created_at: 0,
      updated_at: 0,
    };
  }
}

export interface AgreementRow {
  id: string;
  talent_id: string;
  sponsor_user_id: string;
  sponsor_region_code: string;
  target_region_code: string;
  institution: string;
  enrolment_year: number;
  graduation_year: number;
  service_years: number;
  signed_on: string;
  status: AgreementStatus;
  created_at: number;
  updated_at: number;
}

export interface AgreementEventRow {
  id: string;
  agreement_id: string;
  from_status: string | null;
  to_status: string;
  created_at: number;
}

/** Agreements with their history and the placements that serve them (employers in the target region when there are any). */
export function agreementRows(
  r: Rng,
  n: number,
  talentIds: (i: number) => string,
  talentCount: number,
  employers: EmployerRow[],
  pool: RegionPool,
  sponsorUserId: string,
  today: string,
  idPrefix = 'a',
): { agreements: AgreementRow[]; events: AgreementEventRow[]; placements: PlacementRow[] } {
  const agreements: AgreementRow[] = [];
  const events: AgreementEventRow[] = [];
  const placements: PlacementRow[] = [];
  const hostsOf = new Map<string, EmployerRow[]>();
  const statuses: AgreementStatus[] = ['in_training', 'awaiting_placement', 'serving', 'serving', 'serving', 'fulfilled', 'fulfilled', 'breached', 'waived'];
  for (let i = 0; i < n; i++) {
    const id = `${idPrefix}${i.toString(36).padStart(7, '0')}`;
    const status = pick(r, statuses);
    const target = chance(r, 0.8) ? pick(r, [...pool.townships, ...pool.coarse]) : pick(r, pool.outside);
    const years = int(r, 1, 5);
    agreements.push({
      id,
      talent_id: talentIds(int(r, 0, talentCount - 1)),
      sponsor_user_id: sponsorUserId,
      sponsor_region_code: target.slice(0, 2),
      target_region_code: target,
      institution: '内蒙古大学',
      enrolment_year: 2016,
      graduation_year: 2020,
      service_years: years,
      signed_on: '2016-09-01',
      status,
      created_at: 0,
      updated_at: 0,
    });
    let seq = 0;
    const event = (from: string | null, to: string, day: string) =>
      events.push({ id: `${id}ev${seq++}`, agreement_id: id, from_status: from, to_status: to, created_at: Date.parse(`${day}T02:00:00Z`) });
    event(null, 'in_training', '2016-09-01');
    if (status === 'in_training') continue;
    if (status === 'waived' && chance(r, 0.5)) {
      event('in_training', 'waived', '2019-01-01');
      continue;
    }
    event('in_training', 'awaiting_placement', '2020-07-01');
    const served = status === 'serving' || status === 'fulfilled' || (status === 'breached' && chance(r, 0.7)) || (status === 'waived' && chance(r, 0.5));
    if (!served) {
      if (status !== 'awaiting_placement') event('awaiting_placement', status, '2021-01-01');
      continue;
    }
    const started = addDays(today, -int(r, 10, 5 * 365));
    event('awaiting_placement', 'serving', addDays(started, int(r, 0, 20)));
    // Some serving agreements have no placement recorded (moved by hand).
    const k = chance(r, 0.1) ? 0 : int(r, 1, 2);
    let from = started;
    let hosts = hostsOf.get(target);
    if (!hosts) hostsOf.set(target, (hosts = employers.filter((e) => e.region_code.startsWith(target))));
    for (let j = 0; j < k; j++) {
      const x = r();
      const end_on = j < k - 1 || x < 0.35 ? addDays(from, int(r, 30, 800)) : x < 0.45 ? pick(r, [today, addDays(today, -1)]) : null;
      const host = hosts.length ? pick(r, hosts) : pick(r, employers);
      placements.push({
        id: `${id}pl${j}`,
        talent_id: agreements[i].talent_id,
        employer_id: host.id,
        position_id: null,
        kind: 'employment',
        start_on: from,
        end_on: end_on && end_on < from ? from : end_on,
        source: 'direct',
        agreement_id: id,
        created_at: 0,
        updated_at: 0,
      });
      if (!end_on) break;
      from = addDays(end_on, int(r, 1, 90));
    }
    if (status !== 'serving') event('serving', status, today);
  }
  return { agreements, events, placements };
}

export interface Dataset {
  talents: TalentRow[];
  employers: EmployerRow[];
  positions: PositionRow[];
  placements: PlacementRow[];
  agreements: AgreementRow[];
  events: AgreementEventRow[];
}

export function generateDataset(
  seed: number,
  sizes: { talents: number; employers: number; positions: number; placements: number; agreements: number },
  pool: RegionPool,
  sponsorUserId: string,
  today: string,
): Dataset {
  const r = rng(seed);
  const talents = [...talentRows(r, sizes.talents, pool, today)];
  const employers = [...employerRows(r, sizes.employers, pool)];
  const positions = [...positionRows(r, sizes.positions, employers, today)];
  const byEmployer = new Map<string, string[]>();
  for (const p of positions) byEmployer.set(p.employer_id, [...(byEmployer.get(p.employer_id) ?? []), p.id]);
  const placements = [
    ...placementRows(
      r,
      sizes.placements,
      (i) => talents[i].id,
      talents.length,
      employers,
      (id) => byEmployer.get(id) ?? [],
      today,
    ),
  ];
  const directed = agreementRows(r, sizes.agreements, (i) => talents[i].id, talents.length, employers, pool, sponsorUserId, today);
  return { talents, employers, positions, placements: [...placements, ...directed.placements], agreements: directed.agreements, events: directed.events };
}

async function inChunks<T extends object>(rows: T[], size: number, write: (chunk: T[]) => Promise<unknown>, maxParams?: number): Promise<void> {
  // D1 binds at most 100 parameters per statement: fewer rows per insert there.
  const n = maxParams && rows.length ? Math.max(1, Math.min(size, Math.floor(maxParams / Object.keys(rows[0]).length))) : size;
  for (let i = 0; i < rows.length; i += n) await write(rows.slice(i, i + n));
}

/** Writes the dataset straight into the test database (the statistics only read these tables). */
export async function insertDataset(database: Database, d: Dataset, maxParams?: number): Promise<void> {
  const { db } = database;
  await inChunks(d.talents, 50, (c) => db.insertInto('talents').values(c).execute(), maxParams);
  await inChunks(d.employers, 50, (c) => db.insertInto('employers').values(c).execute(), maxParams);
  await inChunks(d.positions, 50, (c) => db.insertInto('positions').values(c).execute(), maxParams);
  const areas = d.positions.flatMap((p) => (JSON.parse(p.service_areas) as string[]).map((area) => ({ area, position_id: p.id })));
  await inChunks(areas, 100, (c) => db.insertInto('position_service_areas').values(c).execute(), maxParams);
  await inChunks(d.agreements, 50, (c) => db.insertInto('agreements').values(c).execute(), maxParams);
  await inChunks(d.events, 100, (c) => db.insertInto('agreement_events').values(c).execute(), maxParams);
  await inChunks(d.placements, 50, (c) => db.insertInto('placements').values(c).execute(), maxParams);
}
