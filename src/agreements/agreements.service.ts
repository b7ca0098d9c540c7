// Directed-training agreement logic shared by the JSON API and the web pages. Who may do what:
//   department — records agreements for talents in its region subtree (target region within its
//                region, optional target employer in the target region), reads those whose target
//                or sponsor region is in its subtree, moves them through the status flow
//                (agreements.states.ts); breached and waived need a note
//   graduate   — reads their own agreements
//   admin      — reads every agreement
// Outside the caller's scope an agreement is reported as not found. A status change and its history
// row are one atomic write, conditional on the status read: an illegal or stale move changes nothing.
// Served time is computed from the agreement's placements (placements.repository.ts documents the
// rule); ending a placement fulfils the agreement in the same write when the owed time is served.
import type { AppDeps, SessionUser } from '../lib/context';
import { AppError, fieldError, fieldIssueAt, forbidden, invalidFields, notFound, type FieldError } from '../lib/errors';
import { writeUnit } from '../lib/write-unit';
import { sql } from 'kysely';
import { notificationRows } from '../notifications';
import { newId } from '../lib/ids';
import { adminScope, canAdminister } from '../lib/scope';
import { isInSubtree } from '../lib/regions-range';
import { chinaToday } from '../lib/dates';
import { requireRole } from '../lib/guards';
import { findEmployerById } from '../employers';
import { findTalentById, findTalentByUserId } from '../talents';
import { assertRegionExists } from '../regions';
import { DAYS_PER_SERVICE_YEAR, placementDays, placementsOfAgreements } from '../placements';
import * as repo from './agreements.repository';
import type { AgreementRow } from './agreements.repository';
import { mayMove, movesFrom, NOTE_REQUIRED, type AgreementStatus } from './agreements.states';
import type { AgreementDto, AgreementListFilters, AgreementStatusData, AgreementWithHistoryDto, CreateAgreementData } from './agreements.schemas';

type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
const iso = (ms: number) => new Date(ms).toISOString();

const inScope = (user: SessionUser, row: Pick<AgreementRow, 'target_region_code' | 'sponsor_region_code'>) =>
  canAdminister(user, row.target_region_code) || canAdminister(user, row.sponsor_region_code);

const canRead = (user: SessionUser, row: AgreementRow) => (!!row.talent_user_id && row.talent_user_id === user.id) || inScope(user, row);

/** Served days per agreement id, as of today. */
async function servedDaysOf(deps: AppDeps, ids: string[], today: string): Promise<Map<string, number>> {
  const out = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const p of await placementsOfAgreements(deps.database, ids)) {
    if (p.agreement_id) out.set(p.agreement_id, (out.get(p.agreement_id) ?? 0) + placementDays(p.start_on, p.end_on, today));
  }
  return out;
}

export function toAgreementDto(row: AgreementRow, viewer: SessionUser, servedDays: number): AgreementDto {
  const owedDays = row.service_years * DAYS_PER_SERVICE_YEAR;
  const fulfillable = row.status === 'serving' && servedDays >= owedDays;
  const mayAct = viewer.role === 'department' && inScope(viewer, row);
  return {
    id: row.id,
    talent: { id: row.talent_id, name: row.talent_name },
    sponsorRegionCode: row.sponsor_region_code,
    targetRegionCode: row.target_region_code,
    targetRegionName: row.target_region_name,
    targetEmployer: row.target_employer_id ? { id: row.target_employer_id, name: row.target_employer_name ?? '' } : null,
    institution: row.institution,
    enrolmentYear: row.enrolment_year,
    graduationYear: row.graduation_year,
    serviceYears: row.service_years,
    signedOn: row.signed_on,
    status: row.status,
    statusNote: row.status_note,
    servedDays,
    owedDays,
    fulfillable,
    nextSteps: mayAct ? movesFrom(row.status).filter((s) => s !== 'fulfilled' || fulfillable) : [],
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

async function loadReadable(deps: AppDeps, me: SessionUser, id: string): Promise<AgreementRow> {
  const row = await repo.findAgreement(deps.database, id);
  if (!row || !canRead(me, row)) throw notFound('Agreement');
  return row;
}

export async function getAgreement(deps: AppDeps, user: SessionUser | null, id: string): Promise<AgreementWithHistoryDto> {
  const me = requireRole(user, 'graduate', 'department', 'admin');
  const row = await loadReadable(deps, me, id);
  const today = chinaToday(deps.now());
  const [served, events] = await Promise.all([servedDaysOf(deps, [id], today), repo.eventsOf(deps.database, id)]);
  return {
    ...toAgreementDto(row, me, served.get(id) ?? 0),
    events: events.map((e) => ({ fromStatus: e.from_status, toStatus: e.to_status, actorRole: e.actor_role, note: e.note, at: iso(e.created_at) })),
  };
}

export async function listAgreements(deps: AppDeps, user: SessionUser | null, filters: AgreementListFilters): Promise<Page<AgreementDto>> {
  const me = requireRole(user, 'graduate', 'department', 'admin');
  const { page, pageSize } = filters;
  let scope: repo.AgreementScope;
  if (me.role === 'graduate') {
    const talent = await findTalentByUserId(deps.database, me.id);
    if (!talent) return { items: [], total: 0, page, pageSize };
    scope = { talentId: talent.id };
  } else {
    const root = adminScope(me);
    if (root === null) return { items: [], total: 0, page, pageSize };
    scope = { regionRoot: root };
  }
  const { items, total } = await repo.listAgreements(deps.database, scope, filters);
  const served = await servedDaysOf(
    deps,
    items.map((r) => r.id),
    chinaToday(deps.now()),
  );
  return { items: items.map((r) => toAgreementDto(r, me, served.get(r.id) ?? 0)), total, page, pageSize };
}

/** The youngest age at which anyone starts the training an agreement records (tertiary study). */
export const MIN_ENROLMENT_AGE = 14;

/**
 * Dates of a new agreement that cannot be true (the schema checks the agreement against itself:
 * graduation not before enrolment, at most MAX_TRAINING_YEARS of training, signed by the end of the
 * graduation year): signed in the future, or enrolled before the year the talent turned
 * MIN_ENROLMENT_AGE (the birth date on the register). The graduation year on the talent's profile
 * is not a bound: it is their latest education, and an agreement may be for another programme.
 */
function impossibleDates(input: CreateAgreementData, talent: { birth_date: string | null }, today: string): FieldError[] {
  const out: FieldError[] = [];
  if (input.signedOn > today) out.push(fieldIssueAt('signedOn', 'not_future'));
  const born = talent.birth_date ? Number(talent.birth_date.slice(0, 4)) : null;
  if (born !== null && input.enrolmentYear < born + MIN_ENROLMENT_AGE)
    out.push(fieldIssueAt('enrolmentYear', 'enrolled_too_young', { age: MIN_ENROLMENT_AGE, year: born + MIN_ENROLMENT_AGE }));
  return out;
}

export async function createAgreement(deps: AppDeps, user: SessionUser | null, input: CreateAgreementData): Promise<AgreementWithHistoryDto> {
  const me = requireRole(user, 'department');
  const region = me.region_code;
  if (!region) throw forbidden('This department account has no region');
  const { database } = deps;
  const talent = await findTalentById(database, input.talentId);
  if (!talent || !isInSubtree(talent.region_code, region)) throw fieldError('talentId', 'no_talent_in_region');
  const impossible = impossibleDates(input, talent, chinaToday(deps.now()));
  if (impossible.length) throw invalidFields(impossible);
  await assertRegionExists(database, input.targetRegionCode, 'targetRegionCode');
  if (!isInSubtree(input.targetRegionCode, region)) throw fieldError('targetRegionCode', 'within_your_region', { code: region });
  if (input.targetEmployerId) {
    const employer = await findEmployerById(database, input.targetEmployerId);
    if (!employer || !isInSubtree(employer.region_code, input.targetRegionCode)) throw fieldError('targetEmployerId', 'no_employer_in_target');
  }
  const now = deps.now();
  const id = newId();
  await writeUnit(database, now)
    .add(
      repo.insertAgreement(database, {
        id,
        talent_id: talent.id,
        sponsor_user_id: me.id,
        sponsor_region_code: region,
        target_region_code: input.targetRegionCode,
        target_employer_id: input.targetEmployerId || null,
        institution: input.institution,
        enrolment_year: input.enrolmentYear,
        graduation_year: input.graduationYear,
        service_years: input.serviceYears,
        signed_on: input.signedOn,
        status: input.status,
        status_note: null,
        created_at: now,
        updated_at: now,
      }),
    )
    .add(repo.insertEventIf(database, { id: newId(), agreementId: id, from: null, to: input.status, actorUserId: me.id, note: null, now }, null))
    // The talent's search document carries 定向培养 while an agreement runs.
    .touch('talent', talent.id)
    .commit();
  return getAgreement(deps, me, id);
}

/** A department in scope moves an agreement along a legal transition (agreements.states.ts). */
export async function moveAgreement(deps: AppDeps, user: SessionUser | null, id: string, input: AgreementStatusData): Promise<AgreementWithHistoryDto> {
  const me = requireRole(user, 'department');
  const { database } = deps;
  const row = await repo.findAgreement(database, id);
  if (!row || !inScope(me, row)) throw notFound('Agreement');
  const from = row.status;
  const to = input.status as AgreementStatus;
  if (!mayMove(from, to)) {
    const allowed = movesFrom(from);
    throw new AppError('invalid_state', `An agreement that is ${from} cannot move to ${to}${allowed.length ? ` (it can move to ${allowed.join(' or ')})` : ' (it is final)'}`);
  }
  const note = input.note?.trim() || null;
  if (NOTE_REQUIRED.includes(to) && !note) throw fieldError('note', 'note_required', { status: to });
  if (to === 'fulfilled') {
    const today = chinaToday(deps.now());
    const served = (await servedDaysOf(deps, [id], today)).get(id) ?? 0;
    const owed = row.service_years * DAYS_PER_SERVICE_YEAR;
    if (served < owed) throw new AppError('invalid_state', `Only ${served} of ${owed} days are served`);
  }
  const now = deps.now();
  const eventId = newId();
  // The talent (when she has an account) hears of the move, when it was written (its history row exists).
  const notice = row.talent_user_id
    ? await notificationRows(
        deps,
        { userId: row.talent_user_id, kind: 'agreement_status', params: { region: row.target_region_name ?? '', status: to, note: note ?? '' }, link: '/me/placements' },
        now,
        sql<boolean>`EXISTS (SELECT 1 FROM agreement_events WHERE id = ${eventId})`,
      )
    : [];
  const { moved } = await writeUnit(database, now)
    .add(repo.insertEventIf(database, { id: eventId, agreementId: id, from, to, actorUserId: me.id, note, now }, from))
    .add('moved', repo.updateStatusIf(database, id, from, to, note, now))
    .touch('talent', row.talent_id)
    .addAll(notice)
    .changes('notifications', 'mail_outbox')
    .commit();
  if (moved.numAffectedRows === 0) throw new AppError('invalid_state', 'The agreement changed meanwhile; load it again');
  return getAgreement(deps, me, id);
}

/** The caller's agreements narrowed to the region `regionCode` (target or sponsor in its subtree).
 * A region that is not narrower than the caller's scope is the ordinary list; one outside the
 * caller's scope lists nothing. */
export async function listAgreementsWithin(deps: AppDeps, user: SessionUser | null, filters: AgreementListFilters, regionCode: string | undefined): Promise<Page<AgreementDto>> {
  const me = requireRole(user, 'graduate', 'department', 'admin');
  const scope = adminScope(me);
  if (!regionCode || scope === null || (scope !== '' && isInSubtree(scope, regionCode))) return listAgreements(deps, me, filters);
  const { page, pageSize } = filters;
  if (!canAdminister(me, regionCode)) return { items: [], total: 0, page, pageSize };
  const { items, total } = await repo.listAgreements(deps.database, { regionRoot: regionCode }, filters);
  const served = await servedDaysOf(
    deps,
    items.map((r) => r.id),
    chinaToday(deps.now()),
  );
  return { items: items.map((r) => toAgreementDto(r, me, served.get(r.id) ?? 0)), total, page, pageSize };
}

/** Of these agreements, the ones serving without a current placement (none open today). */
export async function servingWithoutPlacement(deps: AppDeps, items: Pick<AgreementDto, 'id' | 'status'>[]): Promise<Set<string>> {
  const serving = items.filter((a) => a.status === 'serving').map((a) => a.id);
  if (serving.length === 0) return new Set();
  const today = chinaToday(deps.now());
  const current = new Set<string>();
  for (const p of await placementsOfAgreements(deps.database, serving)) {
    if (p.agreement_id && p.start_on <= today && (p.end_on === null || p.end_on >= today)) current.add(p.agreement_id);
  }
  return new Set(serving.filter((id) => !current.has(id)));
}
