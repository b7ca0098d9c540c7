// Employer queries. Plain Kysely functions taking `database` first; writes come back as compiled
// queries so a service can put them into one atomic write.
import { sql, type CompiledQuery } from 'kysely';
import type { Database } from '../lib/database';
import type { Employer } from '../../db/schema';
import { subtreeRange } from '../lib/regions-range';
import type { EmployerRecord } from './employers.schemas';
import { sortParts, type SortKey } from '../lib/openapi';

function withRegion(database: Database) {
  return database.db.selectFrom('employers').innerJoin('regions', 'regions.code', 'employers.region_code').selectAll('employers').select('regions.full_name as region_name');
}

export async function findEmployerById(database: Database, id: string): Promise<EmployerRecord | undefined> {
  return withRegion(database).where('employers.id', '=', id).executeTakeFirst();
}

export async function findEmployerByUser(database: Database, userId: string): Promise<EmployerRecord | undefined> {
  return withRegion(database).where('employers.user_id', '=', userId).executeTakeFirst();
}

export async function creditCodeTaken(database: Database, creditCode: string, exceptId?: string): Promise<boolean> {
  let q = database.db.selectFrom('employers').select('id').where('credit_code', '=', creditCode);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return !!(await q.executeTakeFirst());
}

export function insertEmployer(database: Database, row: Omit<Employer, 'status' | 'review_note' | 'reviewed_by' | 'reviewed_at' | 'internship_base'>): CompiledQuery {
  return database.db.insertInto('employers').values(row).compile();
}

/** Updates the employer only while it is still in the status the caller read (no lost reviews). */
export function updateEmployerIfStatus(
  database: Database,
  id: string,
  expectedStatus: Employer['status'],
  changes: Partial<Omit<Employer, 'id' | 'user_id' | 'created_at'>>,
): CompiledQuery {
  return database.db.updateTable('employers').set(changes).where('id', '=', id).where('status', '=', expectedStatus).compile();
}

/** Keeps the employer type denormalised on its positions (the public list filters on it). */
/** True while the employer is still in `status`: guards the statements that go before its update. */
export function employerStillIn(employerId: string, status: Employer['status']) {
  return sql<boolean>`exists (select 1 from employers where id = ${employerId} and status = ${status})`;
}

/** Keeps the employer type denormalised on its positions (the public list filters on it). */
export function updatePositionsEmployerType(database: Database, employerId: string, type: string, guard: Employer['status']): CompiledQuery {
  return database.db.updateTable('positions').set({ employer_type: type }).where('employer_id', '=', employerId).where(employerStillIn(employerId, guard)).compile();
}

/** The employer's positions, selected only while the employer is still in `guard`: their search
 * outbox rows (documents carry its name and type, and whether they are public follows its status)
 * join every change of those, in the same atomic write (WriteUnit.touchWhere). */
export function positionsOfEmployerIn(database: Database, employerId: string, guard: Employer['status']) {
  return database.db.selectFrom('positions').select('positions.id').where('employer_id', '=', employerId).where(employerStillIn(employerId, guard));
}

/** An audit row written only if the employer is (still) in `status` — put it before the update. */
export function auditIfEmployerStatus(
  database: Database,
  e: { id: string; actorUserId: string; action: string; detail: string | null; now: number; auditId: string },
  status: Employer['status'],
): CompiledQuery {
  const select = database.db
    .selectFrom('employers')
    .select((eb) => [
      eb.val(e.auditId).as('id'),
      eb.val(e.actorUserId).as('actor_user_id'),
      eb.val(e.action).as('action'),
      eb.val('employer').as('subject_type'),
      'employers.id as subject_id',
      eb.val(e.detail).as('detail'),
      eb.val(e.now).as('created_at'),
    ])
    .where('id', '=', e.id)
    .where('status', '=', status);
  return database.db.insertInto('audit_log').columns(['id', 'actor_user_id', 'action', 'subject_type', 'subject_id', 'detail', 'created_at']).expression(select).compile();
}

/** Rejecting a pending employer (still pending at write time): the positions it still has open
 * close, and held ones stay closed for good (the hold ends). Enqueue its positions with it. */
export function closeOpenPositionsIfEmployerPending(database: Database, employerId: string, now: number): CompiledQuery {
  return database.db
    .updateTable('positions')
    .set({ status: 'closed', held: 0, updated_at: now })
    .where('employer_id', '=', employerId)
    .where((eb) => eb.or([eb('status', '=', 'open'), eb('held', '=', 1)]))
    .where(employerStillIn(employerId, 'pending'))
    .compile();
}

/** An employer leaving verified (guard: the status it is leaving): its open posts are held — closed
 * with held = 1 — so nothing that reads open posts shows them (migration 0015). Put it before the
 * employer's update, with its positions' outbox rows (positionsOfEmployerIn), in the same write unit. */
export function holdOpenPositions(database: Database, employerId: string, now: number, guard: Employer['status']): CompiledQuery {
  return database.db
    .updateTable('positions')
    .set({ status: 'closed', held: 1, updated_at: now })
    .where('employer_id', '=', employerId)
    .where('status', '=', 'open')
    .where(employerStillIn(employerId, guard))
    .compile();
}

/** An employer verified again (guard: 'pending'): the posts held when it left verified reopen. */
export function releaseHeldPositions(database: Database, employerId: string, now: number, guard: Employer['status']): CompiledQuery {
  return database.db
    .updateTable('positions')
    .set({ status: 'open', held: 0, updated_at: now })
    .where('employer_id', '=', employerId)
    .where('held', '=', 1)
    .where(employerStillIn(employerId, guard))
    .compile();
}

export type EmployerSortColumn = 'name' | 'type' | 'region' | 'status' | 'submitted';
const EMPLOYER_ORDER = {
  name: sql`employers.name`,
  type: sql`employers.type`,
  region: sql`employers.region_code`,
  status: sql`employers.status`,
  submitted: sql`employers.created_at`,
} as const;

export async function listEmployers(
  database: Database,
  f: { status?: Employer['status']; scope: string; nameContains?: string; sort: SortKey<EmployerSortColumn>; page: number; pageSize: number },
): Promise<{ items: EmployerRecord[]; total: number }> {
  let count = database.db.selectFrom('employers').select((eb) => eb.fn.countAll<number>().as('n'));
  let page = withRegion(database);
  if (f.nameContains) {
    const like = sql<boolean>`employers.name LIKE ${`%${f.nameContains.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`} ESCAPE '\\'`;
    count = count.where(like);
    page = page.where(like);
  }
  if (f.status) {
    count = count.where('employers.status', '=', f.status);
    page = page.where('employers.status', '=', f.status);
  }
  if (f.scope) {
    const { from, to } = subtreeRange(f.scope);
    count = count.where('employers.region_code', '>=', from).where('employers.region_code', '<', to);
    page = page.where('employers.region_code', '>=', from).where('employers.region_code', '<', to);
  }
  const [{ n }] = await count.execute();
  const { column, desc } = sortParts(f.sort);
  const items = await page
    .orderBy(EMPLOYER_ORDER[column], desc ? 'desc' : 'asc')
    .orderBy('employers.created_at', 'asc')
    .orderBy('employers.id', 'asc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { items, total: Number(n) };
}

/** Verified employers (optionally inside the subtree `root`) whose name or region's full name
 * contains `q` (LIKE, escaped), with their region's full name; by name, at most `limit`. */
export async function findVerifiedEmployers(
  database: Database,
  f: { root: string; q: string; limit: number },
): Promise<{ id: string; name: string; region_name: string | null }[]> {
  let query = database.db
    .selectFrom('employers as e')
    .leftJoin('regions as g', 'g.code', 'e.region_code')
    .select(['e.id', 'e.name', 'g.full_name as region_name'])
    .where('e.status', '=', 'verified');
  if (f.root) {
    const { from, to } = subtreeRange(f.root);
    query = query.where('e.region_code', '>=', from).where('e.region_code', '<', to);
  }
  if (f.q) {
    const pattern = `%${f.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    query = query.where(sql<boolean>`(e.name LIKE ${pattern} ESCAPE '\\' OR g.full_name LIKE ${pattern} ESCAPE '\\')`);
  }
  return query.orderBy('e.name').orderBy('e.id').limit(f.limit).execute();
}

/** One verified employer with its region's full name. */
export async function findVerifiedEmployerWithRegion(
  database: Database,
  id: string,
): Promise<{ id: string; name: string; region_code: string; region_name: string | null } | undefined> {
  return database.db
    .selectFrom('employers as e')
    .leftJoin('regions as g', 'g.code', 'e.region_code')
    .select(['e.id', 'e.name', 'e.region_code', 'g.full_name as region_name'])
    .where('e.id', '=', id)
    .where('e.status', '=', 'verified')
    .executeTakeFirst();
}
