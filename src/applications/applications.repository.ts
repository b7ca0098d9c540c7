// Application queries. Writes come back as compiled queries for one atomic write; each one carries
// its own condition (status, open dates) so that a write that lost a race changes nothing.
import { sql, type CompiledQuery } from 'kysely';
import type { Database } from '../lib/database';
import type { Application, Role } from '../../db/schema';
import { employerIsVerified } from '../employers';

export async function findTalentIdByUser(database: Database, userId: string): Promise<string | undefined> {
  const row = await database.db.selectFrom('talents').select('id').where('user_id', '=', userId).executeTakeFirst();
  return row?.id;
}

export async function applicationExists(database: Database, positionId: string, talentId: string): Promise<boolean> {
  const row = await database.db.selectFrom('applications').select('id').where('position_id', '=', positionId).where('talent_id', '=', talentId).executeTakeFirst();
  return !!row;
}

function joined(database: Database) {
  return database.db
    .selectFrom('applications as a')
    .innerJoin('positions as p', 'p.id', 'a.position_id')
    .innerJoin('employers as e', 'e.id', 'p.employer_id')
    .innerJoin('regions as r', 'r.code', 'p.region_code')
    .innerJoin('talents as t', 't.id', 'a.talent_id')
    .leftJoin('users as tu', 'tu.id', 't.user_id')
    .select([
      'a.id',
      'a.status',
      'a.cover_letter',
      'a.contact_consent',
      'a.contact_shown_at',
      'a.interview_on',
      'a.interview_time',
      'a.interview_place',
      'a.interview_link',
      'tu.email as talent_email',
      'a.created_at',
      'a.updated_at',
      'a.position_id',
      'p.title as position_title',
      'p.status as position_status',
      'p.region_code as position_region_code',
      'r.full_name as position_region_name',
      'p.employer_id',
      'e.name as employer_name',
      'e.user_id as employer_user_id',
      'e.status as employer_status',
      't.id as talent_id',
      't.user_id as talent_user_id',
      't.name as talent_name',
      't.gender as talent_gender',
      't.birth_date as talent_birth_date',
      't.phone as talent_phone',
      't.region_code as talent_region_code',
      't.education_level as talent_education_level',
      't.school as talent_school',
      't.major as talent_major',
      't.graduation_year as talent_graduation_year',
      't.qualification_level as talent_qualification_level',
      't.qualification_year as talent_qualification_year',
      't.registration_valid_until as talent_registration_valid_until',
      't.service_areas as talent_service_areas',
      't.languages as talent_languages',
      't.availability as talent_availability',
    ]);
}

export type ApplicationRow = NonNullable<Awaited<ReturnType<ReturnType<typeof joined>['executeTakeFirst']>>>;

export async function findApplication(database: Database, id: string): Promise<ApplicationRow | undefined> {
  return joined(database).where('a.id', '=', id).executeTakeFirst();
}

export async function listApplications(
  database: Database,
  by: { talentId: string } | { positionId: string },
  f: { status?: string; page: number; pageSize: number },
): Promise<{ items: ApplicationRow[]; total: number }> {
  let count = database.db.selectFrom('applications as a').select((eb) => eb.fn.countAll<number>().as('n'));
  let page = joined(database);
  if ('talentId' in by) {
    count = count.where('a.talent_id', '=', by.talentId);
    page = page.where('a.talent_id', '=', by.talentId);
  } else {
    count = count.where('a.position_id', '=', by.positionId);
    page = page.where('a.position_id', '=', by.positionId);
  }
  if (f.status) {
    count = count.where('a.status', '=', f.status);
    page = page.where('a.status', '=', f.status);
  }
  const [counted, items] = await Promise.all([
    count.executeTakeFirstOrThrow(),
    page
      .orderBy('a.created_at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
  ]);
  return { items, total: Number(counted.n) };
}

export interface EventRow {
  from_status: string | null;
  to_status: string;
  actor_role: Role | null;
  note: string | null;
  created_at: number;
}

export async function eventsOf(database: Database, applicationId: string): Promise<EventRow[]> {
  return database.db
    .selectFrom('application_events as ev')
    .leftJoin('users as u', 'u.id', 'ev.actor_user_id')
    .select(['ev.from_status', 'ev.to_status', 'u.role as actor_role', 'ev.note', 'ev.created_at'])
    .where('ev.application_id', '=', applicationId)
    .orderBy('ev.created_at', 'asc')
    .orderBy(sql`ev.rowid`, 'asc')
    .execute();
}

/** The new application, inserted only while the position takes applications today. */
export function insertApplicationIfOpen(
  database: Database,
  a: Pick<Application, 'id' | 'position_id' | 'talent_id' | 'cover_letter' | 'created_at' | 'contact_consent'>,
  today: string,
): CompiledQuery {
  const select = database.db
    .selectFrom('positions')
    .select((eb) => [
      eb.val(a.id).as('id'),
      'positions.id as position_id',
      eb.val(a.talent_id).as('talent_id'),
      eb.val('submitted').as('status'),
      eb.val(a.cover_letter).as('cover_letter'),
      eb.val(a.contact_consent).as('contact_consent'),
      eb.val(a.created_at).as('created_at'),
      eb.val(a.created_at).as('updated_at'),
    ])
    .where('positions.id', '=', a.position_id)
    .where('positions.status', '=', 'open')
    .where('positions.opens_on', '<=', today)
    .where('positions.closes_on', '>=', today);
  return database.db
    .insertInto('applications')
    .columns(['id', 'position_id', 'talent_id', 'status', 'cover_letter', 'contact_consent', 'created_at', 'updated_at'])
    .expression(select)
    .compile();
}

/** A history row, written only while the application is in `from` (null: only if it exists,
 * for the first row). Put it before the status update it records. */
export function insertEventIf(
  database: Database,
  e: { id: string; applicationId: string; from: string | null; to: string; actorUserId: string; note: string | null; now: number },
  expectedStatus: string | null,
  byEmployer = false,
): CompiledQuery {
  let select = database.db
    .selectFrom('applications')
    .select((eb) => [
      eb.val(e.id).as('id'),
      'applications.id as application_id',
      eb.val(e.from).as('from_status'),
      eb.val(e.to).as('to_status'),
      eb.val(e.actorUserId).as('actor_user_id'),
      eb.val(e.note).as('note'),
      eb.val(e.now).as('created_at'),
    ])
    .where('applications.id', '=', e.applicationId);
  if (expectedStatus !== null) select = select.where('applications.status', '=', expectedStatus);
  if (byEmployer) select = select.where(employerOfApplicationVerified);
  return database.db
    .insertInto('application_events')
    .columns(['id', 'application_id', 'from_status', 'to_status', 'actor_user_id', 'note', 'created_at'])
    .expression(select)
    .compile();
}

/** The status change, only from `from`; with `byEmployer`, only while the position's employer is
 * verified (src/employers/standing.ts). Put it after its history row (insertEventIf, same flag). */
export function updateStatusIf(database: Database, id: string, from: string, to: string, now: number, byEmployer = false): CompiledQuery {
  let q = database.db.updateTable('applications').set({ status: to, updated_at: now }).where('id', '=', id).where('status', '=', from);
  if (byEmployer) q = q.where(employerOfApplicationVerified);
  return q.compile();
}

const employerOfApplicationVerified = employerIsVerified(sql`(select p.employer_id from positions p where p.id = applications.position_id)`);

/** How many of a position's applications are at each status. */
export async function stageCounts(database: Database, positionId: string): Promise<Record<string, number>> {
  const rows = await database.db
    .selectFrom('applications')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('position_id', '=', positionId)
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

export interface InterviewRow {
  interview_on: string;
  interview_time: string;
  interview_place: string | null;
  interview_link: string | null;
}

/** The interview details, only while the application is at the interview stage (put it after the
 * status update that moves it there, or after a reschedule's history row). */
export function setInterviewIf(database: Database, id: string, i: InterviewRow, now: number): CompiledQuery {
  return database.db
    .updateTable('applications')
    .set({ ...i, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'interview')
    .compile();
}

/** Records when the employer could first see a consenting talent's phone and email: the first time
 * the application is at a stage that shows them (put it after the status update). */
export function markContactShownIf(database: Database, id: string, stages: string[], now: number): CompiledQuery {
  return database.db
    .updateTable('applications')
    .set({ contact_shown_at: now })
    .where('id', '=', id)
    .where('status', 'in', stages)
    .where('contact_consent', '=', 1)
    .where('contact_shown_at', 'is', null)
    .compile();
}
