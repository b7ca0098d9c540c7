// Search outbox rows (ARCHITECTURE.md, "How a write flows"): built as compiled queries so they join the same atomic write
// as the change to the searchable entity. The drain in search/ reads them.
import type { CompiledQuery } from 'kysely';
import type { Database } from './database';

export function enqueueSearch(database: Database, entity: 'talent' | 'position', entityId: string, now: number): CompiledQuery {
  return database.db.insertInto('search_outbox').values({ entity, entity_id: entityId, created_at: now }).compile();
}
