// The admin console's reads (its account writes are fragments from the auth feature's front door).
import { sql } from 'kysely';
import type { Database } from '../lib/database';

const userColumns = ['id', 'email', 'role', 'display_name', 'region_code', 'created_at', 'last_sign_in_at', 'disabled_at'] as const;
export type UserRow = Awaited<ReturnType<typeof findUser>> & {};

export function findUser(database: Database, id: string) {
  return database.db.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();
}

/** Every department account, by region then email. */
export function listDepartmentUsers(database: Database) {
  return database.db.selectFrom('users').select(userColumns).where('role', '=', 'department').orderBy('region_code').orderBy('email').execute();
}

/** Accounts whose email contains `part` (case-insensitive; LIKE wildcards taken literally), newest first. */
export function findUsersByEmail(database: Database, part: string, limit: number) {
  const pattern = `%${part.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  return database.db
    .selectFrom('users')
    .select(userColumns)
    .where(sql<boolean>`lower(email) LIKE ${pattern} ESCAPE '\\'`)
    .orderBy(sql`lower(email) = ${part.toLowerCase()}`, 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function userCounts(database: Database) {
  const rows = await database.db
    .selectFrom('users')
    .select((eb) => ['role', eb.fn.countAll<number>().as('n'), sql<number>`SUM(CASE WHEN disabled_at IS NULL THEN 0 ELSE 1 END)`.as('disabled')])
    .groupBy('role')
    .execute();
  return rows.map((r) => ({ role: r.role, n: Number(r.n), disabled: Number(r.disabled ?? 0) }));
}

export async function pendingImportCount(database: Database): Promise<number> {
  const row = await database.db
    .selectFrom('imports')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', 'in', ['staging', 'previewed', 'committing'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Imports of every department, newest first, with the account that made each. */
export async function listImports(database: Database, page: number, pageSize: number) {
  const [counted, items] = await Promise.all([
    database.db
      .selectFrom('imports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    database.db
      .selectFrom('imports')
      .leftJoin('users', 'users.id', 'imports.created_by')
      .select([
        'imports.id',
        'imports.kind',
        'imports.file_name',
        'imports.scope_code',
        'imports.status',
        'imports.total_rows',
        'imports.good_rows',
        'imports.bad_rows',
        'imports.rows_done',
        'imports.created_at',
        'imports.committed_at',
        'users.display_name',
        'users.email',
      ])
      .orderBy('imports.created_at', 'desc')
      .orderBy('imports.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  return { items, total: Number(counted.n) };
}

/** The latest reindex jobs (the search status page's history). */
export function recentReindexJobs(database: Database, limit: number) {
  return database.db
    .selectFrom('jobs')
    .leftJoin('users', 'users.id', 'jobs.owner_user_id')
    .select(['jobs.id', 'jobs.status', 'jobs.subject_id', 'jobs.result', 'jobs.error', 'jobs.created_at', 'jobs.finished_at', 'users.display_name'])
    .where('jobs.kind', '=', 'reindex')
    .orderBy('jobs.created_at', 'desc')
    .limit(limit)
    .execute();
}
