import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonBody, jsonContent } from '../lib/openapi';
import { DisplayName, Email, Password } from '../auth';
import { AdminImportPage, AdminUserSchema, AuditPage, AuditQuery, ImportsQuery, OverviewSchema, ResetLinkResult, UserSearchQuery } from './admin.schemas';

const tags = ['Administration'];

export const NewDepartmentBody = z
  .object({
    email: Email,
    password: Password,
    displayName: DisplayName,
    regionCode: z.string().regex(/^\d{2}(\d{2}(\d{2}(\d{3})?)?)?$/, 'must be a region code of 2, 4, 6 or 9 digits'),
  })
  .openapi('NewDepartmentRequest');

const UserId = z.object({ id: z.string().min(1).max(64) });

export const createDepartment = createRoute({
  method: 'post',
  path: '/admin/departments',
  tags,
  summary: 'Create a department account scoped to a region subtree (admin only; audit-logged)',
  request: { body: jsonBody(NewDepartmentBody) },
  responses: { 201: jsonContent(AdminUserSchema, 'The department account'), ...errorResponses },
});

export const listDepartments = createRoute({
  method: 'get',
  path: '/admin/departments',
  tags,
  summary: 'Department accounts with their region name and status (admin only)',
  responses: { 200: jsonContent(z.object({ items: z.array(AdminUserSchema) }), 'Departments'), ...errorResponses },
});

export const unlockUser = createRoute({
  method: 'post',
  path: '/admin/users/{id}/unlock',
  tags,
  summary: "Lift an account's sign-in limits: failures by strangers and every locked-out device (admin only; audit-logged)",
  request: { params: UserId },
  responses: { 204: { description: 'Unlocked' }, ...errorResponses },
});

export const overview = createRoute({
  method: 'get',
  path: '/admin/overview',
  tags,
  summary: "The admin console's counts: departments, users, throttled sign-ins, pending imports, search (admin only)",
  responses: { 200: jsonContent(OverviewSchema, 'Counts'), ...errorResponses },
});

export const findUsers = createRoute({
  method: 'get',
  path: '/admin/users',
  tags,
  summary: 'Accounts whose email contains the text, the exact address first (at most 20; admin only)',
  request: { query: UserSearchQuery },
  responses: { 200: jsonContent(z.object({ items: z.array(AdminUserSchema) }), 'Accounts'), ...errorResponses },
});

export const disableUser = createRoute({
  method: 'post',
  path: '/admin/users/{id}/disable',
  tags,
  summary: 'Disable an account: its sessions end and sign-in is refused (admin only, not their own account; audit-logged)',
  request: { params: UserId },
  responses: { 204: { description: 'Disabled' }, ...errorResponses },
});

export const enableUser = createRoute({
  method: 'post',
  path: '/admin/users/{id}/enable',
  tags,
  summary: 'Enable a disabled account again (admin only; audit-logged)',
  request: { params: UserId },
  responses: { 204: { description: 'Enabled' }, ...errorResponses },
});

export const sendResetLink = createRoute({
  method: 'post',
  path: '/admin/users/{id}/password-reset',
  tags,
  summary: 'Mail the account a password reset link (30 minutes, single use; admin only; audit-logged)',
  request: { params: UserId },
  responses: {
    202: jsonContent(ResetLinkResult, 'The link is on its way'),
    ...errorResponses,
    503: { description: 'Mail is not set up on this server', content: errorResponses[422].content },
  },
});

export const auditLog = createRoute({
  method: 'get',
  path: '/admin/audit',
  tags,
  summary: 'The audit log, newest first, 50 a page: filter by actor (part of a name or email), action and dates (admin only)',
  request: { query: AuditQuery },
  responses: { 200: jsonContent(AuditPage, 'Audit rows'), ...errorResponses },
});

export const listImports = createRoute({
  method: 'get',
  path: '/admin/imports',
  tags,
  summary: 'Imports of every department, newest first, 20 a page (admin only)',
  request: { query: ImportsQuery },
  responses: { 200: jsonContent(AdminImportPage, 'Imports'), ...errorResponses },
});
