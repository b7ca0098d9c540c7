// Employer logic shared by the JSON API and the web pages. Who may do what:
//   employer   — registers its own organisation (one per account), reads and edits it
//   department — the employers in its region subtree: the verification queue, verify, reject,
//                the internship-base flag; outside its subtree an employer is "not found"
//   admin      — what a department may, everywhere
//   anyone     — the public view (name, credit code, type, region, description) of verified employers
// Editing the name, credit code, type or region of a verified employer sends it back to
// verification (those are what a department attested); any edit of a rejected one resubmits it.
// Only a verified employer's posts are public: leaving verified holds its open posts, verifying it
// again reopens them (employers.repository.ts, migration 0015); src/employers/standing.ts has the
// rest of the rule (what an employer that is not verified may not do).
import type { AppDeps, SessionUser } from '../lib/context';
import { AppError, fieldIssueAt, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import { adminScope, assertCanAdminister, canAdminister } from '../lib/scope';
import { isInSubtree } from '../lib/regions-range';
import type { Employer } from '../../db/schema';
import { assertRegionExists } from '../regions';
import { isUniqueViolation, type WriteResult } from '../lib/database';
import { writeUnit } from '../lib/write-unit';
import { sql } from 'kysely';
import { notificationRows } from '../notifications';
import { requireRole } from '../lib/guards';
import * as repo from './employers.repository';
import {
  toFullEmployerDto,
  toPublicEmployerDto,
  type EmployerDto,
  type EmployerFilters,
  type EmployerInputData,
  type EmployerRecord,
  type EmployerUpdateData,
} from './employers.schemas';

const KEY_FIELDS = ['name', 'credit_code', 'type', 'region_code'] as const;

const creditCodeConflict = () => new AppError('conflict', 'An employer with this credit code is already registered', [fieldIssueAt('creditCode', 'credit_taken')]);

const emptyToNull = (v: string | null | undefined) => (v == null || v === '' ? null : v);

async function reload(deps: AppDeps, id: string): Promise<EmployerRecord> {
  const e = await repo.findEmployerById(deps.database, id);
  if (!e) throw notFound('Employer');
  return e;
}

/** The caller's own employer record, or undefined when the account has not registered one yet. */
export async function findOwnEmployer(deps: AppDeps, user: SessionUser): Promise<EmployerRecord | undefined> {
  return user.role === 'employer' ? repo.findEmployerByUser(deps.database, user.id) : undefined;
}

export async function registerEmployer(deps: AppDeps, user: SessionUser | null, input: EmployerInputData): Promise<EmployerDto> {
  const me = requireRole(user, 'employer');
  const { database } = deps;
  if (await repo.findEmployerByUser(database, me.id)) {
    throw new AppError('conflict', 'This account has already registered its organisation; edit it instead');
  }
  await assertRegionExists(database, input.regionCode, 'regionCode');
  if (await repo.creditCodeTaken(database, input.creditCode)) throw creditCodeConflict();
  const now = deps.now();
  const id = newId();
  try {
    await writeUnit(database, now)
      .add(
        repo.insertEmployer(database, {
          id,
          user_id: me.id,
          name: input.name,
          credit_code: input.creditCode,
          type: input.type,
          region_code: input.regionCode,
          address: emptyToNull(input.address),
          contact_name: input.contactName,
          contact_phone: input.contactPhone,
          description: emptyToNull(input.description),
          created_at: now,
          updated_at: now,
        }),
      )
      .commit();
  } catch (err) {
    if (isUniqueViolation(err, 'credit_code')) throw creditCodeConflict();
    if (isUniqueViolation(err, 'user_id')) throw new AppError('conflict', 'This account has already registered its organisation');
    throw err;
  }
  return toFullEmployerDto(await reload(deps, id));
}

export async function getOwnEmployer(deps: AppDeps, user: SessionUser | null): Promise<EmployerDto> {
  const me = requireRole(user, 'employer');
  const e = await repo.findEmployerByUser(deps.database, me.id);
  if (!e) throw notFound('Employer (register your organisation first)');
  return toFullEmployerDto(e);
}

export async function updateOwnEmployer(deps: AppDeps, user: SessionUser | null, patch: EmployerUpdateData): Promise<EmployerDto> {
  const me = requireRole(user, 'employer');
  const { database } = deps;
  const current = await repo.findEmployerByUser(database, me.id);
  if (!current) throw notFound('Employer (register your organisation first)');

  const changes: Partial<Employer> = {};
  if (patch.name !== undefined) changes.name = patch.name;
  if (patch.creditCode !== undefined) changes.credit_code = patch.creditCode;
  if (patch.type !== undefined) changes.type = patch.type;
  if (patch.regionCode !== undefined) changes.region_code = patch.regionCode;
  if (patch.address !== undefined) changes.address = emptyToNull(patch.address);
  if (patch.contactName !== undefined) changes.contact_name = patch.contactName;
  if (patch.contactPhone !== undefined) changes.contact_phone = patch.contactPhone;
  if (patch.description !== undefined) changes.description = emptyToNull(patch.description);

  if (changes.region_code !== undefined) await assertRegionExists(database, changes.region_code, 'regionCode');
  if (changes.credit_code !== undefined && changes.credit_code !== current.credit_code) {
    if (await repo.creditCodeTaken(database, changes.credit_code, current.id)) throw creditCodeConflict();
  }
  const changed = (Object.keys(changes) as (keyof Employer)[]).filter((k) => changes[k] !== current[k]);
  if (changed.length === 0) return toFullEmployerDto(current);

  const keyChanged = changed.some((k) => (KEY_FIELDS as readonly string[]).includes(k));
  const status: Employer['status'] = current.status === 'rejected' || (current.status === 'verified' && keyChanged) ? 'pending' : current.status;
  const now = deps.now();
  // Statements on the positions go first, guarded by the status read above; the employer update
  // is guarded the same way, so a review that lands in between makes the whole write a no-op.
  // Leaving verified holds the open posts (only a verified employer's posts are public).
  const unit = writeUnit(database, now);
  if (changed.includes('type')) unit.add(repo.updatePositionsEmployerType(database, current.id, changes.type!, current.status));
  if (current.status === 'verified' && status !== 'verified') unit.add(repo.holdOpenPositions(database, current.id, now, current.status));
  if (status !== current.status || changed.includes('type') || changed.includes('name') || changed.includes('region_code')) {
    unit.touchWhere('position', repo.positionsOfEmployerIn(database, current.id, current.status));
  }
  let results: { employer: WriteResult };
  try {
    results = await unit.add('employer', repo.updateEmployerIfStatus(database, current.id, current.status, { ...changes, status, updated_at: now })).commit();
  } catch (err) {
    if (isUniqueViolation(err, 'credit_code')) throw creditCodeConflict();
    throw err;
  }
  if (results.employer.numAffectedRows === 0) {
    throw new AppError('conflict', 'The employer was reviewed while you were editing; load it again and retry');
  }
  return toFullEmployerDto(await reload(deps, current.id));
}

/** The verification queue and employer list of a department (its subtree) or an admin (all). */
export async function listEmployersForReview(
  deps: AppDeps,
  user: SessionUser | null,
  filters: EmployerFilters,
): Promise<{ items: EmployerDto[]; total: number; page: number; pageSize: number }> {
  const me = requireRole(user, 'department', 'admin');
  const scope = adminScope(me) ?? '';
  const { page, pageSize } = filters;
  let within: string | null = scope;
  if (filters.regionCode) {
    if (isInSubtree(filters.regionCode, scope) || scope === '') within = filters.regionCode;
    else if (!isInSubtree(scope, filters.regionCode)) within = null; // disjoint: nothing to show
  }
  if (within === null) return { items: [], total: 0, page, pageSize };
  const { items, total } = await repo.listEmployers(deps.database, {
    status: filters.status,
    scope: within,
    nameContains: filters.q,
    sort: filters.sort ?? 'submitted',
    page,
    pageSize,
  });
  return { items: items.map(toFullEmployerDto), total, page, pageSize };
}

/** One employer as the caller may see it: in full (owner, department in scope, admin), the public
 * view when verified, otherwise not found. */
export async function getEmployerForViewer(deps: AppDeps, user: SessionUser | null, id: string): Promise<EmployerDto> {
  const e = await repo.findEmployerById(deps.database, id);
  if (!e) throw notFound('Employer');
  if (user && (e.user_id === user.id || canAdminister(user, e.region_code))) return toFullEmployerDto(e);
  if (e.status === 'verified') return toPublicEmployerDto(e);
  throw notFound('Employer');
}

async function review(deps: AppDeps, user: SessionUser | null, id: string, decision: 'verified' | 'rejected', note: string | null): Promise<EmployerDto> {
  const me = requireRole(user, 'department', 'admin');
  const { database } = deps;
  const e = await repo.findEmployerById(database, id);
  if (!e) throw notFound('Employer');
  assertCanAdminister(me, e.region_code, 'Employer');
  if (e.status !== 'pending') throw new AppError('invalid_state', `Only a pending employer can be reviewed; this one is ${e.status}`);
  const now = deps.now();
  const auditId = newId();
  // The employer's account hears of the decision, when it was written (its audit row exists).
  const notice = e.user_id
    ? await notificationRows(
        deps,
        {
          userId: e.user_id,
          kind: decision === 'verified' ? 'employer_verified' : 'employer_rejected',
          params: { employer: e.name, reason: note ?? '' },
          link: '/employer',
        },
        now,
        sql<boolean>`EXISTS (SELECT 1 FROM audit_log WHERE id = ${auditId})`,
      )
    : [];
  const unit = writeUnit(database, now).add(
    repo.auditIfEmployerStatus(
      database,
      { id, auditId, actorUserId: me.id, action: decision === 'verified' ? 'employer.verify' : 'employer.reject', detail: note, now },
      'pending',
    ),
    // Verified: the posts held when it left verified reopen. Rejected: open and held posts close.
  );
  unit.add(decision === 'rejected' ? repo.closeOpenPositionsIfEmployerPending(database, id, now) : repo.releaseHeldPositions(database, id, now, 'pending'));
  unit.touchWhere('position', repo.positionsOfEmployerIn(database, id, 'pending'));
  const results = await unit
    .add(
      'employer',
      repo.updateEmployerIfStatus(database, id, 'pending', {
        status: decision,
        review_note: note,
        reviewed_by: me.id,
        reviewed_at: now,
        updated_at: now,
      }),
    )
    .addAll(notice)
    .changes('notifications', 'mail_outbox')
    .commit();
  if (results.employer.numAffectedRows === 0) {
    throw new AppError('invalid_state', 'The employer was reviewed or changed meanwhile; load it again');
  }
  return toFullEmployerDto(await reload(deps, id));
}

export async function verifyEmployer(deps: AppDeps, user: SessionUser | null, id: string, note?: string | null): Promise<EmployerDto> {
  return review(deps, user, id, 'verified', emptyToNull(note));
}

/** Rejects a pending employer with a note saying why; any positions it still has open close. */
export async function rejectEmployer(deps: AppDeps, user: SessionUser | null, id: string, note: string): Promise<EmployerDto> {
  return review(deps, user, id, 'rejected', note);
}

/** Marks a verified employer as an internship base (实习基地), or unmarks it. */
export async function setInternshipBase(deps: AppDeps, user: SessionUser | null, id: string, internshipBase: boolean): Promise<EmployerDto> {
  const me = requireRole(user, 'department', 'admin');
  const { database } = deps;
  const e = await repo.findEmployerById(database, id);
  if (!e) throw notFound('Employer');
  assertCanAdminister(me, e.region_code, 'Employer');
  if (e.status !== 'verified') throw new AppError('invalid_state', `Only a verified employer can be an internship base; this one is ${e.status}`);
  const flag = internshipBase ? 1 : 0;
  if (e.internship_base === flag) return toFullEmployerDto(e);
  const now = deps.now();
  const results = await writeUnit(database, now)
    .add(
      repo.auditIfEmployerStatus(
        database,
        { id, auditId: newId(), actorUserId: me.id, action: internshipBase ? 'employer.internship_base.set' : 'employer.internship_base.unset', detail: null, now },
        'verified',
      ),
    )
    .add('employer', repo.updateEmployerIfStatus(database, id, 'verified', { internship_base: flag, updated_at: now }))
    .commit();
  if (results.employer.numAffectedRows === 0) throw new AppError('invalid_state', 'The employer changed meanwhile; load it again');
  return toFullEmployerDto(await reload(deps, id));
}
