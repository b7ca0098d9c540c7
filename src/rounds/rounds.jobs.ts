// A round run as a job (issue 9 B2): on Node it runs in a worker thread (its own SQLite connection),
// the request awaiting the result with the loop free; the same answer as before. Who may run a
// round is checked by runRoundById inside the job; other roles are refused before a job is made.
import type { AppDeps, SessionUser } from '../lib/context';
import { registerTask, runJob } from '../jobs';
import { chinaToday } from '../lib/dates';
import { fieldError } from '../lib/errors';
import { requireRole } from '../lib/guards';
import { getRound, runRoundById } from './rounds.service';
import type { RoundDto, RunResultDto, RunRoundData } from './rounds.schemas';

registerTask('rounds.run', (deps, input: { me: SessionUser; id: string }) => runRoundById(deps, input.me, input.id));

/** The day choices close when running now would end choice-filling early (the round has not run and
 * its closing day has not passed), else null. */
export function earlyRunDeadline(round: RoundDto, now: number): string | null {
  if (round.status !== 'draft' && round.status !== 'collecting') return null;
  return round.choicesCloseOn && chinaToday(now) <= round.choicesCloseOn ? round.choicesCloseOn : null;
}

export async function runRoundJob(deps: AppDeps, user: SessionUser | null, id: string, body: RunRoundData = {}): Promise<RunResultDto> {
  const me = requireRole(user, 'department', 'admin');
  // Graduates still see the deadline: running before it needs the caller's explicit confirmation.
  const deadline = earlyRunDeadline(await getRound(deps, me, id), deps.now());
  if (deadline && body.confirmEarly !== true) throw fieldError('confirmEarly', 'confirm_early', { deadline });
  return runJob<RunResultDto>(deps, { kind: 'round_run', owner: me, subjectId: id, task: 'rounds.run', input: { me, id }, summary: (r) => ({ roundId: id, digest: r.digest }) });
}
