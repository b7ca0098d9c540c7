// Reindexing as a job (issue 9 B2): on Node it runs in a worker thread that talks to the same
// Meilisearch as the server (its address and key are given to the pool), so loading every document
// never holds the request loop. Like the reindex CLI in its own process, the rebuild replays the
// outbox rows written meanwhile before it answers.
import type { AppDeps, SessionUser } from '../lib/context';
import { registerTask, runJob, startJob } from '../jobs';
import { AppError } from '../lib/errors';
import type { SearchEntity } from '../lib/search';

registerTask('search.reindex', (deps, input: { entity: SearchEntity }) => deps.search.reindex(input.entity));

export function reindexJob(deps: AppDeps, me: SessionUser, entity: SearchEntity): Promise<unknown> {
  return runJob<{ documents?: number }>(deps, {
    kind: 'reindex',
    owner: me,
    task: 'search.reindex',
    input: { entity },
    summary: (r) => ({ entity, documents: r.documents ?? null }),
  });
}

/** Starts a reindex job and answers its id at once (the admin console's button): the rebuild runs
 * in a worker thread on Node, and the job row records how it ended. */
export async function startReindexJob(deps: AppDeps, me: SessionUser, entity: SearchEntity): Promise<string> {
  if (!deps.search.meili) throw new AppError('invalid_state', 'Meilisearch is not configured; there is no index to rebuild');
  const { jobId } = await startJob<{ documents?: number }>(deps, {
    kind: 'reindex',
    owner: me,
    subjectId: entity,
    task: 'search.reindex',
    input: { entity },
    summary: (r) => ({ entity, documents: r.documents ?? null }),
  });
  return jobId;
}
