// Position logic shared by the JSON API and the web pages. Who may do what:
//   employer   — once its organisation is registered, writes drafts; publishing, closing and
//                editing anything but a draft need a verified organisation (src/employers/standing.ts:
//                an employer that leaves verified has its open posts held, hidden from everyone else)
//   department — reads every position in its region subtree, drafts and closed ones included
//   admin      — reads every position
//   anyone     — open positions (list and page)
// A position lies within its employer's region subtree. Every write keeps position_service_areas
// and the derived list columns (list-columns.ts) in step and enqueues the position for search in
// the same write unit; the unit's after-commit hook invalidates the cached list totals (total-cache.ts).
import type { AppDeps, SessionUser } from '../lib/context';
import { AppError, fieldError, forbidden, invalidFields, notFound, zodIssuesToErrors } from '../lib/errors';
import { newId } from '../lib/ids';
import { writeUnit } from '../lib/write-unit';
import { canAdminister } from '../lib/scope';
import { isInSubtree } from '../lib/regions-range';
import type { Position } from '../../db/schema';
import { assertRegionExists } from '../regions';
import { chinaToday } from '../lib/dates';
import { requireRole } from '../lib/guards';
import { assertVerified } from '../employers';
import { findOwnEmployer } from '../employers';
import * as repo from './positions.repository';
import type { PositionRecord, PositionSummaryRow } from './positions.repository';
import { toJobPosting, type JobPosting } from './job-posting';
import {
  PositionInput,
  parseList,
  type OpenPositionFilters,
  type OwnPositionFilters,
  type PositionDto,
  type PositionInputData,
  type PositionInputRaw,
  type PositionSummaryDto,
  type PositionUpdateData,
} from './positions.schemas';

type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

const iso = (ms: number | null) => (ms == null ? null : new Date(ms).toISOString());

export function toPositionSummaryDto(p: PositionSummaryRow): PositionSummaryDto {
  return {
    id: p.id,
    status: p.status,
    title: p.title,
    kind: p.kind,
    regionCode: p.region_code,
    regionName: p.region_name,
    employerId: p.employer_id,
    employerName: p.employer_name,
    employerType: p.employer_type,
    seats: p.seats,
    reservedSeats: p.reserved_seats,
    salary: p.salary_min != null && p.salary_max != null ? { min: p.salary_min, max: p.salary_max } : null,
    employmentType: p.employment_type,
    opensOn: p.opens_on,
    closesOn: p.closes_on,
    publishedAt: iso(p.published_at),
  };
}

export function acceptsApplications(p: Pick<Position, 'status' | 'opens_on' | 'closes_on'>, today: string): boolean {
  return p.status === 'open' && p.opens_on <= today && today <= p.closes_on;
}

export function toPositionDto(p: PositionRecord, today: string): PositionDto {
  return {
    ...toPositionSummaryDto(p),
    requirements: {
      minEducation: p.min_education,
      minQualification: p.min_qualification,
      serviceAreas: parseList(p.service_areas),
      languages: parseList(p.languages),
    },
    description: p.description,
    acceptingApplications: acceptsApplications(p, today),
    createdAt: new Date(p.created_at).toISOString(),
    updatedAt: new Date(p.updated_at).toISOString(),
  };
}

/** The schema.org JobPosting JSON-LD of a position as loaded for a viewer. */
export function jobPostingOf(p: PositionRecord): JobPosting {
  return toJobPosting(
    {
      id: p.id,
      title: p.title,
      description: p.description,
      publishedAt: iso(p.published_at),
      opensOn: p.opens_on,
      closesOn: p.closes_on,
      seats: p.seats,
      employmentType: p.employment_type,
      salary: p.salary_min != null && p.salary_max != null ? { min: p.salary_min, max: p.salary_max } : null,
    },
    { name: p.employer_name, creditCode: p.employer_credit_code },
    { code: p.region_code, name: p.region_short_name, fullName: p.region_name, provinceName: p.province_name },
  );
}

const isOwner = (user: SessionUser | null, p: PositionRecord) => !!user && user.role === 'employer' && p.employer_user_id === user.id;

function canView(user: SessionUser | null, p: PositionRecord): boolean {
  return p.status === 'open' || isOwner(user, p) || (!!user && canAdminister(user, p.region_code));
}

/** Loads a position the caller may see; anything else is not found. */
export async function loadVisiblePosition(deps: AppDeps, user: SessionUser | null, id: string): Promise<PositionRecord> {
  const p = await repo.findPositionById(deps.database, id);
  if (!p || !canView(user, p)) throw notFound('Position');
  return p;
}

/** Loads a position for a write by its owner: employers only (403), visible (404), owned (403), and
 * a verified organisation (403, standing.ts) unless `draftsToo` and the position is a draft — a
 * draft was never public, so an organisation awaiting review may prepare it. */
async function loadOwnPosition(deps: AppDeps, user: SessionUser | null, id: string, what: string, draftsToo = false): Promise<{ me: SessionUser; p: PositionRecord }> {
  const me = requireRole(user, 'employer');
  const p = await loadVisiblePosition(deps, me, id);
  if (!isOwner(me, p)) throw forbidden('Only the employer that posted this position may change it');
  if (!(draftsToo && p.status === 'draft')) assertVerified(p.employer_status, what);
  return { me, p };
}

async function reload(deps: AppDeps, id: string): Promise<PositionDto> {
  const p = await repo.findPositionById(deps.database, id);
  if (!p) throw notFound('Position');
  return toPositionDto(p, chinaToday(deps.now()));
}

async function checkPlace(deps: AppDeps, input: PositionInputData, employerRegion: string): Promise<void> {
  await assertRegionExists(deps.database, input.regionCode, 'regionCode');
  if (!isInSubtree(input.regionCode, employerRegion)) {
    throw fieldError('regionCode', 'within_employer_region', { code: employerRegion });
  }
}

function columnsOf(input: PositionInputData) {
  return {
    title: input.title,
    kind: input.kind,
    region_code: input.regionCode,
    seats: input.seats,
    reserved_seats: input.reservedSeats,
    min_education: input.requirements.minEducation,
    min_qualification: input.requirements.minQualification,
    service_areas: JSON.stringify(input.requirements.serviceAreas),
    languages: JSON.stringify(input.requirements.languages),
    salary_min: input.salary?.min ?? null,
    salary_max: input.salary?.max ?? null,
    employment_type: input.employmentType,
    description: input.description,
    opens_on: input.opensOn,
    closes_on: input.closesOn,
  };
}

function inputOf(p: PositionRecord): PositionInputRaw {
  return {
    title: p.title,
    kind: p.kind as PositionInputData['kind'],
    regionCode: p.region_code,
    seats: p.seats,
    reservedSeats: p.reserved_seats,
    requirements: {
      minEducation: p.min_education as PositionInputData['requirements']['minEducation'],
      minQualification: p.min_qualification as PositionInputData['requirements']['minQualification'],
      serviceAreas: parseList(p.service_areas) as PositionInputData['requirements']['serviceAreas'],
      languages: parseList(p.languages) as PositionInputData['requirements']['languages'],
    },
    salary: p.salary_min != null && p.salary_max != null ? { min: p.salary_min, max: p.salary_max } : null,
    employmentType: p.employment_type as PositionInputData['employmentType'],
    description: p.description,
    opensOn: p.opens_on,
    closesOn: p.closes_on,
  };
}

/** Writes a draft. Any employer with a registered organisation may prepare drafts; opening one
 * needs the organisation verified. */
export async function createPosition(deps: AppDeps, user: SessionUser | null, input: PositionInputData): Promise<PositionDto> {
  const me = requireRole(user, 'employer');
  const employer = await findOwnEmployer(deps, me);
  if (!employer) throw new AppError('invalid_state', 'Register your organisation before posting positions');
  await checkPlace(deps, input, employer.region_code);
  const now = deps.now();
  if (input.closesOn < chinaToday(now)) throw fieldError('closesOn', 'today_or_later');
  const { database } = deps;
  const id = newId();
  await writeUnit(database, now)
    .add(repo.insertPosition(database, { id, employer_id: employer.id, employer_type: employer.type, ...columnsOf(input), created_at: now, updated_at: now }))
    .addAll(repo.replaceServiceAreas(database, id, input.requirements.serviceAreas, true))
    .touch('position', id)
    .commit();
  return reload(deps, id);
}

/** Edits the caller's own position in any status; the result is checked as a whole. */
export async function updatePosition(deps: AppDeps, user: SessionUser | null, id: string, patch: PositionUpdateData): Promise<PositionDto> {
  const { me, p } = await loadOwnPosition(deps, user, id, 'change a published position', true);
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const parsed = PositionInput.safeParse({ ...inputOf(p), ...defined });
  if (!parsed.success) {
    throw invalidFields(zodIssuesToErrors(parsed.error.issues, { ...inputOf(p), ...defined }));
  }
  const input = parsed.data;
  const employer = await findOwnEmployer(deps, me);
  if (!employer) throw notFound('Position');
  if (patch.regionCode !== undefined) await checkPlace(deps, input, employer.region_code);
  const now = deps.now();
  if (patch.closesOn !== undefined && input.closesOn < chinaToday(now)) throw fieldError('closesOn', 'today_or_later');
  const { database } = deps;
  await writeUnit(database, now)
    .add(repo.updatePositionRow(database, id, { ...columnsOf(input), updated_at: now }))
    .addAll(repo.replaceServiceAreas(database, id, input.requirements.serviceAreas, false))
    .touch('position', id)
    .commit();
  return reload(deps, id);
}

/** Opens a draft, or reopens a closed position that has not passed its closing date. */
export async function publishPosition(deps: AppDeps, user: SessionUser | null, id: string): Promise<PositionDto> {
  const { p } = await loadOwnPosition(deps, user, id, 'publish positions');
  if (p.status === 'open') throw new AppError('invalid_state', 'The position is already open');
  const now = deps.now();
  const today = chinaToday(now);
  if (p.closes_on < today) throw new AppError('invalid_state', `The position closed on ${p.closes_on}; move closesOn to today or later first`);
  const { database } = deps;
  const { opened } = await writeUnit(database, now)
    .add('opened', repo.publishIfAllowed(database, id, today, now))
    .touch('position', id)
    .commit();
  if (opened.numAffectedRows === 0) throw new AppError('invalid_state', 'The position or its employer changed meanwhile; load it again');
  return reload(deps, id);
}

export async function closePosition(deps: AppDeps, user: SessionUser | null, id: string): Promise<PositionDto> {
  const { p } = await loadOwnPosition(deps, user, id, 'close positions');
  if (p.status !== 'open') throw new AppError('invalid_state', `Only an open position can be closed; this one is ${p.status}`);
  const now = deps.now();
  const { database } = deps;
  const { closed } = await writeUnit(database, now)
    .add('closed', repo.closeIfOpen(database, id, now))
    .touch('position', id)
    .commit();
  if (closed.numAffectedRows === 0) throw new AppError('invalid_state', 'The position changed meanwhile; load it again');
  return reload(deps, id);
}

/** The public list: open positions whose closing date has not passed, newest first. */
export async function listOpenPositions(deps: AppDeps, filters: OpenPositionFilters): Promise<Page<PositionSummaryDto>> {
  const { items, total } = await repo.listOpenPositions(deps.database, filters, chinaToday(deps.now()));
  return { items: items.map(toPositionSummaryDto), total, page: filters.page, pageSize: filters.pageSize };
}

/** One position as the caller may see it (open: anyone; otherwise its employer, departments in
 * scope, admins), with its JSON-LD for the web page. */
export async function getPositionForViewer(deps: AppDeps, user: SessionUser | null, id: string): Promise<{ position: PositionDto; jobPosting: JobPosting; isOwner: boolean }> {
  const p = await loadVisiblePosition(deps, user, id);
  return { position: toPositionDto(p, chinaToday(deps.now())), jobPosting: jobPostingOf(p), isOwner: isOwner(user, p) };
}

/** The caller's own positions in every status, most recently changed first. */
export async function listOwnPositions(deps: AppDeps, user: SessionUser | null, filters: OwnPositionFilters): Promise<Page<PositionSummaryDto>> {
  const me = requireRole(user, 'employer');
  const { page, pageSize } = filters;
  const employer = await findOwnEmployer(deps, me);
  if (!employer) return { items: [], total: 0, page, pageSize };
  const { items, total } = await repo.listEmployerPositions(deps.database, employer.id, filters);
  return { items: items.map(toPositionSummaryDto), total, page, pageSize };
}
