// Talent profile logic shared by the JSON API and the web pages. Every function takes the caller
// (null when not signed in) and enforces who may see what:
//   graduate   — only their own profile, in full (ID number masked)
//   employer   — once verified, talents open to employers, phone masked and birth year only
//   department — talents in its region subtree, in full; may reveal an ID number (audited)
//   admin      — everything a department may, everywhere
import type { AppDeps, SessionUser } from '../lib/context';
import { AppError, fieldError, fieldIssueAt, forbidden, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import { writeUnit } from '../lib/write-unit';
import { auditEntry } from '../lib/audit';
import { adminScope, assertCanAdminister } from '../lib/scope';
import { idNumberBirthDate, maskIdNumber } from '../lib/checksums';
import type { NewTalent, TalentUpdate } from '../../db/schema';
import { assertRegionExists, assertRegionsExist } from '../regions';
import * as repo from './talents.repository';
import { toEmployerDto, toFullDto, type RevealIdNumberData, type TalentDto, type TalentFilters, type TalentProfile, type TalentRecord } from './talents.schemas';

function signedIn(user: SessionUser | null): SessionUser {
  if (!user) throw new AppError('unauthenticated', 'Sign in first');
  return user;
}

function asGraduate(user: SessionUser | null): SessionUser {
  const u = signedIn(user);
  if (u.role !== 'graduate') throw forbidden('Only graduates keep a talent profile of their own');
  return u;
}

async function isVerifiedEmployer(deps: AppDeps, user: SessionUser): Promise<boolean> {
  return user.role === 'employer' && (await repo.employerStatusOfUser(deps.database, user.id)) === 'verified';
}

/** The caller's own profile, or null while they have not saved one (the web shows an empty form). */
export async function getOwnProfile(deps: AppDeps, user: SessionUser | null): Promise<TalentDto | null> {
  const me = asGraduate(user);
  const talent = await repo.findTalentByUserId(deps.database, me.id);
  return talent ? toFullDto(talent) : null;
}

/** Creates or replaces the caller's profile. An omitted idNumber keeps the stored one; null removes it. */
export async function saveOwnProfile(deps: AppDeps, user: SessionUser | null, input: TalentProfile): Promise<{ profile: TalentDto; created: boolean }> {
  const me = asGraduate(user);
  const { database, fieldCrypto } = deps;
  const now = deps.now();
  const today = new Date(now).toISOString().slice(0, 10);
  const thisYear = Number(today.slice(0, 4));
  const existing = await repo.findTalentByUserId(database, me.id);

  // The ID number in force after this save: the new one, or the stored one when omitted.
  let idNumber: string | null = input.idNumber ?? null;
  if (input.idNumber === undefined && existing) {
    const sealed = await repo.readSealedIdNumber(database, existing.id);
    idNumber = sealed ? await fieldCrypto.decrypt(sealed) : null;
  }
  const idBirth = idNumber ? idNumberBirthDate(idNumber) : null;
  if (idBirth && idBirth > today) throw fieldError('idNumber', 'id_future');
  if (input.birthDate && idBirth && input.birthDate !== idBirth) {
    throw fieldError('birthDate', 'birth_mismatch');
  }
  const birthDate = input.birthDate ?? idBirth;
  if (birthDate && birthDate > today) throw fieldError('birthDate', 'not_future');
  if (birthDate && birthDate < '1900-01-01') throw fieldError('birthDate', 'year_min', { year: 1900 });

  const edu = input.education ?? null;
  if (edu?.graduationYear != null && edu.graduationYear > thisYear + 6) {
    throw fieldError('education.graduationYear', 'year_max', { year: thisYear + 6 });
  }
  const qual = input.qualification ?? { level: 'none' as const };
  if (qual.year != null && qual.year > thisYear) throw fieldError('qualification.year', 'not_future');

  await assertRegionExists(database, input.regionCode, 'regionCode');
  await assertRegionsExist(database, input.preferredRegions, 'preferredRegions');

  const columns: TalentUpdate = {
    name: input.name,
    gender: input.gender ?? null,
    birth_date: birthDate,
    ethnicity: input.ethnicity ?? null,
    phone: input.phone || null,
    region_code: input.regionCode,
    education_level: edu?.level ?? null,
    school: edu?.school || null,
    major: edu?.major || null,
    graduation_year: edu?.graduationYear ?? null,
    qualification_level: qual.level,
    certificate_number: qual.level === 'none' ? null : qual.certificateNumber || null,
    qualification_year: qual.level === 'none' ? null : (qual.year ?? null),
    registration_valid_until: qual.level === 'none' ? null : (qual.registrationValidUntil ?? null),
    service_areas: JSON.stringify(input.serviceAreas),
    languages: JSON.stringify(input.languages),
    preferred_regions: JSON.stringify(input.preferredRegions),
    availability: input.availability,
    visibility: input.visibility,
    updated_at: now,
  };
  if (input.idNumber === null) {
    Object.assign(columns, { id_number_enc: null, id_number_hmac: null, id_number_masked: null });
  } else if (input.idNumber !== undefined) {
    const hmac = await fieldCrypto.hmac(input.idNumber);
    if (await repo.findHolderOfIdNumber(database, hmac, existing?.id ?? null)) throw idNumberTaken();
    Object.assign(columns, {
      id_number_enc: await fieldCrypto.encrypt(input.idNumber),
      id_number_hmac: hmac,
      id_number_masked: maskIdNumber(input.idNumber),
    });
  }

  const id = existing?.id ?? newId();
  const write = existing
    ? repo.updateTalent(database, id, columns)
    : repo.insertTalent(database, { ...(columns as Omit<NewTalent, 'id' | 'created_at'>), id, user_id: me.id, created_at: now });
  try {
    await writeUnit(database, now).add(write).touch('talent', id).commit();
  } catch (err) {
    // The UNIQUE constraints decide races the checks above could not see.
    const message = err instanceof Error ? err.message : '';
    if (message.includes('talents.id_number_hmac')) throw idNumberTaken();
    if (message.includes('talents.user_id')) throw new AppError('conflict', 'This account already has a talent profile');
    throw err;
  }
  const saved = await repo.findTalentById(database, id);
  if (!saved) throw notFound('Talent profile');
  return { profile: toFullDto(saved), created: !existing };
}

function idNumberTaken(): AppError {
  return new AppError('conflict', 'This ID number is already on another profile', [fieldIssueAt('idNumber', 'id_taken')]);
}

export async function listTalents(deps: AppDeps, user: SessionUser | null, filters: TalentFilters): Promise<{ items: TalentDto[]; total: number; page: number; pageSize: number }> {
  const u = signedIn(user);
  const scope = adminScope(u);
  const employer = scope === null && (await isVerifiedEmployer(deps, u));
  if (scope === null && !employer) throw forbidden('Only departments and verified employers may browse talents');
  if (filters.q !== undefined && scope === null) throw fieldError('q', 'name_search_departments');
  if (filters.regionCode) await assertRegionExists(deps.database, filters.regionCode, 'regionCode');

  const { rows, total } = await repo.queryTalents(deps.database, {
    withinRegions: [scope ?? '', filters.regionCode ?? ''],
    onlyVisibleToEmployers: employer,
    minQualification: filters.qualification,
    serviceArea: filters.serviceArea,
    availability: filters.availability,
    nameContains: filters.q,
    sort: filters.sort ?? '-updated',
    page: filters.page,
    pageSize: filters.pageSize,
  });
  const toDto = employer ? toEmployerDto : toFullDto;
  return { items: rows.map(toDto), total, page: filters.page, pageSize: filters.pageSize };
}

export async function getTalent(deps: AppDeps, user: SessionUser | null, id: string): Promise<TalentDto> {
  const u = signedIn(user);
  if (u.role === 'graduate') {
    // A graduate may read their own profile here too; anyone else's is refused whether it exists or not.
    const own = await repo.findTalentByUserId(deps.database, u.id);
    if (own?.id !== id) throw forbidden('Graduates may only read their own profile');
    return toFullDto(own);
  }
  if (u.role === 'employer') {
    if (!(await isVerifiedEmployer(deps, u))) throw forbidden('Only verified employers may read talent profiles');
    const talent = await repo.findTalentById(deps.database, id);
    if (!talent || talent.visibility !== 'employers') throw notFound('Talent');
    return toEmployerDto(talent);
  }
  return toFullDto(await findAdministered(deps, u, id));
}

async function findAdministered(deps: AppDeps, u: SessionUser, id: string): Promise<TalentRecord> {
  if (adminScope(u) === null) throw forbidden();
  const talent = await repo.findTalentById(deps.database, id);
  assertCanAdminister(u, talent?.region_code, 'Talent');
  if (!talent) throw notFound('Talent');
  return talent;
}

function revealDetail(why: RevealIdNumberData): string {
  const note = why.purpose === 'other' ? why.purposeNote?.trim() : undefined;
  return JSON.stringify(note ? { purpose: why.purpose, note } : { purpose: why.purpose });
}

/** The full ID number, for a department in scope or an admin. Each reveal is written to the audit log
 * with its purpose (the detail is JSON: `{"purpose":"other","note":"…"}`, the note only for other). */
export async function revealIdNumber(deps: AppDeps, user: SessionUser | null, id: string, why: RevealIdNumberData): Promise<{ talentId: string; idNumber: string }> {
  const u = signedIn(user);
  if (adminScope(u) === null) throw forbidden('Only departments may reveal ID numbers');
  const talent = await findAdministered(deps, u, id);
  const sealed = await repo.readSealedIdNumber(deps.database, talent.id);
  if (!sealed) throw new AppError('invalid_state', 'No ID number is on file for this talent');
  const idNumber = await deps.fieldCrypto.decrypt(sealed);
  await writeUnit(deps.database, deps.now())
    .add(auditEntry(deps.database, { actorUserId: u.id, action: 'reveal_id_number', subjectType: 'talent', subjectId: talent.id, detail: revealDetail(why), now: deps.now() }))
    .commit();
  return { talentId: talent.id, idNumber };
}
