// The named tasks a job can run, and the runner that runs them. Features register their tasks when
// their module loads; the Node thread pool's workers load the same modules (jobs.worker.ts), so a
// task runs the same code in a worker thread (Node) or inline (Workers, in-memory test databases).
import type { AppDeps, JobRunner } from '../lib/context';

export type { JobRunner };

export interface TaskContext {
  jobId: string;
  /** Records progress on the job (written at most twice a second). */
  progress(done: number, total?: number | null): Promise<void>;
}

// Inputs cross a thread boundary (structured clone): plain data only.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Task = (deps: AppDeps, input: any, ctx: TaskContext) => Promise<unknown>;

const tasks = new Map<string, Task>();

export function registerTask(name: string, task: Task): void {
  tasks.set(name, task);
}

export function taskOf(name: string): Task {
  const task = tasks.get(name);
  if (!task) throw new Error(`jobs: no task named ${name}`);
  return task;
}
