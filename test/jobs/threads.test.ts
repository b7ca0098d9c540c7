// Jobs in worker threads (issue 9 B2): an import's upload and commit run in the pool's thread with
// its own SQLite connection; the request loop stays free meanwhile; the job is readable by its owner
// only, with progress; a worker that dies fails its job and the import can be committed again.
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectProblem, signedIn } from '../helpers/app';
import { TALENT_HEADER, commit, count, csvText, talentRow, upload } from '../imports/helpers';
import { PROCESS_RUNNER } from '../../src/jobs/node-pool';
import { fileApp, tempDir } from './helpers';

let tmp: ReturnType<typeof tempDir>;
let t: Awaited<ReturnType<typeof fileApp>>;
beforeEach(async () => {
  tmp = tempDir();
  t = await fileApp(tmp.dir, randomBytes(32).toString('base64'), { threads: true });
});
afterEach(async () => {
  await t.closeAsync();
  tmp.remove();
});

const csv = (n: number) =>
  new TextEncoder().encode(
    csvText(
      TALENT_HEADER,
      Array.from({ length: n }, () => talentRow()),
    ),
  );

describe('jobs in worker threads', () => {
  it('an upload and its commit run in a worker thread while the loop stays free; the owner reads the jobs', async () => {
    const d = await signedIn(t, 'department', { regionCode: '15' });
    const n = 4000;
    const bytes = csv(n);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const res = await upload(t, d, 'talents', bytes, 'r.csv');
    expect(res.status).toBe(201);
    const p = (await res.json()) as { id: string; rows: { good: number } };
    expect(p.rows.good).toBe(n);
    const done = await commit(d, p.id);
    delay.disable();
    expect(await done.json()).toMatchObject({ status: 'committed', progress: { done: n, total: n } });
    expect(await count(t, 'talents')).toBe(n);
    // Validating, sealing and writing 4,000 rows inline holds the loop for over a second at a time
    // (1,104 ms measured); in the worker the loop only reads the multipart body (71 ms on a quiet
    // machine, up to ~600 ms when the suite's other fork and Chromium share the two cores).
    expect(delay.max / 1e6).toBeLessThan(850);

    const jobs = await t.deps.database.db.selectFrom('jobs').selectAll().where('kind', 'like', 'import%').orderBy('created_at').execute();
    expect(jobs.map((j) => [j.kind, j.status, j.runner, j.subject_id])).toEqual([
      ['import_upload', 'done', PROCESS_RUNNER, null],
      ['import_commit', 'done', PROCESS_RUNNER, p.id],
    ]);
    const mine = await (await d.get(`/api/v1/jobs/${jobs[1].id}`)).json();
    expect(mine).toMatchObject({ kind: 'import_commit', status: 'done', progress: { total: n }, result: { importId: p.id }, error: null });
    // An export streams from a worker thread over a MessagePort, a chunk per pull.
    const exp = await d.get('/api/v1/exports/talents?format=csv');
    expect(exp.status).toBe(200);
    expect(exp.headers.get('content-disposition')).toMatch(/attachment/);
    const lines = (await exp.text()).trim().split('\r\n');
    expect(lines).toHaveLength(n + 1);
    // The job row is finished just after the last chunk went out.
    let exportJob = await t.deps.database.db.selectFrom('jobs').selectAll().where('kind', '=', 'export').executeTakeFirstOrThrow();
    for (let i = 0; i < 100 && exportJob.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      exportJob = await t.deps.database.db.selectFrom('jobs').selectAll().where('kind', '=', 'export').executeTakeFirstOrThrow();
    }
    expect(exportJob).toMatchObject({ status: 'done', runner: PROCESS_RUNNER });
    await expectProblem(await d.get('/api/v1/exports/talents?format=csv&region=11'), 404);
    const other = await signedIn(t, 'department', { regionCode: '15' });
    await expectProblem(await other.get(`/api/v1/jobs/${jobs[1].id}`), 404);
    await expectProblem(await t.app.request(`/api/v1/jobs/${jobs[1].id}`), 401);
  });

  it('a bad file fails its job with the 422 the request answers', async () => {
    const d = await signedIn(t, 'department', { regionCode: '15' });
    const body = await expectProblem(await upload(t, d, 'talents', new TextEncoder().encode('a,b\r\n1,2\r\n'), 'r.csv'), 422);
    expect(body.detail).toMatch(/columns do not match/);
    const job = await t.deps.database.db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
    expect(job.status).toBe('failed');
    expect(JSON.parse(job.error!)).toMatchObject({ code: 'validation_failed' });
  });

  it('a worker thread killed mid-commit fails its job; the import is resumable at once and commits every row once', async () => {
    const d = await signedIn(t, 'department', { regionCode: '15' });
    const n = 5000;
    const p = (await (await upload(t, d, 'talents', csv(n), 'r.csv')).json()) as { id: string };
    const running = commit(d, p.id);
    // Kill the worker once the first chunk is written.
    for (;;) {
      const imp = await t.deps.database.db.selectFrom('imports').select(['rows_done', 'status']).where('id', '=', p.id).executeTakeFirstOrThrow();
      if (imp.rows_done > 0 || imp.status === 'committed') break;
      await new Promise((r) => setTimeout(r, 5));
    }
    const pool = t.deps.jobs as unknown as { workers(): { terminate(): Promise<number> }[] };
    await Promise.all(pool.workers().map((w) => w.terminate()));
    const failed = await running;
    expect(failed.status).toBe(500);
    const after = (await (await d.get(`/api/v1/imports/${p.id}`)).json()) as { progress: { done: number } };
    expect(after).toMatchObject({ status: 'previewed', failure: expect.stringMatching(/Commit again to resume/) });
    expect(after.progress.done).toBeGreaterThan(0);
    expect(after.progress.done).toBeLessThan(n);
    // The pool replaced its worker: committing again finishes the rest.
    expect(await (await commit(d, p.id)).json()).toMatchObject({ status: 'committed', progress: { done: n } });
    expect(await count(t, 'talents')).toBe(n);
  });
});
