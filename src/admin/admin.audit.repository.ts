// Reading the audit log: filters by actor (part of a name or email), action and a time range, with
// a name for each row's object where one exists (a person, an employer, a talent, a file, a round).
import { sql, type CompiledQuery } from 'kysely';
import type { Database } from '../lib/database';
import { newId } from '../lib/ids';

export interface AuditWhere {
  actor?: string;
  action?: string;
  fromMs?: number;
  toMs?: number;
}

function filtered(database: Database, w: AuditWhere) {
  let q = database.db.selectFrom('audit_log').leftJoin('users as actor', 'actor.id', 'audit_log.actor_user_id');
  if (w.action) q = q.where('audit_log.action', '=', w.action);
  if (w.fromMs !== undefined) q = q.where('audit_log.created_at', '>=', w.fromMs);
  if (w.toMs !== undefined) q = q.where('audit_log.created_at', '<', w.toMs);
  if (w.actor) {
    const pattern = `%${w.actor.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    q = q.where(sql<boolean>`(lower(actor.email) LIKE ${pattern} ESCAPE '\\' OR actor.display_name LIKE ${pattern} ESCAPE '\\')`);
  }
  return q;
}

export async function countAudit(database: Database, w: AuditWhere): Promise<number> {
  const row = await filtered(database, w)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Rows newest first. The object's name comes from the table its type names. */
export function listAudit(database: Database, w: AuditWhere, limit: number, offset: number) {
  return filtered(database, w)
    .leftJoin('users as su', (j) => j.onRef('su.id', '=', 'audit_log.subject_id').on('audit_log.subject_type', '=', 'user'))
    .leftJoin('employers as se', (j) => j.onRef('se.id', '=', 'audit_log.subject_id').on('audit_log.subject_type', '=', 'employer'))
    .leftJoin('talents as st', (j) => j.onRef('st.id', '=', 'audit_log.subject_id').on('audit_log.subject_type', '=', 'talent'))
    .leftJoin('imports as si', (j) => j.onRef('si.id', '=', 'audit_log.subject_id').on('audit_log.subject_type', '=', 'import'))
    .leftJoin('rounds as sr', (j) => j.onRef('sr.id', '=', 'audit_log.subject_id').on('audit_log.subject_type', '=', 'round'))
    .select([
      'audit_log.id',
      'audit_log.created_at',
      'audit_log.action',
      'audit_log.subject_type',
      'audit_log.subject_id',
      'audit_log.detail',
      'actor.display_name as actor_name',
      'actor.email as actor_email',
      sql<string | null>`COALESCE(su.display_name || ' <' || su.email || '>', se.name, st.name, si.file_name, sr.name)`.as('subject_name'),
    ])
    .orderBy('audit_log.created_at', 'desc')
    .orderBy('audit_log.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** An audit row written only when `condition` holds as the unit runs (the change it records happened). */
export function auditIf(
  database: Database,
  e: { actorUserId: string; action: string; subjectType: string; subjectId: string; detail?: string | null; now: number },
  condition: ReturnType<typeof sql<boolean>>,
): CompiledQuery {
  return sql`INSERT INTO audit_log (id, actor_user_id, action, subject_type, subject_id, detail, created_at)
    SELECT ${newId()}, ${e.actorUserId}, ${e.action}, ${e.subjectType}, ${e.subjectId}, ${e.detail ?? null}, ${e.now} WHERE ${condition}`.compile(database.db);
}
