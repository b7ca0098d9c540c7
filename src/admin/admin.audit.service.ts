// The audit log for admins: ID reveals, exports with reveal, verifications, imports and admin
// actions, filtered by actor (part of a name or email), action and a date range (China time), paged;
// and an export of the same rows (at most AUDIT_EXPORT_MAX_ROWS, newest first), itself audited.
import type { AppDeps, SessionUser } from '../lib/context';
import { requireRole } from '../lib/guards';
import { auditEntry } from '../lib/audit';
import { writeUnit } from '../lib/write-unit';
import * as repo from './admin.audit.repository';
import { AUDIT_EXPORT_MAX_ROWS, AUDIT_PAGE_SIZE, type AuditEntry, type AuditFilters } from './admin.schemas';

const DAY_MS = 86_400_000;
const chinaMidnight = (day: string) => Date.parse(`${day}T00:00:00+08:00`);

function where(f: AuditFilters): repo.AuditWhere {
  return {
    actor: f.actor || undefined,
    action: f.action,
    fromMs: f.from ? chinaMidnight(f.from) : undefined,
    toMs: f.to ? chinaMidnight(f.to) + DAY_MS : undefined,
  };
}

/** A stored detail as a person reads it: JSON objects become "key: value; …", text stays. */
export function readableDetail(detail: string | null): string | null {
  if (detail === null || !detail.startsWith('{')) return detail;
  try {
    const o = JSON.parse(detail) as Record<string, unknown>;
    return Object.entries(o)
      .filter(([, v]) => v !== null && v !== undefined && v !== '')
      .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
      .join('; ');
  } catch {
    return detail;
  }
}

type Row = Awaited<ReturnType<typeof repo.listAudit>>[number];
const toEntry = (r: Row): AuditEntry => ({
  id: r.id,
  at: new Date(r.created_at).toISOString(),
  actor: r.actor_email ? { name: r.actor_name ?? '', email: r.actor_email } : null,
  action: r.action,
  subjectType: r.subject_type,
  subject: r.subject_name,
  detail: readableDetail(r.detail),
});

export async function auditLog(deps: AppDeps, user: SessionUser | null, f: AuditFilters): Promise<{ items: AuditEntry[]; total: number; page: number; pageSize: number }> {
  requireRole(user, 'admin');
  const w = where(f);
  const [total, rows] = await Promise.all([repo.countAudit(deps.database, w), repo.listAudit(deps.database, w, AUDIT_PAGE_SIZE, (f.page - 1) * AUDIT_PAGE_SIZE)]);
  return { items: rows.map(toEntry), total, page: f.page, pageSize: AUDIT_PAGE_SIZE };
}

/** The rows of an export (newest first, capped) and whether the filters matched more; the export is audited. */
export async function auditExport(deps: AppDeps, user: SessionUser | null, f: AuditFilters): Promise<{ items: AuditEntry[]; total: number; truncated: boolean }> {
  const admin = requireRole(user, 'admin');
  const w = where(f);
  const [total, rows] = await Promise.all([repo.countAudit(deps.database, w), repo.listAudit(deps.database, w, AUDIT_EXPORT_MAX_ROWS, 0)]);
  const now = deps.now();
  const detail = JSON.stringify({ actor: f.actor ?? null, action: f.action ?? null, from: f.from ?? null, to: f.to ?? null, rows: rows.length });
  await writeUnit(deps.database, now)
    .add(auditEntry(deps.database, { actorUserId: admin.id, action: 'audit_export', subjectType: 'audit_log', subjectId: 'audit_log', detail, now }))
    .commit();
  return { items: rows.map(toEntry), total, truncated: total > rows.length };
}
