// Job rows (migration 0011). Plain functions taking `database` first, as elsewhere.
import type { Database } from '../lib/database';
import type { Job, JobStatus } from '../../db/schema';

export async function insertJob(
  database: Database,
  j: { id: string; kind: string; ownerUserId: string; subjectId: string | null; runner: string; total: number | null; now: number },
): Promise<void> {
  await database.db
    .insertInto('jobs')
    .values({
      id: j.id,
      kind: j.kind,
      owner_user_id: j.ownerUserId,
      subject_id: j.subjectId,
      status: 'running',
      progress_total: j.total,
      runner: j.runner,
      result: null,
      error: null,
      created_at: j.now,
      updated_at: j.now,
      finished_at: null,
    })
    .execute();
}

export async function findJob(database: Database, id: string): Promise<Job | undefined> {
  return database.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setProgress(database: Database, id: string, done: number, total: number | null | undefined, now: number): Promise<void> {
  await database.db
    .updateTable('jobs')
    .set({ progress_done: done, ...(total === undefined ? {} : { progress_total: total }), updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

export async function finishJob(
  database: Database,
  id: string,
  status: Exclude<JobStatus, 'running'>,
  fields: { result?: string | null; error?: string | null },
  now: number,
): Promise<void> {
  await database.db
    .updateTable('jobs')
    .set({ status, result: fields.result ?? null, error: fields.error ?? null, updated_at: now, finished_at: now })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

export async function runningJobs(database: Database): Promise<Pick<Job, 'id' | 'runner'>[]> {
  return database.db.selectFrom('jobs').select(['id', 'runner']).where('status', '=', 'running').execute();
}
