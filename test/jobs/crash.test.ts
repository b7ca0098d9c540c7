// Crash recovery of jobs (issue 9 C4), with a real fault: a server process is killed with SIGKILL in
// the middle of an import commit. While it runs, another commit answers 409 with its state; after
// the kill, the next start marks its job interrupted, the import is resumable at once (no wait for
// a lease), and committing again writes the remaining rows, every row exactly once.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { afterEach, expect, it } from 'vitest';
import { expectProblem, signedIn } from '../helpers/app';
import { TALENT_HEADER, commit, count, csvText, talentRow, upload } from '../imports/helpers';
import { fileApp, tempDir } from './helpers';

const tmp = tempDir();
afterEach(() => tmp.remove());

it('a server killed mid-commit: 409 while it runs, resumable at once after a restart, every row written once', async () => {
  const dataKey = randomBytes(32).toString('base64');
  const first = await fileApp(tmp.dir, dataKey, { threads: false });
  const d = await signedIn(first, 'department', { regionCode: '15' });
  const n = 6000;
  const bytes = new TextEncoder().encode(
    csvText(
      TALENT_HEADER,
      Array.from({ length: n }, () => talentRow()),
    ),
  );
  const p = (await (await upload(first, d, 'talents', bytes, 'r.csv')).json()) as { id: string };
  const { db } = first.deps.database;
  const imp = () => db.selectFrom('imports').select(['status', 'rows_done', 'job_id']).where('id', '=', p.id).executeTakeFirstOrThrow();

  const child = spawn(process.execPath, ['--import', 'tsx', 'test/jobs/crash-child.ts', tmp.dir, dataKey, p.id, d.userId], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(child, 'exit');
  try {
    // Wait until the child's worker has written its first chunk, then check and kill it.
    const deadline = Date.now() + 90_000;
    while ((await imp()).rows_done === 0) {
      if (Date.now() > deadline) throw new Error('the child never started committing');
      await new Promise((r) => setTimeout(r, 10));
    }
    const busy = await expectProblem(await commit(d, p.id), 409);
    expect(busy.detail).toMatch(/already being committed: \d+ of 6000 rows written \(status committing\)/);
    child.kill('SIGKILL');
    await exited;
  } finally {
    child.kill('SIGKILL');
  }
  const stopped = await imp();
  expect(stopped.status).toBe('committing');
  expect(stopped.rows_done).toBeGreaterThan(0);
  expect(stopped.rows_done).toBeLessThan(n);
  await first.closeAsync();

  // The next start: recovery marks the dead process's job interrupted; the import resumes at once.
  const second = await fileApp(tmp.dir, dataKey, { threads: true });
  try {
    const job = await second.deps.database.db.selectFrom('jobs').select(['status']).where('id', '=', stopped.job_id!).executeTakeFirstOrThrow();
    expect(job.status).toBe('interrupted');
    const d2 = await signedIn(second, 'department', { regionCode: '15' });
    // The import was made by the first department; the same region sees it.
    const read = (await (await d2.get(`/api/v1/imports/${p.id}`)).json()) as { status: string; failure: string };
    expect(read).toMatchObject({ status: 'previewed', failure: expect.stringMatching(/Commit again to resume/) });
    expect(await (await commit(d2, p.id)).json()).toMatchObject({ status: 'committed', progress: { done: n } });
    expect(await count(second, 'talents')).toBe(n);
    const distinct = await second.deps.database.db
      .selectFrom('talents')
      .select((eb) => eb.fn.count<number>('id_number_hmac').distinct().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(distinct.n)).toBe(n);
  } finally {
    await second.closeAsync();
  }
}, 240_000);
