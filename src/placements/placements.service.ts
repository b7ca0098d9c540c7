// Placement logic shared by the JSON API and the web pages. Who may do what:
//   department — records a direct placement of a talent in its region subtree at an employer in its
//                subtree (optionally serving one of the talent's agreements, which then moves to
//                serving), lists the placements at employers in its region, ends them
//   employer   — (verified) records an intern or hire at its own organisation of a talent who applied
//                to one of its posts or holds a round proposal for one, lists its own placements
//                (kind=internship: its interns), ends them
// Recording one for anybody else answers 404, as for a talent that does not exist.
//   graduate   — lists and reads their own placements
//   admin      — reads everything
// Applications marked hired create their placement in src/applications (same atomic write).
// An employment placement — hired, a round's proposal accepted by both, or recorded directly —
// closes the talent's open applications to other employers as placed_elsewhere (已在其他单位就业)
// and tells those employers, in the placement's write (closeOtherApplicationsQueries). It lives
// here, beside startServiceQueries, because applications and rounds already build on placements.
// Ending a placement writes the end once and, in the same atomic write, fulfils its agreement when
// the owed time is served (placements.repository.ts documents the served-time rule).
import { sql, type CompiledQuery, type RawBuilder, type SqlBool } from 'kysely';
import { notificationRows } from '../notifications';
import type { AppDeps, SessionUser } from '../lib/context';
import { AppError, type FieldCode, fieldError, fieldIssueAt, forbidden, notFound } from '../lib/errors';
import { writeUnit } from '../lib/write-unit';
import { newId } from '../lib/ids';
import { adminScope, canAdminister } from '../lib/scope';
import { isInSubtree } from '../lib/regions-range';
import { chinaToday } from '../lib/dates';
import { requireRole, signedIn } from '../lib/guards';
import { assertVerified, employerIsVerified } from '../employers';
import { findEmployerById, findEmployerByUser } from '../employers';
import { findPositionById } from '../positions';
import { findTalentById, findTalentByUserId } from '../talents';
import * as repo from './placements.repository';
import type { PlacementRow } from './placements.repository';
import type { CreatePlacementData, EndPlacementData, PlacementDto, PlacementListFilters } from './placements.schemas';

type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
const iso = (ms: number) => new Date(ms).toISOString();

export function toPlacementDto(row: PlacementRow, today: string): PlacementDto {
  return {
    id: row.id,
    talent: { id: row.talent_id, name: row.talent_name },
    employer: { id: row.employer_id, name: row.employer_name, regionCode: row.employer_region_code },
    position: row.position_id ? { id: row.position_id, title: row.position_title ?? '' } : null,
    kind: row.kind,
    startOn: row.start_on,
    endOn: row.end_on,
    endReason: row.end_reason,
    source: row.source,
    sourceId: row.source_id,
    agreementId: row.agreement_id,
    days: repo.placementDays(row.start_on, row.end_on, today),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

const canRead = (user: SessionUser, row: PlacementRow) =>
  (!!row.talent_user_id && user.id === row.talent_user_id) || (!!row.employer_user_id && user.id === row.employer_user_id) || canAdminister(user, row.employer_region_code);

export async function getPlacement(deps: AppDeps, user: SessionUser | null, id: string): Promise<PlacementDto> {
  const me = signedIn(user);
  const row = await repo.findPlacement(deps.database, id);
  if (!row || !canRead(me, row)) throw notFound('Placement');
  return toPlacementDto(row, chinaToday(deps.now()));
}

/** Records a direct placement. The caller needs a relationship to the talent: a department, the
 * talent in its region subtree (and the employer too); an employer (verified), the talent applied to
 * one of its posts or holds a round proposal for one. Anything else is 404 — the same answer as for a
 * talent that does not exist, naming no one — and writes nothing. The insert repeats the checks. */
export async function createPlacement(deps: AppDeps, user: SessionUser | null, input: CreatePlacementData): Promise<PlacementDto> {
  const me = requireRole(user, 'department', 'employer');
  const { database } = deps;
  let employer: Awaited<ReturnType<typeof findEmployerById>>;
  let relation: RawBuilder<SqlBool>;
  const conditions: RawBuilder<SqlBool>[] = [];
  if (me.role === 'employer') {
    const own = await findEmployerByUser(database, me.id);
    if (!own) throw forbidden('Register your organisation first');
    assertVerified(own.status, 'record placements');
    if (input.employerId && input.employerId !== own.id) throw fieldError('employerId', 'own_employer_only');
    if (input.agreementId) throw fieldError('agreementId', 'agreement_department_only');
    employer = own;
    relation = repo.employerKnowsTalentSql(own.id, input.talentId);
    conditions.push(employerIsVerified(own.id));
  } else {
    if (!input.employerId) throw fieldError('employerId', 'required');
    employer = await findEmployerById(database, input.employerId);
    // Outside the department's region the employer is reported as unknown (existence does not leak).
    if (!employer || !canAdminister(me, employer.region_code)) throw notFoundAt('employerId', 'Employer', 'no_employer_in_region');
    const root = adminScope(me);
    if (root === null) throw forbidden('A department account needs a region');
    relation = repo.talentInSubtreeSql(input.talentId, root);
  }
  conditions.push(relation);
  const talent = await findTalentById(database, input.talentId);
  if (!talent || !(await repo.holds(database, relation))) throw notFoundAt('talentId', 'Talent', 'no_talent');
  if (input.positionId) {
    const position = await findPositionById(database, input.positionId);
    if (!position || position.employer_id !== employer.id) throw fieldError('positionId', 'no_position_of_employer');
  }
  if (input.agreementId) {
    const agreement = await repo.findAgreementTerms(database, input.agreementId);
    if (!agreement || agreement.talent_id !== talent.id || !(canAdminister(me, agreement.target_region_code) || canAdminister(me, agreement.sponsor_region_code))) {
      throw fieldError('agreementId', 'no_agreement_of_talent');
    }
    if (!isInSubtree(employer.region_code, agreement.target_region_code)) {
      throw fieldError('agreementId', 'employer_outside_target');
    }
    if (agreement.status !== 'awaiting_placement' && agreement.status !== 'serving') {
      throw new AppError('invalid_state', `An agreement that is ${agreement.status} cannot take a placement`);
    }
    // The service an agreement owes follows the training: it cannot start before the graduation year.
    if (input.startOn < `${agreement.graduation_year}-01-01`) throw fieldError('startOn', 'service_before_graduation', { year: agreement.graduation_year });
  }
  const now = deps.now();
  const today = chinaToday(now);
  const id = newId();
  const row = {
    id,
    talent_id: talent.id,
    employer_id: employer.id,
    position_id: input.positionId || null,
    kind: input.kind,
    start_on: input.startOn,
    end_on: input.endOn || null,
    source: 'direct' as const,
    source_id: null,
    agreement_id: input.agreementId || null,
    created_by: me.id,
    created_at: now,
    updated_at: now,
  };
  const unit = writeUnit(database, now).add('placement', repo.insertPlacementIf(database, row, conditions));
  // A past employment that already ended closes nothing.
  if (row.kind === 'employment' && (row.end_on === null || row.end_on >= today)) {
    unit.addAll(await closeOtherApplicationsQueries(deps, { placementId: id, talentId: talent.id, employerId: employer.id, now })).changes('notifications', 'mail_outbox');
  }
  if (row.agreement_id) {
    unit.addAll(repo.startServiceQueries(database, { placementId: id, actorUserId: me.id, now, note: `placement ${id}` }));
    if (row.end_on) unit.addAll(repo.fulfilIfServedQueries(database, { placementId: id, actorUserId: me.id, now, today }));
  }
  const { placement } = await unit.commit();
  if (placement.numAffectedRows === 0) throw new AppError('invalid_state', 'The talent, the employer or the agreement changed meanwhile; load them again');
  return getPlacement(deps, me, id);
}

/** 404 that names the field, and only the field: nothing about what the id stands for. */
const notFoundAt = (path: string, what: string, code: FieldCode) => new AppError('not_found', `${what} not found`, [fieldIssueAt(path, code)]);

export async function listPlacements(deps: AppDeps, user: SessionUser | null, filters: PlacementListFilters): Promise<Page<PlacementDto>> {
  const me = signedIn(user);
  const { page, pageSize } = filters;
  const empty = { items: [], total: 0, page, pageSize };
  let scope: repo.PlacementScope;
  if (me.role === 'department' || me.role === 'admin') {
    const root = adminScope(me);
    if (root === null) return empty;
    scope = { regionRoot: root };
  } else if (me.role === 'employer') {
    const own = await findEmployerByUser(deps.database, me.id);
    if (!own) return empty;
    scope = { employerId: own.id };
  } else {
    const talent = await findTalentByUserId(deps.database, me.id);
    if (!talent) return empty;
    scope = { talentId: talent.id };
  }
  const today = chinaToday(deps.now());
  const { items, total } = await repo.listPlacements(deps.database, scope, filters);
  return { items: items.map((r) => toPlacementDto(r, today)), total, page, pageSize };
}

/** Ends a placement once (department in scope or the employer), fulfilling its agreement when served. */
export async function endPlacement(deps: AppDeps, user: SessionUser | null, id: string, input: EndPlacementData): Promise<PlacementDto> {
  const me = requireRole(user, 'department', 'employer');
  const { database } = deps;
  const row = await repo.findPlacement(database, id);
  const mine = me.role === 'employer' ? !!row && row.employer_user_id === me.id : !!row && canAdminister(me, row.employer_region_code);
  if (!row || !mine) throw notFound('Placement');
  if (row.end_on) throw new AppError('invalid_state', `The placement already ended on ${row.end_on}`);
  if (input.endOn < row.start_on) throw fieldError('endOn', 'not_before_start', { date: row.start_on });
  const now = deps.now();
  const today = chinaToday(now);
  const unit = writeUnit(database, now).add('ended', repo.endPlacementIf(database, id, input.endOn, input.reason, now));
  // A fulfilled agreement ends the talent's 定向培养 tag in search.
  if (row.agreement_id) unit.addAll(repo.fulfilIfServedQueries(database, { placementId: id, actorUserId: me.id, now, today })).touch('talent', row.talent_id);
  const { ended } = await unit.commit();
  if (ended.numAffectedRows === 0) throw new AppError('invalid_state', 'The placement changed meanwhile; load it again');
  return getPlacement(deps, me, id);
}

/**
 * The statements that close the talent's open applications to other employers once the employment
 * placement `placementId` (at `employerId`) is written earlier in the same unit: each one's history
 * row and status change (conditional on its status and on that placement existing), and a
 * notification to its employer (conditional on the history row). An internship closes nothing.
 */
export async function closeOtherApplicationsQueries(deps: AppDeps, e: { placementId: string; talentId: string; employerId: string; now: number }): Promise<CompiledQuery[]> {
  const open = await repo.openApplicationsElsewhere(deps.database, e.talentId, e.employerId);
  const out: CompiledQuery[] = [];
  for (const a of open) {
    const eventId = newId();
    out.push(...repo.closeApplicationQueries(deps.database, { eventId, applicationId: a.id, from: a.status, placementId: e.placementId, now: e.now }));
    if (a.employer_user_id) {
      out.push(
        ...(await notificationRows(
          deps,
          {
            userId: a.employer_user_id,
            kind: 'application_closed_placed',
            params: { talent: a.talent_name, position: a.position_title },
            link: `/employer/positions/${a.position_id}/applicants`,
          },
          e.now,
          sql<boolean>`EXISTS (SELECT 1 FROM application_events WHERE id = ${eventId})`,
        )),
      );
    }
  }
  return out;
}
