// Jobs: long work started by a request and run off the request loop (issue 9 B2). Who may do what:
//   the user who started a job reads it (progress, outcome); anyone else gets "not found".
// A job row is written before the work starts and finished when it ends (done or failed, with the
// problem); a job whose process died is marked interrupted at the next start (recoverJobs).
import type { AppDeps, SessionUser } from '../lib/context';
import { AppError, notFound, type FieldError } from '../lib/errors';
import { newId } from '../lib/ids';
import type { Job } from '../../db/schema';
import { taskOf, type JobRunner, type TaskContext } from './jobs.registry';
import * as repo from './jobs.repository';
import type { JobDto } from './jobs.schemas';

export interface JobSpec<R> {
  kind: string;
  owner: SessionUser;
  subjectId?: string | null;
  task: string;
  input: unknown;
  total?: number | null;
  /** The short summary stored with a finished job (ids and counts only, never personal data). */
  summary?: (result: R) => Record<string, unknown>;
  /** The job's id when the caller needs it before the job starts (e.g. to claim an import with it). */
  id?: string;
}

/** A task's context: progress goes to the job row, throttled. */
export function taskContext(deps: AppDeps, jobId: string): TaskContext {
  let last = 0;
  return {
    jobId,
    async progress(done, total) {
      const now = Date.now();
      if (now - last < 500) return;
      last = now;
      await repo.setProgress(deps.database, jobId, done, total, deps.now());
    },
  };
}

/** Runs tasks on the caller's loop: Workers (no threads) and in-memory databases. */
export function inlineRunner(deps: AppDeps): JobRunner {
  return {
    id: 'inline',
    run: (task, input, jobId) => taskOf(task)(deps, input, taskContext(deps, jobId)),
    close: async () => {},
  };
}

export const runnerOf = (deps: AppDeps): JobRunner => deps.jobs ?? inlineRunner(deps);

/** A problem as stored with a failed job and rebuilt on the other side of a thread. */
export interface StoredProblem {
  code: string;
  message: string;
  errors?: FieldError[];
}

export function toStoredProblem(err: unknown): StoredProblem {
  if (err instanceof AppError) return { code: err.code, message: err.message, ...(err.errors ? { errors: err.errors } : {}) };
  return { code: 'internal_error', message: 'The job stopped on an internal error' };
}

/** Starts a job: its row first, then the work. `done` settles with the task's result (or its error)
 * after the row is finished; callers await it (the loop stays free) or answer 202 with `jobId`. */
export async function startJob<R>(deps: AppDeps, spec: JobSpec<R>): Promise<{ jobId: string; done: Promise<R> }> {
  const runner = runnerOf(deps);
  // In a worker thread the request only waits: let other writes have its turn at the gate.
  if (deps.jobs) deps.yieldWriteTurn?.();
  const jobId = spec.id ?? newId();
  await repo.insertJob(deps.database, {
    id: jobId,
    kind: spec.kind,
    ownerUserId: spec.owner.id,
    subjectId: spec.subjectId ?? null,
    runner: runner.id,
    total: spec.total ?? null,
    now: deps.now(),
  });
  const done = (async () => {
    try {
      const result = (await runner.run(spec.task, spec.input, jobId)) as R;
      await repo.finishJob(deps.database, jobId, 'done', { result: JSON.stringify(spec.summary ? spec.summary(result) : {}) }, deps.now());
      return result;
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500)
        deps.log({ level: 'error', action: 'job', kind: spec.kind, jobId, error: err instanceof Error ? err.message.slice(0, 300) : String(err) });
      await repo.finishJob(deps.database, jobId, 'failed', { error: JSON.stringify(toStoredProblem(err)) }, deps.now()).catch(() => undefined);
      throw err;
    }
  })();
  // A caller that answers 202 never awaits `done`: its failure is recorded on the job, not unhandled.
  done.catch(() => undefined);
  return { jobId, done };
}

/** Starts a job and waits for its result (off the loop on Node: the request only awaits). */
export async function runJob<R>(deps: AppDeps, spec: JobSpec<R>): Promise<R> {
  const { done } = await startJob(deps, spec);
  return done;
}

/** True while a job runs in a live process (false for a finished job or none). */
export async function isJobLive(deps: AppDeps, jobId: string | null): Promise<boolean> {
  if (!jobId) return false;
  const job = await repo.findJob(deps.database, jobId);
  return job?.status === 'running';
}

/** At start: running jobs of processes that are gone become interrupted, so what they held (an
 * import's commit) can be resumed at once. `alive` says whether another runner still runs. */
export async function recoverJobs(deps: AppDeps, self: string, alive: (runner: string) => boolean): Promise<string[]> {
  const orphans = (await repo.runningJobs(deps.database)).filter((j) => j.runner !== self && !alive(j.runner));
  for (const j of orphans) {
    await repo.finishJob(
      deps.database,
      j.id,
      'interrupted',
      { error: JSON.stringify({ code: 'interrupted', message: 'The process running this job stopped; start it again to resume' }) },
      deps.now(),
    );
  }
  return orphans.map((j) => j.id);
}

function toJobDto(j: Job): JobDto {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    id: j.id,
    kind: j.kind,
    subjectId: j.subject_id,
    status: j.status,
    progress: { done: j.progress_done, total: j.progress_total },
    result: j.result ? (JSON.parse(j.result) as Record<string, unknown>) : null,
    error: j.error ? (JSON.parse(j.error) as StoredProblem) : null,
    createdAt: iso(j.created_at),
    updatedAt: iso(j.updated_at),
    finishedAt: j.finished_at ? iso(j.finished_at) : null,
  };
}

export async function getJob(deps: AppDeps, user: SessionUser | null, id: string): Promise<JobDto> {
  if (!user) throw new AppError('unauthenticated', 'Sign in first');
  const job = await repo.findJob(deps.database, id);
  if (!job || job.owner_user_id !== user.id) throw notFound('Job');
  return toJobDto(job);
}
