import { createRouter } from '../lib/openapi';
import * as handlers from './admin.handlers';
import * as routes from './admin.routes';

export const adminRouter = createRouter()
  .openapi(routes.createDepartment, handlers.createDepartment)
  .openapi(routes.listDepartments, handlers.listDepartments)
  .openapi(routes.unlockUser, handlers.unlockUser)
  .openapi(routes.overview, handlers.overview)
  .openapi(routes.findUsers, handlers.findUsers)
  .openapi(routes.disableUser, handlers.disableUser)
  .openapi(routes.enableUser, handlers.enableUser)
  .openapi(routes.sendResetLink, handlers.sendResetLink)
  .openapi(routes.auditLog, handlers.auditLog)
  .openapi(routes.listImports, handlers.listImports);

// For the pages (the front door; ARCHITECTURE.md, "Features").
export { NewDepartmentBody } from './admin.routes';
export * as adminAccounts from './admin.service';
export * as adminAudit from './admin.audit.service';
export * as adminConsole from './admin.console.service';
export {
  AUDIT_ACTIONS,
  AUDIT_EXPORT_MAX_ROWS,
  AuditQuery,
  ImportsQuery,
  ReindexQuery,
  UserSearchQuery,
  USER_SEARCH_LIMIT,
  type AdminImport,
  type AdminUser,
  type AuditAction,
  type AuditEntry,
  type AuditFilters,
  type Overview,
} from './admin.schemas';
