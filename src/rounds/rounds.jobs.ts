// A round run as a job (issue 9 B2): on Node it runs in a worker thread (its own SQLite connection),
// the request awaiting the result with the loop free; the same answer as before. Who may run a
// round is checked by runRoundById inside the job; other roles are refused before a job is made.
import type { AppDeps, SessionUser } from '../lib/context';
import { registerTask, runJob } from '../jobs';
import { requireRole } from '../lib/guards';
import { runRoundById } from './rounds.service';
import type { RunResultDto } from './rounds.schemas';

registerTask('rounds.run', (deps, input: { me: SessionUser; id: string }) => runRoundById(deps, input.me, input.id));

export async function runRoundJob(deps: AppDeps, user: SessionUser | null, id: string): Promise<RunResultDto> {
  const me = requireRole(user, 'department', 'admin');
  return runJob<RunResultDto>(deps, { kind: 'round_run', owner: me, subjectId: id, task: 'rounds.run', input: { me, id }, summary: (r) => ({ roundId: id, digest: r.digest }) });
}
