// Committing and discarding an import (split from imports.service.ts): the commit claims the import,
// runs as a job (a worker thread on Node, inline on Workers with bounded calls) and writes the staged
// chunks in atomic batches; discarding drops the staged rows.
import type { AppDeps, SessionUser } from '../lib/context';
import { AppError, notFound } from '../lib/errors';
import { fieldText } from '../lib/field-codes';
import { newId } from '../lib/ids';
import { auditEntry } from '../lib/audit';
import type { Import, ImportKind } from '../../db/schema';
import type { WriteResult } from '../lib/database';
import { writeUnit, type Table } from '../lib/write-unit';
import { sql } from 'kysely';
import { notificationRows } from '../notifications';
import { chunkOpener } from './imports.seal';
import * as repo from './imports.repository';
import { registerTask, startJob, type TaskContext } from '../jobs';
import type { StagedEmployer, StagedPlacement, StagedTalent } from './imports.repository';
import { toImportDto, type ImportDto } from './imports.schemas';
import { findVisible, LEASE_MS, settle } from './imports.service';

/** Commits and waits for the last chunk (the JSON API; on Node the chunks are written by a worker
 * thread, the request only waits). Committing a committed import changes nothing; committing one
 * that is being committed answers 409 with its progress. */
export async function commitImport(deps: AppDeps, user: SessionUser | null, id: string): Promise<ImportDto> {
  const { done } = await beginCommit(deps, user, id, 'conflict');
  if (done) await done;
  const imp = await repo.findImport(deps.database, id);
  if (!imp) throw notFound('Import');
  return toImportDto(imp);
}

function alreadyCommitting(imp: Import): AppError {
  return new AppError(
    'invalid_state',
    `The import is already being committed: ${imp.rows_done} of ${imp.good_rows} rows written (status committing). Follow its progress with GET /imports/${imp.id}.`,
  );
}

/** Takes the import for a commit and starts the commit job; `done` settles when it ends (null when
 * there is nothing to do: committed already, or — with 'return' — another commit is at work; with
 * 'conflict' that answers 409). A commit whose job is gone is resumed (settle). The web page
 * answers at once and shows progress. */
export async function beginCommit(
  deps: AppDeps,
  user: SessionUser | null,
  id: string,
  whenRunning: 'conflict' | 'return' = 'return',
): Promise<{ imp: Import; jobId: string | null; done: Promise<void> | null }> {
  const found = await findVisible(deps, user, id);
  const { me } = found;
  const imp = await settle(deps, found.imp);
  const busy = (current: Import) => {
    if (whenRunning === 'conflict') throw alreadyCommitting(current);
    return { imp: current, jobId: current.job_id, done: null };
  };
  if (imp.status === 'committed') return { imp, jobId: null, done: null };
  if (imp.status === 'committing') return busy(imp);
  if (imp.status !== 'previewed') throw new AppError('invalid_state', `An import that is ${imp.status} cannot be committed`);
  const jobId = newId();
  const now = deps.now();
  const { claim } = await writeUnit(deps.database, now)
    .add('claim', repo.claimForCommit(deps.database, imp.id, now, LEASE_MS, jobId))
    .commit();
  if (claim.numAffectedRows !== 1) {
    const current = await repo.findImport(deps.database, imp.id);
    if (current?.status === 'committed') return { imp: current, jobId: null, done: null };
    if (current?.status === 'committing') return busy(current);
    throw new AppError('invalid_state', `An import that is ${current?.status ?? 'gone'} cannot be committed`);
  }
  const { done } = await startJob<void>(deps, {
    id: jobId,
    kind: 'import_commit',
    owner: me,
    subjectId: imp.id,
    task: 'imports.commit',
    input: { me, importId: imp.id },
    total: imp.good_rows - imp.rows_done,
    summary: () => ({ importId: imp.id }),
  });
  return { imp, jobId, done };
}

registerTask('imports.commit', async (deps, input: { me: SessionUser; importId: string }, ctx) => {
  const imp = await repo.findImport(deps.database, input.importId);
  if (!imp) throw notFound('Import');
  await applyChunks(deps, input.me, imp, ctx);
});

/** The writes of one staged row; the first statement (for talents and placements the first two:
 * insert, update) decides whether the row was applied or skipped. */
const TABLES_OF: Record<ImportKind, Table[]> = { talents: ['talents'], employers: ['employers', 'positions'], placements: ['placements', 'agreements'] };

function writesOf(kind: ImportKind, row: unknown, imp: Import, importerId: string, now: number) {
  if (kind === 'talents') return repo.talentWrites(row as StagedTalent, imp.scope_code, now);
  if (kind === 'employers') return repo.employerWrites(row as StagedEmployer, imp.scope_code, importerId, now);
  return repo.placementWrites(row as StagedPlacement, imp.id, imp.scope_code, importerId, now);
}

async function applyChunks(deps: AppDeps, me: SessionUser, imp: Import, ctx: TaskContext): Promise<void> {
  const { database, fieldCrypto } = deps;
  let at = '';
  let written = 0;
  let chunks = 0;
  const perCall = deps.importChunking?.chunksPerCall ?? Infinity;
  try {
    const open = imp.payload_key ? await chunkOpener(fieldCrypto, imp.payload_key) : null;
    for (;;) {
      const chunk = await repo.nextChunk(database, imp.id);
      if (!chunk || !open) break;
      if (chunks++ >= perCall) {
        // This call's share is written (D1's per-invocation limits): the import is previewed again,
        // with its progress, and the next commit call resumes from this chunk.
        await writeUnit(database, deps.now())
          .add(
            repo.updateImport(database, imp.id, { status: 'previewed', lease_until: null, failure: null, failure_code: null, failure_params: null, updated_at: deps.now() }, [
              'committing',
            ]),
          )
          .commit();
        return;
      }
      at = `rows ${chunk.first_row}–${chunk.last_row}`;
      const rows = JSON.parse(await open(chunk.payload)) as unknown[];
      const now = deps.now();
      // Each row's upsert is named (a talent's or placement's insert and its update both), so a
      // row that changed nothing (out of scope, or unchanged) counts as skipped.
      const unit = writeUnit(database, now);
      const counted: string[][] = rows.map((r, k) => {
        const writes = writesOf(imp.kind, r, imp, me.id, now);
        const names = (imp.kind === 'employers' ? [0] : [0, 1]).map((n) => `row${k}.${n}`);
        writes.forEach((w, n) => (n < names.length ? unit.add(names[n], w) : unit.add(w)));
        return names;
      });
      if (imp.kind === 'employers') for (const r of rows as StagedEmployer[]) unit.touchWhere('position', repo.employerPositionsSelect(r, imp.scope_code));
      if (imp.kind === 'talents')
        repo
          .talentOutboxSelects(
            (rows as StagedTalent[]).map((r) => r.id_hmac),
            imp.scope_code,
          )
          .forEach((sel) => unit.touchWhere('talent', sel));
      // The raw upserts write these tables: their after-commit hooks (the position list's cache) run.
      unit.changes(...TABLES_OF[imp.kind]);
      const results: Record<string, WriteResult> = await unit.addAll(repo.chunkDone(database, imp.id, chunk.first_row, chunk.row_count, now, LEASE_MS)).commit();
      const skipped = counted.filter((names) => names.every((n) => results[n].numAffectedRows === 0)).length;
      if (skipped)
        await writeUnit(database, now)
          .add(repo.addSkipped(database, imp.id, skipped))
          .commit();
      written += rows.length;
      await ctx.progress(written);
    }
    const now = deps.now();
    const done = await repo.findImport(database, imp.id);
    // The department that committed hears that it is done (on the condition that it was this unit
    // that committed it), also after it left the page.
    const notice = await notificationRows(
      deps,
      {
        userId: me.id,
        kind: 'import_finished',
        params: { file: imp.file_name, rows: String(done?.rows_done ?? 0), skipped: String(done?.rows_skipped ?? 0) },
        link: `/department/imports/${imp.id}`,
      },
      now,
      sql<boolean>`EXISTS (SELECT 1 FROM imports WHERE id = ${imp.id} AND status = 'committed' AND committed_at = ${now})`,
    );
    await writeUnit(database, now)
      .add(repo.updateImport(database, imp.id, { status: 'committed', committed_at: now, lease_until: null, payload_key: null, updated_at: now }, ['committing']))
      .add(
        auditEntry(database, {
          actorUserId: me.id,
          action: 'import_commit',
          subjectType: 'import',
          subjectId: imp.id,
          detail: JSON.stringify({ kind: imp.kind, rows: done?.rows_done ?? 0, skipped: done?.rows_skipped ?? 0 }),
          now,
        }),
      )
      .addAll(notice)
      .changes('notifications', 'mail_outbox')
      .commit();
  } catch (err) {
    deps.log({ level: 'error', action: 'import_commit', importId: imp.id, at, error: err instanceof Error ? err.message.slice(0, 300) : String(err) });
    await writeUnit(database, deps.now())
      .add(
        repo.updateImport(
          database,
          imp.id,
          {
            status: 'previewed',
            lease_until: null,
            failure: fieldText('commit_stopped_at', { at: at || 'the start' }),
            failure_code: 'commit_stopped_at',
            failure_params: JSON.stringify({ at: at || 'the start' }),
            updated_at: deps.now(),
          },
          ['committing'],
        ),
      )
      .commit();
    throw err;
  }
}

/** Drops a previewed or failed import's staged rows and errors; nothing was written from it. */
export async function discardImport(deps: AppDeps, user: SessionUser | null, id: string): Promise<ImportDto> {
  const { imp } = await findVisible(deps, user, id);
  if (imp.status !== 'discarded') {
    if (imp.status !== 'previewed' && imp.status !== 'failed') throw new AppError('invalid_state', `An import that is ${imp.status} cannot be discarded`);
    const { discarded } = await writeUnit(deps.database, deps.now())
      .addAll(repo.deleteStaged(deps.database, imp.id, true))
      .add('discarded', repo.updateImport(deps.database, imp.id, { status: 'discarded', payload_key: null, updated_at: deps.now() }, ['previewed', 'failed']))
      .commit();
    if (discarded.numAffectedRows === 0) throw new AppError('invalid_state', 'The import changed meanwhile; load it again');
  }
  const after = await repo.findImport(deps.database, imp.id);
  return toImportDto(after!);
}
