// First pass over one roster row: every cell read and checked on its own (pure). What needs the
// database — regions, matching records, the region scope — is settled per chunk in the service.
import type { Cell } from '../lib/spreadsheet';
import { AVAILABILITY, EDUCATION_LEVELS, EMPLOYER_TYPES, ETHNICITIES, GENDERS, LANGUAGES, PLACEMENT_KINDS, QUALIFICATION_LEVELS, SERVICE_AREAS, VISIBILITY } from '../lib/vocab';
import { idNumberBirthDate } from '../lib/checksums';
import * as cells from './imports.cells';
import type { Parsed, Problem } from './imports.cells';

export interface RowProblem extends Problem {
  /** The column key (named by its header when reported). */
  key: string;
}

export interface RawRow {
  row: number;
  /** Cells by column key; a column the file does not have is absent. */
  get(key: string): Cell;
  has(key: string): boolean;
}

export type RegionKey = { code: string } | { fullName: string };

export interface TalentDraft {
  row: number;
  name: string;
  idNumber: string;
  gender: 'male' | 'female';
  birthDate: string;
  ethnicity: string | null;
  phone: string | null;
  region: RegionKey;
  education: string | null;
  school: string | null;
  major: string | null;
  graduationYear: number | null;
  /** Null when the file leaves the qualification column empty (keep what is on record). */
  qualification: { level: string; certificateNumber: string | null; year: number | null; validUntil: string | null } | null;
  serviceAreas: string[] | null;
  languages: string[] | null;
  availability: string | null;
  visibility: string | null;
}

export interface EmployerDraft {
  row: number;
  name: string;
  creditCode: string;
  type: string;
  region: RegionKey;
  address: string | null;
  contactName: string;
  contactPhone: string;
  internshipBase: boolean | null;
  description: string | null;
}

export interface PlacementDraft {
  row: number;
  idNumber: string;
  name: string | null;
  creditCode: string;
  kind: 'employment' | 'internship';
  startOn: string;
  endOn: string | null;
  endReason: string | null;
}

/** The row's draft when every cell is good; the keys the service checks against the database are
 * given whenever their own cells parse, so one pass reports every problem of the row. */
export interface Checked<T> {
  draft: T | null;
  problems: RowProblem[];
  idNumber?: string | null;
  creditCode?: string | null;
  region?: RegionKey | null;
  startOn?: string | null;
}

const matchGender = cells.vocabMatcher(GENDERS, { m: 'male', f: 'female' });
const matchEthnicity = (() => {
  const base = cells.vocabMatcher(ETHNICITIES);
  const short = new Map(Object.entries(ETHNICITIES).map(([code, [zh]]) => [zh.replace(/族$/, ''), code]));
  return (v: string) => base(v) ?? base(v.padStart(2, '0')) ?? short.get(v.replace(/族$/, '')) ?? null;
})();
const matchEducation = cells.vocabMatcher(EDUCATION_LEVELS, {
  中专: 'secondary',
  高中: 'secondary',
  专科: 'associate',
  大学本科: 'bachelor',
  研究生: 'master',
  硕士: 'master',
  博士: 'doctorate',
});
const matchQualification = cells.vocabMatcher(QUALIFICATION_LEVELS, {
  助理社工师: 'assistant',
  社工师: 'intermediate',
  中级社会工作师: 'intermediate',
  高级社工师: 'senior',
  暂无: 'none',
});
const matchServiceArea = cells.vocabMatcher(SERVICE_AREAS, {
  矫正: 'corrections',
  心理: 'mental_health',
  社区: 'community',
  救助: 'assistance',
  志愿: 'volunteer',
  残疾: 'disability',
  老人: 'elderly',
  养老: 'elderly',
});
const matchLanguage = cells.vocabMatcher(LANGUAGES, { 汉语: 'mandarin', 蒙语: 'mongolian', 维语: 'uyghur' });
const matchAvailability = cells.vocabMatcher(AVAILABILITY);
const matchVisibility = cells.vocabMatcher(VISIBILITY, { 公开: 'employers', 对用人单位公开: 'employers', 仅部门可见: 'department', 不公开: 'department' });
const matchEmployerType = cells.vocabMatcher(EMPLOYER_TYPES, { 社区: 'community', 街道: 'community', 社工站: 'station', 医疗机构: 'hospital' });
const matchPlacementKind = cells.vocabMatcher(PLACEMENT_KINDS, { 工作: 'employment', 入职: 'employment', 聘用: 'employment' });

/** Collects each column's problem and keeps reading the rest of the row. */
class Reader {
  problems: RowProblem[] = [];
  constructor(readonly raw: RawRow) {}
  take<T>(key: string, parse: (c: Cell) => Parsed<T | null>, required = false): T | null {
    const result = parse(this.raw.get(key));
    if (!result.ok) {
      this.problems.push({ key, ...result.problem });
      return null;
    }
    if (required && result.value === null) this.problems.push({ key, code: 'required' });
    return result.value;
  }
  fail(key: string, code: string, params?: Problem['params']) {
    this.problems.push({ key, code, params });
  }
}

const textOf = (max: number) => (c: Cell) => cells.text(c, max);

export function checkTalentRow(raw: RawRow, today: string): Checked<TalentDraft> {
  const r = new Reader(raw);
  const thisYear = Number(today.slice(0, 4));
  const name = r.take('name', textOf(50), true);
  const idNumber = r.take('idNumber', cells.idNumber, true);
  let gender = r.take('gender', (c) => cells.oneOf(c, matchGender)) as 'male' | 'female' | null;
  let birthDate = r.take('birthDate', cells.date);
  const ethnicity = r.take('ethnicity', (c) => cells.oneOf(c, matchEthnicity));
  const phone = r.take('phone', cells.mobile);
  const region = cells.regionKey(raw.get('region'));
  if (!region) r.fail('region', 'required');
  const education = r.take('education', (c) => cells.oneOf(c, matchEducation));
  const school = r.take('school', textOf(100));
  const major = r.take('major', textOf(100));
  const graduationYear = r.take('graduationYear', (c) => cells.year(c, 1950, thisYear + 6));
  const level = r.take('qualification', (c) => cells.oneOf(c, matchQualification));
  const certificateNumber = r.take('certificateNumber', textOf(40));
  const qualYear = r.take('qualificationYear', (c) => cells.year(c, 1950, thisYear));
  const validUntil = r.take('registrationValidUntil', cells.date);
  const serviceAreas = r.take('serviceAreas', (c) => cells.listOf(c, matchServiceArea));
  const languages = r.take('languages', (c) => cells.listOf(c, matchLanguage));
  const availability = r.take('availability', (c) => cells.oneOf(c, matchAvailability));
  const visibility = r.take('visibility', (c) => cells.oneOf(c, matchVisibility));

  if (idNumber) {
    const idBirth = idNumberBirthDate(idNumber);
    const idGender = cells.idNumberGender(idNumber);
    if (idBirth > today) r.fail('idNumber', 'idFuture');
    if (birthDate && birthDate !== idBirth) r.fail('birthDate', 'birthMismatch');
    if (gender && gender !== idGender) r.fail('gender', 'genderMismatch');
    birthDate ??= idBirth;
    gender ??= idGender;
  }
  let qualification: TalentDraft['qualification'] = null;
  if (level && level !== 'none') {
    if (!certificateNumber) r.fail('certificateNumber', 'certRequired');
    if (qualYear != null && validUntil && validUntil <= `${qualYear}-12-31`) r.fail('registrationValidUntil', 'afterQualYear', { year: qualYear });
    qualification = { level, certificateNumber, year: qualYear, validUntil };
  } else if (level === 'none') {
    if (certificateNumber) r.fail('certificateNumber', 'emptyWhenNone');
    if (qualYear != null) r.fail('qualificationYear', 'emptyWhenNone');
    if (validUntil) r.fail('registrationValidUntil', 'emptyWhenNone');
    qualification = { level, certificateNumber: null, year: null, validUntil: null };
  } else if (cells.isBlank(raw.get('qualification')) && (certificateNumber || qualYear != null || validUntil)) {
    r.fail('qualification', 'required');
  }
  if (r.problems.length) return { draft: null, problems: r.problems, idNumber, region };
  return {
    idNumber,
    region,
    draft: {
      row: raw.row,
      name: name!,
      idNumber: idNumber!,
      gender: gender!,
      birthDate: birthDate!,
      ethnicity,
      phone,
      region: region!,
      education,
      school,
      major,
      graduationYear,
      qualification,
      serviceAreas,
      languages,
      availability,
      visibility,
    },
    problems: [],
  };
}

export function checkEmployerRow(raw: RawRow): Checked<EmployerDraft> {
  const r = new Reader(raw);
  const name = r.take('name', textOf(100), true);
  const creditCode = r.take('creditCode', cells.creditCode, true);
  const type = r.take('type', (c) => cells.oneOf(c, matchEmployerType), true);
  const region = cells.regionKey(raw.get('region'));
  if (!region) r.fail('region', 'required');
  const address = r.take('address', textOf(200));
  const contactName = r.take('contactName', textOf(50), true);
  const contactPhone = r.take('contactPhone', cells.contactPhone, true);
  const internshipBase = r.take('internshipBase', cells.yesNo);
  const description = r.take('description', textOf(2000));
  if (r.problems.length) return { draft: null, problems: r.problems, creditCode, region };
  return {
    creditCode,
    region,
    draft: {
      row: raw.row,
      name: name!,
      creditCode: creditCode!,
      type: type!,
      region: region!,
      address,
      contactName: contactName!,
      contactPhone: contactPhone!,
      internshipBase,
      description,
    },
    problems: [],
  };
}

export function checkPlacementRow(raw: RawRow): Checked<PlacementDraft> {
  const r = new Reader(raw);
  const idNumber = r.take('idNumber', cells.idNumber, true);
  const name = r.take('name', textOf(50));
  const creditCode = r.take('creditCode', cells.creditCode, true);
  const kind = r.take('kind', (c) => cells.oneOf(c, matchPlacementKind), true) as PlacementDraft['kind'] | null;
  const startOn = r.take('startOn', cells.date, true);
  const endOn = r.take('endOn', cells.date);
  const endReason = r.take('endReason', textOf(500));
  if (startOn && endOn && endOn < startOn) r.fail('endOn', 'endBeforeStart');
  if (r.problems.length) return { draft: null, problems: r.problems, idNumber, creditCode, startOn };
  return {
    idNumber,
    creditCode,
    startOn,
    draft: { row: raw.row, idNumber: idNumber!, name, creditCode: creditCode!, kind: kind!, startOn: startOn!, endOn, endReason },
    problems: [],
  };
}
