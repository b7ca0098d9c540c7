// Reindexing as a job (issue 9 B2): on Node it runs in a worker thread that talks to the same
// Meilisearch as the server (its address and key are given to the pool), so loading every document
// never holds the request loop. Like the reindex CLI in its own process, the rebuild replays the
// outbox rows written meanwhile before it answers.
import type { AppDeps, SessionUser } from '../lib/context';
import { registerTask, runJob } from '../jobs';
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
