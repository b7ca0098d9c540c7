// Search outbox rows (ARCHITECTURE.md, "How a write flows"): the one writer of search_outbox. A
// write unit (src/lib/write-unit.ts) adds them with `touch`/`touchWhere`, so they join the same
// atomic write as the change to the searchable entity. The drain in search/ reads them.
import { CompiledQuery } from 'kysely';
import type { Database } from './database';

export type SearchEntity = 'talent' | 'position';

/** One entity's outbox row. */
export function enqueueSearch(database: Database, entity: SearchEntity, entityId: string, now: number): CompiledQuery {
  return database.db.insertInto('search_outbox').values({ entity, entity_id: entityId, created_at: now }).compile();
}

/** One outbox row per row of `select`, whose first column is the entity's id, as one
 * INSERT … SELECT so that the select's conditions hold at write time (also on D1). SQLite and D1
 * both number parameters by position, so the select's parameters follow this statement's own. */
export function outboxWhere(entity: SearchEntity, select: CompiledQuery | { compile(): CompiledQuery }, now: number): CompiledQuery {
  const inner = 'compile' in select && typeof select.compile === 'function' ? select.compile() : (select as CompiledQuery);
  return CompiledQuery.raw(`INSERT INTO search_outbox (entity, entity_id, created_at) SELECT ?, ids.id, ? FROM (${inner.sql}) AS ids`, [entity, now, ...inner.parameters]);
}
