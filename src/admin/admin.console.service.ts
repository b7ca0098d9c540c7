// The admin console's landing counts, the imports of every department, and search status with the
// reindex button (a job in a worker thread on Node; the request only starts it).
import { throttledAccountCount } from '../auth';
import type { AppDeps, SessionUser } from '../lib/context';
import { requireRole } from '../lib/guards';
import type { SearchStatus } from '../lib/search';
import { regionFullNames } from '../regions';
import { startReindexJob } from '../search-api';
import * as repo from './admin.repository';
import { IMPORTS_PAGE_SIZE, type AdminImport, type Overview } from './admin.schemas';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export async function overview(deps: AppDeps, user: SessionUser | null): Promise<Overview> {
  requireRole(user, 'admin');
  const [counts, throttled, pendingImports, status] = await Promise.all([
    repo.userCounts(deps.database),
    throttledAccountCount(deps),
    repo.pendingImportCount(deps.database),
    deps.search.status(),
  ]);
  const of = (role: string) => counts.find((c) => c.role === role) ?? { n: 0, disabled: 0 };
  const dept = of('department');
  return {
    departments: { active: dept.n - dept.disabled, disabled: dept.disabled },
    users: { graduate: of('graduate').n, employer: of('employer').n, department: dept.n, admin: of('admin').n, disabled: counts.reduce((s, c) => s + c.disabled, 0) },
    throttledSignIns: throttled,
    pendingImports,
    search: { engine: status.engine, degraded: status.degraded, pending: status.outbox?.pending ?? 0, lastError: status.outbox?.lastError ?? null },
  };
}

export async function listImports(deps: AppDeps, user: SessionUser | null, page: number): Promise<{ items: AdminImport[]; total: number; page: number; pageSize: number }> {
  requireRole(user, 'admin');
  const { items, total } = await repo.listImports(deps.database, page, IMPORTS_PAGE_SIZE);
  const names = await regionFullNames(deps, items.map((i) => i.scope_code).filter(Boolean));
  return {
    items: items.map((i) => ({
      id: i.id,
      department: { name: i.display_name ?? '', email: i.email ?? '' },
      regionName: names.get(i.scope_code) ?? null,
      kind: i.kind,
      fileName: i.file_name,
      rows: { total: i.total_rows, good: i.good_rows, bad: i.bad_rows, done: i.rows_done },
      status: i.status,
      createdAt: new Date(i.created_at).toISOString(),
      committedAt: iso(i.committed_at),
    })),
    total,
    page,
    pageSize: IMPORTS_PAGE_SIZE,
  };
}

export interface ReindexRun {
  id: string;
  status: 'running' | 'done' | 'failed' | 'interrupted';
  by: string | null;
  startedAt: string;
  finishedAt: string | null;
  entity: string | null;
  documents: number | null;
  problem: string | null;
}

/** The search engine's status (engine, outbox backlog, last error) and the latest reindex runs. */
export async function searchConsole(deps: AppDeps, user: SessionUser | null): Promise<{ status: SearchStatus; reindexable: boolean; runs: ReindexRun[] }> {
  requireRole(user, 'admin');
  const [status, jobs] = await Promise.all([deps.search.status(), repo.recentReindexJobs(deps.database, 5)]);
  const runs = jobs.map((j) => {
    const result = j.result ? (JSON.parse(j.result) as { entity?: string; documents?: number | null }) : {};
    const error = j.error ? (JSON.parse(j.error) as { message?: string }) : null;
    return {
      id: j.id,
      status: j.status,
      by: j.display_name,
      startedAt: new Date(j.created_at).toISOString(),
      finishedAt: iso(j.finished_at),
      entity: result.entity ?? j.subject_id,
      documents: result.documents ?? null,
      problem: error?.message ?? null,
    };
  });
  return { status, reindexable: deps.search.meili !== null, runs };
}

/** Starts rebuilding an index (refused when only the SQL fallback runs); answers the job's id. */
export async function startReindex(deps: AppDeps, user: SessionUser | null, entity: 'talent' | 'position'): Promise<{ jobId: string }> {
  const admin = requireRole(user, 'admin');
  return { jobId: await startReindexJob(deps, admin, entity) };
}
