// Placement queries. Writes come back as compiled queries for one atomic write; each carries its own
// condition so that a write that lost a race changes nothing (ARCHITECTURE.md, "How a write flows").
//
// Served time (documented rule): a placement counts its days inclusively, start_on through end_on,
// an open one through today (China date); a placement that starts after today counts 0. An
// agreement's served days are the sum over its placements; it owes service_years × 365 days.
// Fulfilment is written in the same atomic write that ends a placement (conditional SQL below);
// an open placement that reaches the owed time is shown as `fulfillable` on read and the department
// records it with POST /agreements/{id}/status {status: 'fulfilled'}.
import { sql, type CompiledQuery, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from '../lib/database';
import type { AgreementStatus, Placement } from '../../db/schema';
import { newId } from '../lib/ids';
import { subtreeRange } from '../lib/regions-range';
import { sortParts, type SortKey } from '../lib/openapi';

export const DAYS_PER_SERVICE_YEAR = 365;

/** Inclusive days of one placement up to `today` (pure; the SQL below computes the same). */
export function placementDays(startOn: string, endOn: string | null, today: string): number {
  const end = endOn && endOn < today ? endOn : today;
  if (end < startOn) return 0;
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${startOn}T00:00:00Z`)) / 86_400_000) + 1;
}

function withNames(database: Database) {
  return database.db
    .selectFrom('placements as pl')
    .innerJoin('talents as t', 't.id', 'pl.talent_id')
    .innerJoin('employers as e', 'e.id', 'pl.employer_id')
    .leftJoin('positions as p', 'p.id', 'pl.position_id')
    .selectAll('pl')
    .select([
      't.name as talent_name',
      't.user_id as talent_user_id',
      'e.name as employer_name',
      'e.user_id as employer_user_id',
      'e.region_code as employer_region_code',
      'p.title as position_title',
    ]);
}

export type PlacementRow = NonNullable<Awaited<ReturnType<ReturnType<typeof withNames>['executeTakeFirst']>>>;

export async function findPlacement(database: Database, id: string): Promise<PlacementRow | undefined> {
  return withNames(database).where('pl.id', '=', id).executeTakeFirst();
}

export interface PlacementScope {
  /** Employer region subtree ('' = all). */
  regionRoot?: string;
  employerId?: string;
  talentId?: string;
}

export interface PlacementFilters {
  kind?: 'employment' | 'internship';
  agreementId?: string;
  talentId?: string;
  employerId?: string;
  open?: boolean;
  /** Any part of the talent's or the employer's name. */
  q?: string;
  sort?: SortKey<PlacementSortColumn>;
  page: number;
  pageSize: number;
}

export type PlacementSortColumn = 'talent' | 'employer' | 'kind' | 'start' | 'end';
const PLACEMENT_ORDER = { talent: sql`t.name`, employer: sql`e.name`, kind: sql`pl.kind`, start: sql`pl.start_on`, end: sql`pl.end_on` } as const;

export async function listPlacements(database: Database, scope: PlacementScope, f: PlacementFilters): Promise<{ items: PlacementRow[]; total: number }> {
  const where = (eb: any): Expression<SqlBool> => {
    const c: Expression<SqlBool>[] = [];
    if (scope.regionRoot) {
      const { from, to } = subtreeRange(scope.regionRoot);
      c.push(eb('e.region_code', '>=', from), eb('e.region_code', '<', to));
    }
    if (scope.employerId) c.push(eb('pl.employer_id', '=', scope.employerId));
    if (scope.talentId) c.push(eb('pl.talent_id', '=', scope.talentId));
    if (f.kind) c.push(eb('pl.kind', '=', f.kind));
    if (f.agreementId) c.push(eb('pl.agreement_id', '=', f.agreementId));
    if (f.talentId) c.push(eb('pl.talent_id', '=', f.talentId));
    if (f.employerId) c.push(eb('pl.employer_id', '=', f.employerId));
    if (f.open === true) c.push(eb('pl.end_on', 'is', null));
    if (f.open === false) c.push(eb('pl.end_on', 'is not', null));
    if (f.q) {
      const like = `%${f.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      c.push(sql<SqlBool>`(t.name LIKE ${like} ESCAPE '\\' OR e.name LIKE ${like} ESCAPE '\\')`);
    }
    return eb.and(c);
  };
  const count = database.db
    .selectFrom('placements as pl')
    .innerJoin('employers as e', 'e.id', 'pl.employer_id')
    .innerJoin('talents as t', 't.id', 'pl.talent_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(where);
  const { column, desc } = sortParts(f.sort ?? '-start');
  const page = withNames(database)
    .where(where)
    .orderBy(PLACEMENT_ORDER[column], desc ? 'desc' : 'asc')
    .orderBy('pl.start_on', 'desc')
    .orderBy('pl.id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const [counted, items] = await Promise.all([count.executeTakeFirstOrThrow(), page.execute()]);
  return { items, total: Number(counted.n) };
}

export async function placementsOfAgreements(database: Database, agreementIds: string[]): Promise<Pick<Placement, 'agreement_id' | 'start_on' | 'end_on'>[]> {
  if (agreementIds.length === 0) return [];
  return database.db.selectFrom('placements').select(['agreement_id', 'start_on', 'end_on']).where('agreement_id', 'in', agreementIds).execute();
}

/** Moves the agreement a placement serves from `from` to `to` as two statements (history row
 * first, then the update), both conditional on the agreement still being in `from` and on
 * `condition`, so a concurrent change makes the pair a no-op. Put them after the placement write. */
function moveAgreementOfPlacement(
  database: Database,
  e: { placementId: string; from: AgreementStatus; to: AgreementStatus; actorUserId: string | null; note: string; now: number; condition?: RawBuilder<SqlBool> },
): CompiledQuery[] {
  const agreementOfPlacement = database.db.selectFrom('placements').select('agreement_id').where('id', '=', e.placementId);
  const condition = e.condition ?? sql<SqlBool>`1`;
  const event = database.db
    .insertInto('agreement_events')
    .columns(['id', 'agreement_id', 'from_status', 'to_status', 'actor_user_id', 'note', 'created_at'])
    .expression(
      database.db
        .selectFrom('agreements')
        .select((eb) => [
          eb.val(newId()).as('id'),
          'agreements.id as agreement_id',
          eb.val(e.from).as('from_status'),
          eb.val(e.to).as('to_status'),
          eb.val(e.actorUserId).as('actor_user_id'),
          eb.val(e.note).as('note'),
          eb.val(e.now).as('created_at'),
        ])
        .where('agreements.id', '=', agreementOfPlacement)
        .where('agreements.status', '=', e.from)
        .where(condition),
    )
    .compile();
  const update = database.db
    .updateTable('agreements')
    .set({ status: e.to, updated_at: e.now, ...(e.to === 'fulfilled' ? { status_note: e.note } : {}) })
    .where('id', '=', agreementOfPlacement)
    .where('status', '=', e.from)
    .where(condition)
    .compile();
  return [event, update];
}

/** A placement that serves an agreement awaiting placement moves it to serving. */
export function startServiceQueries(database: Database, e: { placementId: string; actorUserId: string | null; now: number; note: string }): CompiledQuery[] {
  return moveAgreementOfPlacement(database, { ...e, from: 'awaiting_placement', to: 'serving' });
}

/** SQL for an agreement's served days as of `today` (same rule as placementDays). */
function servedDaysSql(today: string) {
  return sql<number>`(SELECT COALESCE(SUM(MAX(0, CAST(julianday(MIN(COALESCE(pl.end_on, ${today}), ${today})) - julianday(pl.start_on) AS INTEGER) + 1)), 0)
    FROM placements pl WHERE pl.agreement_id = agreements.id)`;
}

/** After a placement ends: its agreement, if serving and now served in full, becomes fulfilled. */
export function fulfilIfServedQueries(database: Database, e: { placementId: string; actorUserId: string | null; now: number; today: string }): CompiledQuery[] {
  const served = sql<SqlBool>`${servedDaysSql(e.today)} >= agreements.service_years * ${DAYS_PER_SERVICE_YEAR}`;
  return moveAgreementOfPlacement(database, { ...e, from: 'serving', to: 'fulfilled', note: 'service time served in full', condition: served });
}

/** Ends an open placement once, and only with an end date not before its start. */
export function endPlacementIf(database: Database, id: string, endOn: string, reason: string, now: number): CompiledQuery {
  return database.db
    .updateTable('placements')
    .set({ end_on: endOn, end_reason: reason, updated_at: now })
    .where('id', '=', id)
    .where('end_on', 'is', null)
    .where('start_on', '<=', endOn)
    .compile();
}

/** The placement an application marked hired creates, in the same atomic write as the status change:
 * inserted only when the application is hired (put it after the status update); it serves the
 * talent's agreement awaiting placement whose target region contains the position's region. */
export function insertPlacementForHiredApplication(
  database: Database,
  e: { placementId: string; applicationId: string; actorUserId: string; today: string; now: number },
): CompiledQuery {
  const select = database.db
    .selectFrom('applications as a')
    .innerJoin('positions as p', 'p.id', 'a.position_id')
    .select((eb) => [
      eb.val(e.placementId).as('id'),
      'a.talent_id as talent_id',
      'p.employer_id as employer_id',
      'p.id as position_id',
      eb.val('employment').as('kind'),
      eb.val(e.today).as('start_on'),
      eb.val('application').as('source'),
      'a.id as source_id',
      eb
        .selectFrom('agreements as ag')
        .select('ag.id')
        .whereRef('ag.talent_id', '=', 'a.talent_id')
        .where('ag.status', '=', 'awaiting_placement')
        // Service follows the training: a hire before the graduation year serves no agreement yet.
        .where('ag.graduation_year', '<=', Number(e.today.slice(0, 4)))
        .where(sql<SqlBool>`substr(p.region_code, 1, length(ag.target_region_code)) = ag.target_region_code`)
        .orderBy('ag.signed_on')
        .orderBy('ag.id')
        .limit(1)
        .as('agreement_id'),
      eb.val(e.actorUserId).as('created_by'),
      eb.val(e.now).as('created_at'),
      eb.val(e.now).as('updated_at'),
    ])
    .where('a.id', '=', e.applicationId)
    .where('a.status', '=', 'hired');
  return database.db
    .insertInto('placements')
    .orIgnore()
    .columns(['id', 'talent_id', 'employer_id', 'position_id', 'kind', 'start_on', 'source', 'source_id', 'agreement_id', 'created_by', 'created_at', 'updated_at'])
    .expression(select)
    .compile();
}

/** SQL: the talent applied to one of the employer's posts, or holds a proposal for one of them in a
 * round its employer can see (published or closed) — what lets an employer record a placement. */
export function employerKnowsTalentSql(employerId: string, talentId: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`(exists (select 1 from applications ka join positions kp on kp.id = ka.position_id
      where ka.talent_id = ${talentId} and kp.employer_id = ${employerId})
    or exists (select 1 from round_proposals kr join positions kp on kp.id = kr.position_id join rounds kd on kd.id = kr.round_id
      where kr.talent_id = ${talentId} and kp.employer_id = ${employerId} and kd.status in ('published', 'closed')))`;
}

/** SQL: the talent is registered in the region subtree `root` ('' = anywhere). */
export function talentInSubtreeSql(talentId: string, root: string): RawBuilder<SqlBool> {
  if (root === '') return sql<SqlBool>`exists (select 1 from talents kt where kt.id = ${talentId})`;
  const { from, to } = subtreeRange(root);
  return sql<SqlBool>`exists (select 1 from talents kt where kt.id = ${talentId} and kt.region_code >= ${from} and kt.region_code < ${to})`;
}

/** Evaluates one of the conditions above now (the insert repeats it at write time). */
export async function holds(database: Database, condition: RawBuilder<SqlBool>): Promise<boolean> {
  const { rows } = await sql<{ ok: number }>`select ${condition} as ok`.execute(database.db);
  return Number(rows[0]?.ok) === 1;
}

/** A direct placement, inserted only while every condition holds (the caller's relationship to the
 * talent and the employer, checked again at write time) and, when it serves an agreement, while that
 * agreement takes placements (awaiting_placement or serving). */
export function insertPlacementIf(database: Database, row: Omit<Placement, 'end_reason'>, conditions: RawBuilder<SqlBool>[] = []): CompiledQuery {
  let select = database.db
    .selectFrom('employers as host')
    .select((eb) => [
      eb.val(row.id).as('id'),
      eb.val(row.talent_id).as('talent_id'),
      'host.id as employer_id',
      eb.val(row.position_id).as('position_id'),
      eb.val(row.kind).as('kind'),
      eb.val(row.start_on).as('start_on'),
      eb.val(row.end_on).as('end_on'),
      eb.val(row.source).as('source'),
      eb.val(row.source_id).as('source_id'),
      eb.val(row.agreement_id).as('agreement_id'),
      eb.val(row.created_by).as('created_by'),
      eb.val(row.created_at).as('created_at'),
      eb.val(row.updated_at).as('updated_at'),
    ])
    .where('host.id', '=', row.employer_id);
  if (row.agreement_id) {
    select = select.where(
      sql<SqlBool>`exists (select 1 from agreements where agreements.id = ${row.agreement_id} and agreements.talent_id = ${row.talent_id}
        and agreements.status in ('awaiting_placement', 'serving'))`,
    );
  }
  for (const c of conditions) select = select.where(c);
  return database.db
    .insertInto('placements')
    .columns(['id', 'talent_id', 'employer_id', 'position_id', 'kind', 'start_on', 'end_on', 'source', 'source_id', 'agreement_id', 'created_by', 'created_at', 'updated_at'])
    .expression(select)
    .compile();
}

/** The terms of an agreement a placement may serve: its talent, regions and status. */
export async function findAgreementTerms(database: Database, id: string) {
  return database.db
    .selectFrom('agreements')
    .select(['talent_id', 'target_region_code', 'sponsor_region_code', 'status', 'graduation_year'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The talent's open applications (not final) to posts of employers other than `employerId`: what
 * an employment placement at `employerId` closes (closeOtherApplicationsQueries in the service). */
export async function openApplicationsElsewhere(database: Database, talentId: string, employerId: string) {
  return database.db
    .selectFrom('applications as a')
    .innerJoin('positions as p', 'p.id', 'a.position_id')
    .innerJoin('employers as e', 'e.id', 'p.employer_id')
    .innerJoin('talents as t', 't.id', 'a.talent_id')
    .select(['a.id', 'a.status', 'p.id as position_id', 'p.title as position_title', 'e.user_id as employer_user_id', 't.name as talent_name'])
    .where('a.talent_id', '=', talentId)
    .where('a.status', 'in', OPEN_APPLICATION_STATUSES)
    .where('p.employer_id', '!=', employerId)
    .execute();
}

/** Statuses of applications that are not final (src/applications/applications.states.ts). */
const OPEN_APPLICATION_STATUSES = ['submitted', 'reviewing', 'interview', 'offer'];
export const PLACED_ELSEWHERE = 'placed_elsewhere';
export const PLACED_ELSEWHERE_NOTE = '已在其他单位就业';

/** SQL: the placement exists and is an employment at an employer other than the application's. */
function employedElsewhereSql(placementId: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`EXISTS (SELECT 1 FROM placements pl WHERE pl.id = ${placementId} AND pl.kind = 'employment'
    AND pl.employer_id <> (SELECT cp.employer_id FROM positions cp WHERE cp.id = applications.position_id))`;
}

/** One application closed by a placement: its history row, then the status change, each only
 * while the application is still in `from` and the placement (written earlier in the unit) exists. */
export function closeApplicationQueries(database: Database, e: { eventId: string; applicationId: string; from: string; placementId: string; now: number }): CompiledQuery[] {
  const event = database.db
    .insertInto('application_events')
    .columns(['id', 'application_id', 'from_status', 'to_status', 'actor_user_id', 'note', 'created_at'])
    .expression(
      database.db
        .selectFrom('applications')
        .select((eb) => [
          eb.val(e.eventId).as('id'),
          'applications.id as application_id',
          eb.val(e.from).as('from_status'),
          eb.val(PLACED_ELSEWHERE).as('to_status'),
          eb.val(null).as('actor_user_id'),
          eb.val(PLACED_ELSEWHERE_NOTE).as('note'),
          eb.val(e.now).as('created_at'),
        ])
        .where('applications.id', '=', e.applicationId)
        .where('applications.status', '=', e.from)
        .where(employedElsewhereSql(e.placementId)),
    )
    .compile();
  const update = database.db
    .updateTable('applications')
    .set({ status: PLACED_ELSEWHERE, updated_at: e.now })
    .where('id', '=', e.applicationId)
    .where('status', '=', e.from)
    .where(employedElsewhereSql(e.placementId))
    .compile();
  return [event, update];
}
