// Search documents: denormalised, privacy-safe copies of talents and positions (ARCHITECTURE.md, "Search").
// The builders are pure; the loaders read current rows for a batch of ids and build documents.
// A talent document NEVER carries an ID number, phone, birth date, certificate number or address:
// the loader does not even select them (birth date is read only to derive a five-year age band).
import type { Database } from '../src/lib/database';
import { AVAILABILITY, EDUCATION_LEVELS, EMPLOYER_TYPES, EMPLOYMENT_TYPES, LANGUAGES, POSITION_KINDS, QUALIFICATION_LEVELS, SERVICE_AREAS, rankOf } from '../src/lib/vocab';
import { TALENT_TAGS, shortRegionName } from './analysis';

import type { PositionDocument, RegionFields, SearchDocument, SearchEntity, TalentDocument } from '../src/lib/search';

export type { PositionDocument, RegionFields, SearchDocument, SearchEntity, TalentDocument } from '../src/lib/search';
export { AGE_BANDS } from '../src/lib/search';

/** The talent columns a document may be built from. Nothing else is ever selected for search. */
export const TALENT_SOURCE_COLUMNS = [
  'id',
  'name',
  'birth_date',
  'region_code',
  'education_level',
  'school',
  'major',
  'graduation_year',
  'qualification_level',
  'service_areas',
  'languages',
  'availability',
  'visibility',
  'updated_at',
] as const;

export interface TalentSourceRow {
  id: string;
  name: string;
  birth_date: string | null;
  region_code: string | null;
  education_level: string | null;
  school: string | null;
  major: string | null;
  graduation_year: number | null;
  qualification_level: string;
  service_areas: string;
  languages: string;
  availability: string;
  visibility: 'employers' | 'department';
  updated_at: number;
}

export interface PositionSourceRow {
  id: string;
  title: string;
  description: string;
  employer_id: string;
  employer_name: string;
  employer_type: string;
  kind: string;
  region_code: string;
  seats: number;
  reserved_seats: number;
  min_education: string | null;
  min_qualification: string;
  service_areas: string;
  languages: string;
  salary_min: number | null;
  salary_max: number | null;
  employment_type: string;
  opens_on: string;
  closes_on: string;
  status: 'draft' | 'open' | 'closed';
  published_at: number | null;
  updated_at: number;
}

type Labels = Record<string, readonly [string, string]>;

/** code → name of each region level the documents mention. */
export type RegionNames = ReadonlyMap<string, string>;

const labelsOf = (vocab: Labels, code: string | null | undefined): string[] => (code && vocab[code] ? [...vocab[code]] : []);

function parseCodes(json: string, vocab: Labels): string[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return [...new Set(value.filter((v): v is string => typeof v === 'string' && v in vocab))];
}

/** The prefixes of a region code, one per level: '150102001' → ['15', '1501', '150102', '150102001']. */
export function regionPrefixes(code: string | null | undefined): string[] {
  if (!code) return [];
  return [2, 4, 6, 9].filter((n) => code.length >= n).map((n) => code.slice(0, n));
}

export function regionFields(code: string | null | undefined, names: RegionNames): RegionFields {
  const [province = null, city = null, county = null, township = null] = regionPrefixes(code);
  return {
    regionProvince: province,
    regionCity: city,
    regionCounty: county,
    regionTownship: township,
    // The province is left out: it is on nearly every document and would match everything.
    regionNames: regionPrefixes(code)
      .slice(1)
      .map((c) => names.get(c))
      .filter((n): n is string => !!n)
      .flatMap((n) => {
        const short = shortRegionName(n);
        return short ? [n, short] : [n];
      }),
  };
}

/** Age bands of five years; the last band is open. */

export function ageOn(birthDate: string, now: number): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!m) return null;
  const today = new Date(now);
  const y = today.getUTCFullYear();
  const md = (today.getUTCMonth() + 1) * 100 + today.getUTCDate();
  const age = y - Number(m[1]) - (md < Number(m[2]) * 100 + Number(m[3]) ? 1 : 0);
  return age >= 0 ? age : null;
}

export function ageBand(birthDate: string | null, now: number): string | null {
  if (!birthDate) return null;
  const age = ageOn(birthDate, now);
  if (age === null || age < 15) return null;
  if (age >= 65) return '65+';
  const lo = Math.floor(age / 5) * 5;
  return `${lo}-${lo + 4}`;
}

/** 'YYYY-MM-DD' → milliseconds at UTC midnight of that calendar date. */
export function dateToTimestamp(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`not a calendar date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/** Agreement statuses during which a talent counts as 定向培养. */
export const DIRECTED_STATUSES = ['in_training', 'awaiting_placement', 'serving'] as const;

export function talentTags(row: Pick<TalentSourceRow, 'graduation_year' | 'qualification_level'>, directed: boolean, now: number): string[] {
  const year = new Date(now + 8 * 3600_000).getUTCFullYear();
  const tags: string[] = [];
  if (row.graduation_year !== null && row.graduation_year >= year - 1 && row.graduation_year <= year) tags.push(TALENT_TAGS.freshGraduate);
  if (directed) tags.push(TALENT_TAGS.directed);
  if (row.qualification_level in QUALIFICATION_LEVELS && row.qualification_level !== 'none') tags.push(TALENT_TAGS.certified);
  return tags;
}

export function buildTalentDocument(row: TalentSourceRow, names: RegionNames, now: number, directed = false): TalentDocument {
  const serviceAreas = parseCodes(row.service_areas, SERVICE_AREAS);
  const languages = parseCodes(row.languages, LANGUAGES);
  const education = row.education_level && row.education_level in EDUCATION_LEVELS ? row.education_level : null;
  const qualification = row.qualification_level in QUALIFICATION_LEVELS ? row.qualification_level : 'none';
  return {
    id: row.id,
    name: row.name,
    serviceAreas,
    serviceAreaNames: serviceAreas.flatMap((a) => labelsOf(SERVICE_AREAS, a)),
    qualification,
    qualificationRank: rankOf(QUALIFICATION_LEVELS, qualification),
    // "无" (none) is not something anyone searches for; leave it out of the searchable text.
    qualificationName: qualification === 'none' ? [] : labelsOf(QUALIFICATION_LEVELS, qualification),
    education,
    educationRank: rankOf(EDUCATION_LEVELS, education),
    educationName: labelsOf(EDUCATION_LEVELS, education),
    school: row.school || null,
    major: row.major || null,
    graduationYear: row.graduation_year,
    languages,
    languageNames: languages.flatMap((l) => labelsOf(LANGUAGES, l)),
    ...regionFields(row.region_code, names),
    availability: row.availability,
    availabilityName: labelsOf(AVAILABILITY, row.availability),
    tags: talentTags(row, directed, now),
    visibility: row.visibility === 'department' ? 'department' : 'employers',
    ageBand: ageBand(row.birth_date, now),
    updatedAt: row.updated_at,
  };
}

export function buildPositionDocument(row: PositionSourceRow, names: RegionNames): PositionDocument {
  const serviceAreas = parseCodes(row.service_areas, SERVICE_AREAS);
  const languages = parseCodes(row.languages, LANGUAGES);
  const minEducation = row.min_education && row.min_education in EDUCATION_LEVELS ? row.min_education : null;
  const minQualification = row.min_qualification in QUALIFICATION_LEVELS ? row.min_qualification : 'none';
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    employerId: row.employer_id,
    employerName: row.employer_name,
    employerType: row.employer_type,
    employerTypeName: labelsOf(EMPLOYER_TYPES, row.employer_type),
    kind: row.kind,
    kindName: labelsOf(POSITION_KINDS, row.kind),
    ...regionFields(row.region_code, names),
    serviceAreas,
    serviceAreaNames: serviceAreas.flatMap((a) => labelsOf(SERVICE_AREAS, a)),
    languages,
    languageNames: languages.flatMap((l) => labelsOf(LANGUAGES, l)),
    minEducation,
    minEducationRank: rankOf(EDUCATION_LEVELS, minEducation),
    minQualification,
    minQualificationRank: rankOf(QUALIFICATION_LEVELS, minQualification),
    salaryMin: row.salary_min,
    salaryMax: row.salary_max,
    seats: row.seats,
    reservedSeats: row.reserved_seats,
    employmentType: row.employment_type,
    employmentTypeName: labelsOf(EMPLOYMENT_TYPES, row.employment_type),
    status: row.status,
    opensOn: dateToTimestamp(row.opens_on),
    closesOn: dateToTimestamp(row.closes_on),
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
  };
}

// D1 allows at most 100 bound parameters per statement; stay under it everywhere.
export const MAX_IN_LIST = 90;

export function chunk<T>(items: readonly T[], size = MAX_IN_LIST): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function loadRegionNames(database: Database, codes: Iterable<string | null>): Promise<Map<string, string>> {
  const wanted = new Set<string>();
  for (const c of codes) for (const p of regionPrefixes(c)) wanted.add(p);
  const names = new Map<string, string>();
  for (const part of chunk([...wanted])) {
    const rows = await database.db.selectFrom('regions').select(['code', 'name']).where('code', 'in', part).execute();
    for (const r of rows) names.set(r.code, r.name);
  }
  return names;
}

/** The talents among these with a running directed-training agreement. */
export async function loadDirected(database: Database, talentIds: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const part of chunk([...new Set(talentIds)])) {
    const rows = await database.db
      .selectFrom('agreements')
      .select('talent_id')
      .distinct()
      .where('talent_id', 'in', part)
      .where('status', 'in', [...DIRECTED_STATUSES])
      .execute();
    for (const r of rows) out.add(r.talent_id);
  }
  return out;
}

/** Current documents for these talent ids; ids missing from the map no longer exist. */
export async function loadTalentDocuments(database: Database, ids: readonly string[], now: number): Promise<Map<string, TalentDocument>> {
  const rows: TalentSourceRow[] = [];
  for (const part of chunk([...new Set(ids)])) {
    rows.push(...(await database.db.selectFrom('talents').select(TALENT_SOURCE_COLUMNS).where('id', 'in', part).execute()));
  }
  const names = await loadRegionNames(
    database,
    rows.map((r) => r.region_code),
  );
  const directed = await loadDirected(
    database,
    rows.map((r) => r.id),
  );
  return new Map(rows.map((r) => [r.id, buildTalentDocument(r, names, now, directed.has(r.id))]));
}

export async function loadPositionDocuments(database: Database, ids: readonly string[]): Promise<Map<string, PositionDocument>> {
  const rows: PositionSourceRow[] = [];
  for (const part of chunk([...new Set(ids)])) {
    rows.push(...(await positionSourceQuery(database).where('p.id', 'in', part).execute()));
  }
  const names = await loadRegionNames(
    database,
    rows.map((r) => r.region_code),
  );
  return new Map(rows.map((r) => [r.id, buildPositionDocument(r, names)]));
}

function positionSourceQuery(database: Database) {
  return database.db
    .selectFrom('positions as p')
    .innerJoin('employers as e', 'e.id', 'p.employer_id')
    .select([
      'p.id',
      'p.title',
      'p.description',
      'p.employer_id',
      'e.name as employer_name',
      'p.employer_type',
      'p.kind',
      'p.region_code',
      'p.seats',
      'p.reserved_seats',
      'p.min_education',
      'p.min_qualification',
      'p.service_areas',
      'p.languages',
      'p.salary_min',
      'p.salary_max',
      'p.employment_type',
      'p.opens_on',
      'p.closes_on',
      'p.status',
      'p.published_at',
      'p.updated_at',
    ]);
}

export async function loadDocuments(database: Database, entity: SearchEntity, ids: readonly string[], now: number): Promise<Map<string, SearchDocument>> {
  return entity === 'talent' ? loadTalentDocuments(database, ids, now) : loadPositionDocuments(database, ids);
}

/** Every id of an entity in id order, a page at a time (keyset paging: no OFFSET scans). */
export async function* allIds(database: Database, entity: SearchEntity, pageSize = 1000): AsyncGenerator<string[]> {
  const table = entity === 'talent' ? 'talents' : 'positions';
  let after = '';
  for (;;) {
    const rows = await database.db.selectFrom(table).select('id').where('id', '>', after).orderBy('id').limit(pageSize).execute();
    if (rows.length === 0) return;
    yield rows.map((r) => r.id);
    after = rows[rows.length - 1].id;
  }
}

/** Every document of an entity, built from the database in id order, a page at a time (reindex). */
export async function* allDocuments(database: Database, entity: SearchEntity, now: number, pageSize = 1000): AsyncGenerator<SearchDocument[]> {
  let after = '';
  for (;;) {
    const rows =
      entity === 'talent'
        ? await database.db.selectFrom('talents').select(TALENT_SOURCE_COLUMNS).where('id', '>', after).orderBy('id').limit(pageSize).execute()
        : await positionSourceQuery(database).where('p.id', '>', after).orderBy('p.id').limit(pageSize).execute();
    if (rows.length === 0) return;
    const names = await loadRegionNames(
      database,
      rows.map((r) => r.region_code),
    );
    const directed =
      entity === 'talent'
        ? await loadDirected(
            database,
            rows.map((r) => r.id),
          )
        : new Set<string>();
    yield entity === 'talent'
      ? (rows as TalentSourceRow[]).map((r) => buildTalentDocument(r, names, now, directed.has(r.id)))
      : (rows as PositionSourceRow[]).map((r) => buildPositionDocument(r, names));
    after = rows[rows.length - 1].id;
  }
}
