// The admin console's DTOs and queries, shared by the API (admin.routes.ts) and the pages (web/pages/admin).
import { z } from '@hono/zod-openapi';
import { PageQuery, pageOf } from '../lib/openapi';

/** Users found by one search of the users page (the most recently created first). */
export const USER_SEARCH_LIMIT = 20;
/** Audit rows per page, and the most rows one export holds (newest first; narrow the filters for more). */
export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_EXPORT_MAX_ROWS = 5000;
/** Imports per page of the console's import list. */
export const IMPORTS_PAGE_SIZE = 20;

/** The actions the audit log records, by name (the filter's choices). */
export const AUDIT_ACTIONS = [
  'reveal_id_number',
  'export_reveal',
  'employer.verify',
  'employer.reject',
  'employer.internship_base.set',
  'employer.internship_base.unset',
  'import_upload',
  'import_commit',
  'round.refresh_inputs',
  'department_create',
  'account_disable',
  'account_enable',
  'account_reset_link',
  'unlock_account',
  'audit_export',
  'password_reset',
  'email_change',
  'search_synonym_add',
  'search_synonym_delete',
  'search_dictionary_add',
  'search_dictionary_delete',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AdminUserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role: z.enum(['graduate', 'employer', 'department', 'admin']),
    displayName: z.string(),
    regionCode: z.string().nullable(),
    regionName: z.string().nullable().openapi({ description: "The region's full name (departments)" }),
    createdAt: z.string(),
    lastSignInAt: z.string().nullable().openapi({ description: 'The last successful sign-in, when known (recorded since migration 0023)' }),
    disabled: z.boolean(),
    disabledAt: z.string().nullable(),
    signInBlockedForSeconds: z.number().int().nullable().openapi({ description: 'Seconds until a throttled sign-in is allowed again; null when not throttled' }),
  })
  .openapi('AdminUser');
export type AdminUser = z.infer<typeof AdminUserSchema>;

export const UserSearchQuery = z.object({
  email: z.string().trim().min(1).max(100).openapi({ description: 'The whole address or a part of it', example: 'example.cn' }),
});

export const ResetLinkResult = z.object({ sentTo: z.string() }).openapi('AdminResetLinkResult');

const Day = z.iso.date().openapi({ description: 'YYYY-MM-DD, China time', example: '2026-12-01' });

export const AuditQuery = z
  .object({
    actor: z.string().trim().max(100).optional().openapi({ description: "Part of the actor's name or email" }),
    action: z.enum(AUDIT_ACTIONS).optional(),
    from: Day.optional(),
    to: Day.optional(),
    page: PageQuery.shape.page,
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'must not be before from' });
export type AuditFilters = z.infer<typeof AuditQuery>;

export const AuditEntrySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: z.object({ name: z.string(), email: z.string() }).nullable(),
    action: z.string(),
    subjectType: z.string(),
    subject: z.string().nullable().openapi({ description: 'A name for the object where one is known (a person, employer, file, round)' }),
    detail: z.string().nullable(),
  })
  .openapi('AuditEntry');
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export const AuditPage = pageOf(AuditEntrySchema, 'AuditPage');

export const ImportsQuery = z.object({ page: PageQuery.shape.page });

export const AdminImportSchema = z
  .object({
    id: z.string(),
    department: z.object({ name: z.string(), email: z.string() }),
    regionName: z.string().nullable(),
    kind: z.enum(['talents', 'employers', 'placements']),
    fileName: z.string(),
    rows: z.object({ total: z.number().int(), good: z.number().int(), bad: z.number().int(), done: z.number().int() }),
    status: z.enum(['staging', 'previewed', 'committing', 'committed', 'failed', 'discarded']),
    createdAt: z.string(),
    committedAt: z.string().nullable(),
  })
  .openapi('AdminImport');
export type AdminImport = z.infer<typeof AdminImportSchema>;
export const AdminImportPage = pageOf(AdminImportSchema, 'AdminImportPage');

export const OverviewSchema = z
  .object({
    departments: z.object({ active: z.number().int(), disabled: z.number().int() }),
    users: z.object({ graduate: z.number().int(), employer: z.number().int(), department: z.number().int(), admin: z.number().int(), disabled: z.number().int() }),
    throttledSignIns: z.number().int().openapi({ description: 'Accounts whose sign-in limit is reached now' }),
    pendingImports: z.number().int().openapi({ description: 'Imports staged or committing' }),
    search: z.object({ engine: z.enum(['meilisearch', 'sql']), degraded: z.boolean(), pending: z.number().int(), lastError: z.string().nullable() }),
  })
  .openapi('AdminOverview');
export type Overview = z.infer<typeof OverviewSchema>;

export const ReindexQuery = z.object({ entity: z.enum(['talent', 'position']) });
