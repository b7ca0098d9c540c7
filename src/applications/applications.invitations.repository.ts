// Invitation queries (issue #11 §5): an employer invites a talent to apply to one of its posts.
// The insert carries every condition that must hold when it is written (ARCHITECTURE.md, "How a
// write flows"): the post is the employer's and takes applications today, the employer is verified,
// the talent is open to employers and looking, and the employer is under its daily limit.
import { sql, type CompiledQuery, type SqlBool } from 'kysely';
import type { Database } from '../lib/database';
import { employerIsVerified } from '../employers';

import { SEEKING } from './applications.states';

export async function findTalentForInvitation(database: Database, talentId: string) {
  return database.db.selectFrom('talents').select(['id', 'user_id', 'name', 'visibility', 'availability']).where('id', '=', talentId).executeTakeFirst();
}

export async function invitationExists(database: Database, positionId: string, talentId: string): Promise<boolean> {
  return !!(await database.db.selectFrom('invitations').select('id').where('position_id', '=', positionId).where('talent_id', '=', talentId).executeTakeFirst());
}

export async function countSince(database: Database, employerId: string, since: number): Promise<number> {
  const row = await database.db
    .selectFrom('invitations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('employer_id', '=', employerId)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function insertInvitationIf(
  database: Database,
  i: { id: string; employerId: string; positionId: string; talentId: string; invitedBy: string; now: number; today: string; since: number; perDay: number },
): CompiledQuery {
  const select = database.db
    .selectFrom('positions as p')
    .innerJoin('talents as t', (j) => j.on('t.id', '=', i.talentId))
    .select((eb) => [
      eb.val(i.id).as('id'),
      'p.employer_id as employer_id',
      'p.id as position_id',
      't.id as talent_id',
      eb.val(i.invitedBy).as('invited_by'),
      eb.val(i.now).as('created_at'),
    ])
    .where('p.id', '=', i.positionId)
    .where('p.employer_id', '=', i.employerId)
    .where('p.status', '=', 'open')
    .where('p.opens_on', '<=', i.today)
    .where('p.closes_on', '>=', i.today)
    .where('t.visibility', '=', 'employers')
    .where('t.availability', 'in', SEEKING)
    .where(employerIsVerified(i.employerId))
    .where(sql<SqlBool>`(SELECT count(*) FROM invitations c WHERE c.employer_id = ${i.employerId} AND c.created_at >= ${i.since}) < ${i.perDay}`);
  return database.db.insertInto('invitations').columns(['id', 'employer_id', 'position_id', 'talent_id', 'invited_by', 'created_at']).expression(select).compile();
}

function joined(database: Database) {
  return database.db
    .selectFrom('invitations as i')
    .innerJoin('positions as p', 'p.id', 'i.position_id')
    .innerJoin('employers as e', 'e.id', 'i.employer_id')
    .innerJoin('regions as r', 'r.code', 'p.region_code')
    .innerJoin('talents as t', 't.id', 'i.talent_id')
    .leftJoin('applications as a', (j) => j.onRef('a.position_id', '=', 'i.position_id').onRef('a.talent_id', '=', 'i.talent_id'))
    .select([
      'i.id',
      'i.created_at',
      'i.position_id',
      'p.title as position_title',
      'p.status as position_status',
      'p.opens_on',
      'p.closes_on',
      'r.full_name as region_name',
      'e.id as employer_id',
      'e.name as employer_name',
      't.id as talent_id',
      't.name as talent_name',
      'a.id as application_id',
    ]);
}

export type InvitationRow = NonNullable<Awaited<ReturnType<ReturnType<typeof joined>['executeTakeFirst']>>>;

export async function findInvitation(database: Database, id: string): Promise<InvitationRow | undefined> {
  return joined(database).where('i.id', '=', id).executeTakeFirst();
}

/** A talent's invitations (newest first), or an employer's (optionally for one post). */
export async function listInvitations(database: Database, by: { talentId: string } | { employerId: string; positionId?: string }, limit: number): Promise<InvitationRow[]> {
  let q = joined(database);
  if ('talentId' in by) q = q.where('i.talent_id', '=', by.talentId);
  else {
    q = q.where('i.employer_id', '=', by.employerId);
    if (by.positionId) q = q.where('i.position_id', '=', by.positionId);
  }
  return q.orderBy('i.created_at', 'desc').orderBy('i.id', 'desc').limit(limit).execute();
}

/** An employer's posts that take applications today (what it may invite to), newest first, with
 * the place's own name and the closing date that tell posts of one title apart. */
export async function invitablePositions(database: Database, employerId: string, today: string, limit: number) {
  return database.db
    .selectFrom('positions as p')
    .innerJoin('regions as r', 'r.code', 'p.region_code')
    .select(['p.id', 'p.title', 'p.closes_on', 'r.name as region_name'])
    .where('p.employer_id', '=', employerId)
    .where('p.status', '=', 'open')
    .where('p.opens_on', '<=', today)
    .where('p.closes_on', '>=', today)
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(limit)
    .execute();
}
