// Agreement queries. Status changes come back as compiled queries, each conditional on the status
// read, so an illegal or stale move changes nothing (check numAffectedRows of the update).
import { sql, type CompiledQuery, type Expression, type SqlBool } from 'kysely';
import type { Database } from '../lib/database';
import type { Agreement } from '../../db/schema';
import { subtreeRange } from '../lib/regions-range';

function withNames(database: Database) {
  return database.db
    .selectFrom('agreements as ag')
    .innerJoin('talents as t', 't.id', 'ag.talent_id')
    .innerJoin('regions as tr', 'tr.code', 'ag.target_region_code')
    .leftJoin('employers as e', 'e.id', 'ag.target_employer_id')
    .selectAll('ag')
    .select(['t.name as talent_name', 't.user_id as talent_user_id', 'tr.full_name as target_region_name', 'e.name as target_employer_name']);
}

export type AgreementRow = NonNullable<Awaited<ReturnType<ReturnType<typeof withNames>['executeTakeFirst']>>>;

export async function findAgreement(database: Database, id: string): Promise<AgreementRow | undefined> {
  return withNames(database).where('ag.id', '=', id).executeTakeFirst();
}

export interface AgreementScope {
  /** Target or sponsor region within this subtree ('' = all). */
  regionRoot?: string;
  talentId?: string;
}

export async function listAgreements(
  database: Database,
  scope: AgreementScope,
  f: { status?: string; talentId?: string; page: number; pageSize: number },
): Promise<{ items: AgreementRow[]; total: number }> {
  const where = (eb: any): Expression<SqlBool> => {
    const c: Expression<SqlBool>[] = [];
    if (scope.regionRoot) {
      const { from, to } = subtreeRange(scope.regionRoot);
      c.push(
        eb.or([
          eb.and([eb('ag.target_region_code', '>=', from), eb('ag.target_region_code', '<', to)]),
          eb.and([eb('ag.sponsor_region_code', '>=', from), eb('ag.sponsor_region_code', '<', to)]),
        ]),
      );
    }
    if (scope.talentId) c.push(eb('ag.talent_id', '=', scope.talentId));
    if (f.talentId) c.push(eb('ag.talent_id', '=', f.talentId));
    if (f.status) c.push(eb('ag.status', '=', f.status));
    return eb.and(c);
  };
  const count = database.db
    .selectFrom('agreements as ag')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(where);
  const page = withNames(database)
    .where(where)
    .orderBy('ag.created_at', 'desc')
    .orderBy('ag.id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const [counted, items] = await Promise.all([count.executeTakeFirstOrThrow(), page.execute()]);
  return { items, total: Number(counted.n) };
}

export interface AgreementEventRow {
  from_status: string | null;
  to_status: string;
  actor_role: string | null;
  note: string | null;
  created_at: number;
}

export async function eventsOf(database: Database, agreementId: string): Promise<AgreementEventRow[]> {
  return database.db
    .selectFrom('agreement_events as ev')
    .leftJoin('users as u', 'u.id', 'ev.actor_user_id')
    .select(['ev.from_status', 'ev.to_status', 'u.role as actor_role', 'ev.note', 'ev.created_at'])
    .where('ev.agreement_id', '=', agreementId)
    .orderBy('ev.created_at', 'asc')
    .orderBy(sql`ev.rowid`, 'asc')
    .execute();
}

export function insertAgreement(database: Database, row: Agreement): CompiledQuery {
  return database.db.insertInto('agreements').values(row).compile();
}

/** A history row, written only while the agreement is in `expected` (null: only if it exists).
 * Put it before the status update it records. */
export function insertEventIf(
  database: Database,
  e: { id: string; agreementId: string; from: string | null; to: string; actorUserId: string; note: string | null; now: number },
  expected: string | null,
): CompiledQuery {
  let select = database.db
    .selectFrom('agreements')
    .select((eb) => [
      eb.val(e.id).as('id'),
      'agreements.id as agreement_id',
      eb.val(e.from).as('from_status'),
      eb.val(e.to).as('to_status'),
      eb.val(e.actorUserId).as('actor_user_id'),
      eb.val(e.note).as('note'),
      eb.val(e.now).as('created_at'),
    ])
    .where('agreements.id', '=', e.agreementId);
  if (expected !== null) select = select.where('agreements.status', '=', expected as Agreement['status']);
  return database.db.insertInto('agreement_events').columns(['id', 'agreement_id', 'from_status', 'to_status', 'actor_user_id', 'note', 'created_at']).expression(select).compile();
}

export function updateStatusIf(database: Database, id: string, from: Agreement['status'], to: Agreement['status'], note: string | null, now: number): CompiledQuery {
  return database.db.updateTable('agreements').set({ status: to, status_note: note, updated_at: now }).where('id', '=', id).where('status', '=', from).compile();
}
