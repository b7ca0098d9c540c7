// Application logic shared by the JSON API and the web pages. Who may do what:
//   graduate   — with a talent profile, applies once to a position that takes applications today,
//                reads and withdraws their own applications
//   employer   — reads the applications to its own positions with each applicant's profile summary
//                as a verified employer may see it (applying shares it, whatever the profile's
//                visibility), and, while verified (src/employers/standing.ts), moves them through the
//                status flow (applications.states.ts)
//   department — reads the applications to positions in its region subtree
//   admin      — reads every application
// Both sides see the history. A status change and its history row are one atomic write, both
// conditional on the status read, so an illegal or stale move changes nothing.
// Contact (issue #11 §5): applying states whether the employer may see the talent's phone and email
// from the interview stage on (default yes). Only that employer sees them, in full, from interview
// (interview, offer, hired); everyone else sees the phone masked. The first time they are shown is
// recorded (contact_shown_at) and the talent's page says so. Moving to interview needs its date,
// time and place or link; the employer may change them while at interview (a reschedule), and
// each time the talent is notified with the details.
import type { AppDeps, SessionUser } from '../lib/context';
import { writeUnit } from '../lib/write-unit';
import { sql } from 'kysely';
import { notificationRows } from '../notifications';
import { AppError, fieldError, fieldIssueAt, forbidden, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import { canAdminister } from '../lib/scope';
import { maskPhone } from '../lib/checksums';
import { isUniqueViolation, type WriteResult } from '../lib/database';
import { chinaToday } from '../lib/dates';
import { requireRole, signedIn } from '../lib/guards';
import { assertVerified, isVerified } from '../employers';
import { parseList } from '../positions';
import { findPositionById } from '../positions';
import { loadVisiblePosition } from '../positions';
import { closeOtherApplicationsQueries, insertPlacementForHiredApplication, startServiceQueries } from '../placements';
import * as repo from './applications.repository';
import type { ApplicationRow } from './applications.repository';
import { CONTACT_STAGES, employerMayMove, employerMovesFrom, graduateMayWithdraw, type ApplicationStatus } from './applications.states';
import type { ApplicantPageDto, ApplicationDto, ApplicationFilters, ApplicationWithHistoryDto, ApplyData, InterviewData, MoveData, RescheduleData } from './applications.schemas';

type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

const iso = (ms: number) => new Date(ms).toISOString();

function nextSteps(row: ApplicationRow, user: SessionUser): string[] {
  const status = row.status as ApplicationStatus;
  if (user.id === row.talent_user_id) return graduateMayWithdraw(status) ? ['withdrawn'] : [];
  if (user.id === row.employer_user_id) return isVerified(row.employer_status) ? employerMovesFrom(status) : [];
  return [];
}

/** The phone and email in full: only to the post's employer, from the interview stage on, with consent. */
function contactFor(row: ApplicationRow, viewer: SessionUser): ApplicationDto['contact'] {
  const shown = viewer.id === row.employer_user_id && row.contact_consent === 1 && CONTACT_STAGES.includes(row.status as ApplicationStatus);
  return shown ? { phone: row.talent_phone, email: row.talent_email } : null;
}

function interviewOf(row: ApplicationRow): ApplicationDto['interview'] {
  if (!row.interview_on || !row.interview_time) return null;
  return { date: row.interview_on, time: row.interview_time, place: row.interview_place, link: row.interview_link };
}

export function toApplicationDto(row: ApplicationRow, viewer: SessionUser): ApplicationDto {
  const party = viewer.id === row.talent_user_id || viewer.id === row.employer_user_id;
  return {
    id: row.id,
    status: row.status as ApplicationStatus,
    coverLetter: row.cover_letter,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    position: {
      id: row.position_id,
      title: row.position_title,
      status: row.position_status,
      regionCode: row.position_region_code,
      regionName: row.position_region_name,
      employerId: row.employer_id,
      employerName: row.employer_name,
    },
    applicant: {
      talentId: row.talent_id,
      name: row.talent_name,
      gender: row.talent_gender,
      birthYear: row.talent_birth_date ? Number(row.talent_birth_date.slice(0, 4)) : null,
      regionCode: row.talent_region_code,
      education: row.talent_education_level
        ? { level: row.talent_education_level, school: row.talent_school, major: row.talent_major, graduationYear: row.talent_graduation_year }
        : null,
      qualification: {
        level: row.talent_qualification_level,
        year: row.talent_qualification_year,
        registrationValidUntil: row.talent_registration_valid_until,
      },
      serviceAreas: parseList(row.talent_service_areas),
      languages: parseList(row.talent_languages),
      availability: row.talent_availability,
      phone: row.talent_phone ? maskPhone(row.talent_phone) : null,
    },
    contactConsent: row.contact_consent === 1,
    contact: contactFor(row, viewer),
    contactShownAt: party && row.contact_shown_at !== null ? iso(row.contact_shown_at) : null,
    interview: interviewOf(row),
    nextSteps: nextSteps(row, viewer),
  };
}

const canRead = (user: SessionUser, row: ApplicationRow) => user.id === row.talent_user_id || user.id === row.employer_user_id || canAdminister(user, row.position_region_code);

async function loadReadable(deps: AppDeps, user: SessionUser, id: string): Promise<ApplicationRow> {
  const row = await repo.findApplication(deps.database, id);
  if (!row || !canRead(user, row)) throw notFound('Application');
  return row;
}

async function withHistory(deps: AppDeps, user: SessionUser, id: string): Promise<ApplicationWithHistoryDto> {
  const row = await loadReadable(deps, user, id);
  const events = await repo.eventsOf(deps.database, id);
  return {
    ...toApplicationDto(row, user),
    events: events.map((e) => ({ fromStatus: e.from_status, toStatus: e.to_status, actorRole: e.actor_role, note: e.note, at: iso(e.created_at) })),
  };
}

export async function apply(deps: AppDeps, user: SessionUser | null, input: ApplyData): Promise<ApplicationWithHistoryDto> {
  const me = requireRole(user, 'graduate');
  const { database } = deps;
  const talentId = await repo.findTalentIdByUser(database, me.id);
  if (!talentId) throw new AppError('invalid_state', 'Create your talent profile before applying to positions');
  const position = await findPositionById(database, input.positionId);
  if (!position) throw fieldError('positionId', 'no_position');
  const now = deps.now();
  const today = chinaToday(now);
  if (position.status !== 'open') throw new AppError('invalid_state', `The position is ${position.status === 'draft' ? 'not published' : 'closed'}`);
  if (today < position.opens_on) throw new AppError('invalid_state', `The position takes applications from ${position.opens_on}`);
  if (today > position.closes_on) throw new AppError('invalid_state', `The position stopped taking applications on ${position.closes_on}`);
  const duplicate = () => new AppError('conflict', 'You have already applied to this position', [fieldIssueAt('positionId', 'already_applied')]);
  if (await repo.applicationExists(database, position.id, talentId)) throw duplicate();
  const id = newId();
  let results: { application: WriteResult };
  try {
    results = await writeUnit(database, now)
      .add(
        'application',
        repo.insertApplicationIfOpen(
          database,
          { id, position_id: position.id, talent_id: talentId, cover_letter: input.coverLetter || null, contact_consent: input.contactConsent === false ? 0 : 1, created_at: now },
          today,
        ),
      )
      .add(repo.insertEventIf(database, { id: newId(), applicationId: id, from: null, to: 'submitted', actorUserId: me.id, note: null, now }, null))
      .commit();
  } catch (err) {
    if (isUniqueViolation(err, 'applications.')) throw duplicate();
    throw err;
  }
  if (results.application.numAffectedRows === 0) throw new AppError('invalid_state', 'The position stopped taking applications meanwhile');
  return withHistory(deps, me, id);
}

async function transition(
  deps: AppDeps,
  me: SessionUser,
  row: ApplicationRow,
  to: ApplicationStatus,
  note: string | null,
  interview: repo.InterviewRow | null = null,
): Promise<ApplicationWithHistoryDto> {
  const { database } = deps;
  const now = deps.now();
  const from = row.status;
  // Hired: the placement (and the move of the talent's agreement awaiting placement in the
  // position's region to serving) is part of the same write, conditional on the application being hired.
  const placementId = newId();
  const hiredQueries =
    to === 'hired'
      ? [
          insertPlacementForHiredApplication(database, { placementId, applicationId: row.id, actorUserId: me.id, today: chinaToday(now), now }),
          ...startServiceQueries(database, { placementId, actorUserId: me.id, now, note: `hired: application ${row.id}` }),
          ...(await closeOtherApplicationsQueries(deps, { placementId, talentId: row.talent_id, employerId: row.employer_id, now })),
        ]
      : [];
  const byEmployer = me.role === 'employer';
  const eventId = newId();
  // The talent hears of an employer's move, when the move was written (its history row exists).
  const notice =
    byEmployer && row.talent_user_id
      ? await notificationRows(
          deps,
          {
            userId: row.talent_user_id,
            kind: 'application_stage',
            params: { position: row.position_title, employer: row.employer_name, stage: to, note: note ?? '', ...interviewParams(interview) },
            link: '/me/applications',
          },
          now,
          sql<boolean>`EXISTS (SELECT 1 FROM application_events WHERE id = ${eventId})`,
        )
      : [];
  const { moved } = await writeUnit(database, now)
    .add(repo.insertEventIf(database, { id: eventId, applicationId: row.id, from, to, actorUserId: me.id, note, now }, from, byEmployer))
    .add('moved', repo.updateStatusIf(database, row.id, from, to, now, byEmployer))
    .addAll(interview ? [repo.setInterviewIf(database, row.id, interview, now)] : [])
    .add(repo.markContactShownIf(database, row.id, CONTACT_STAGES, now))
    .addAll(hiredQueries)
    .addAll(notice)
    .changes('notifications', 'mail_outbox')
    .commit();
  if (moved.numAffectedRows === 0) throw new AppError('invalid_state', 'The application changed meanwhile; load it again');
  return withHistory(deps, me, row.id);
}

/** The graduate withdraws their own application while it is not final. */
export async function withdraw(deps: AppDeps, user: SessionUser | null, id: string, note?: string | null): Promise<ApplicationWithHistoryDto> {
  const me = requireRole(user, 'graduate');
  const row = await repo.findApplication(deps.database, id);
  if (!row || row.talent_user_id !== me.id) throw notFound('Application');
  if (!graduateMayWithdraw(row.status as ApplicationStatus)) {
    throw new AppError('invalid_state', `An application that is ${row.status} can no longer be withdrawn`);
  }
  return transition(deps, me, row, 'withdrawn', note || null);
}

/** The employer moves an application to its own position one step on, or rejects it. */
export async function moveApplication(deps: AppDeps, user: SessionUser | null, id: string, input: MoveData): Promise<ApplicationWithHistoryDto> {
  const me = requireRole(user, 'employer');
  const row = await repo.findApplication(deps.database, id);
  if (!row || row.employer_user_id !== me.id) throw notFound('Application');
  assertVerified(row.employer_status, 'move applicants');
  const from = row.status as ApplicationStatus;
  if (!employerMayMove(from, input.status)) {
    const allowed = employerMovesFrom(from);
    throw new AppError(
      'invalid_state',
      `An application that is ${from} cannot move to ${input.status}${allowed.length ? ` (it can move to ${allowed.join(' or ')})` : ' (it is final)'}`,
    );
  }
  const interview = input.status === 'interview' ? checkInterview(input.interview, chinaToday(deps.now())) : null;
  return transition(deps, me, row, input.status, input.note || null, interview);
}

/** The interview's details as stored, after the checks the schema leaves to the service. */
function checkInterview(i: InterviewData | undefined, today: string): repo.InterviewRow {
  if (!i) throw fieldError('interview', 'required');
  if (i.date < today) throw fieldError('interview.date', 'today_or_later');
  const place = i.place || null;
  const link = i.link || null;
  if (!place && !link) throw fieldError('interview.place', 'place_or_link');
  return { interview_on: i.date, interview_time: i.time, interview_place: place, interview_link: link };
}

function interviewParams(i: repo.InterviewRow | null): Record<string, string> {
  return i ? { date: i.interview_on, time: i.interview_time, place: i.interview_place ?? '', link: i.interview_link ?? '' } : {};
}

/** The employer changes the interview's date, time, place or link while the application is at the
 * interview stage: a history row, the new details and the talent's notification in one write. */
export async function rescheduleInterview(deps: AppDeps, user: SessionUser | null, id: string, input: RescheduleData): Promise<ApplicationWithHistoryDto> {
  const me = requireRole(user, 'employer');
  const { database } = deps;
  const row = await repo.findApplication(database, id);
  if (!row || row.employer_user_id !== me.id) throw notFound('Application');
  assertVerified(row.employer_status, 'schedule interviews');
  if (row.status !== 'interview')
    throw new AppError('invalid_state', `The application is ${row.status}, not at the interview stage`, [fieldIssueAt('status', 'interview_stage_only')]);
  const now = deps.now();
  const interview = checkInterview(input.interview, chinaToday(now));
  const note = input.note || null;
  const eventId = newId();
  const notice = row.talent_user_id
    ? await notificationRows(
        deps,
        {
          userId: row.talent_user_id,
          kind: 'interview_rescheduled',
          params: { position: row.position_title, employer: row.employer_name, note: note ?? '', ...interviewParams(interview) },
          link: '/me/applications',
        },
        now,
        sql<boolean>`EXISTS (SELECT 1 FROM application_events WHERE id = ${eventId})`,
      )
    : [];
  const { event } = await writeUnit(database, now)
    .add('event', repo.insertEventIf(database, { id: eventId, applicationId: row.id, from: 'interview', to: 'interview', actorUserId: me.id, note, now }, 'interview', true))
    .add(repo.setInterviewIf(database, row.id, interview, now))
    .addAll(notice)
    .changes('notifications', 'mail_outbox')
    .commit();
  if (event.numAffectedRows === 0) throw new AppError('invalid_state', 'The application changed meanwhile; load it again');
  return withHistory(deps, me, row.id);
}

export async function listMyApplications(deps: AppDeps, user: SessionUser | null, filters: ApplicationFilters): Promise<Page<ApplicationDto>> {
  const me = requireRole(user, 'graduate');
  const { page, pageSize } = filters;
  const talentId = await repo.findTalentIdByUser(deps.database, me.id);
  if (!talentId) return { items: [], total: 0, page, pageSize };
  const { items, total } = await repo.listApplications(deps.database, { talentId }, filters);
  return { items: items.map((r) => toApplicationDto(r, me)), total, page, pageSize };
}

/** The applications to a position: its employer, departments in scope and admins. */
export async function listApplicants(deps: AppDeps, user: SessionUser | null, positionId: string, filters: ApplicationFilters): Promise<ApplicantPageDto> {
  const me = requireRole(user, 'employer', 'department', 'admin');
  const position = await loadVisiblePosition(deps, me, positionId);
  const owner = me.role === 'employer' && position.employer_user_id === me.id;
  if (!owner && !canAdminister(me, position.region_code)) throw forbidden('Only the employer that posted this position sees its applicants');
  const { page, pageSize } = filters;
  const [{ items, total }, stageCounts] = await Promise.all([repo.listApplications(deps.database, { positionId }, filters), repo.stageCounts(deps.database, positionId)]);
  return { items: items.map((r) => toApplicationDto(r, me)), total, page, pageSize, stageCounts };
}

/** One application with its history, for the graduate, the employer, departments in scope, admins. */
export async function getApplicationWithHistory(deps: AppDeps, user: SessionUser | null, id: string): Promise<ApplicationWithHistoryDto> {
  return withHistory(deps, signedIn(user), id);
}
