import type { CompiledQuery } from 'kysely';
import type { Database } from './database';
import { newId } from './ids';

/** An audit record (who did what to whom, when), to add to an atomic write or run alone. */
export function auditEntry(database: Database, e: { actorUserId: string; action: string; subjectType: string; subjectId: string; detail?: string; now: number }): CompiledQuery {
  return database.db
    .insertInto('audit_log')
    .values({ id: newId(), actor_user_id: e.actorUserId, action: e.action, subject_type: e.subjectType, subject_id: e.subjectId, detail: e.detail ?? null, created_at: e.now })
    .compile();
}
