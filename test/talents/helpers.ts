// The talent tests' view of the database: every row a talent write may touch, to show that a
// refused write changed nothing. (Builders are in test/helpers/builders.ts.)
import type { TestApp } from '../helpers/app';

/** Every row of the tables a talent write may touch. */
export async function snapshot(t: TestApp): Promise<unknown> {
  const db = t.deps.database.db;
  return {
    talents: await db.selectFrom('talents').selectAll().orderBy('id').execute(),
    outbox: await db.selectFrom('search_outbox').selectAll().orderBy('seq').execute(),
    audit: await db.selectFrom('audit_log').selectAll().orderBy('id').execute(),
  };
}
