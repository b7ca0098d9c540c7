import { createRouter } from '../lib/openapi';
import * as handlers from './admin.handlers';
import * as routes from './admin.routes';

export const adminRouter = createRouter()
  .openapi(routes.createDepartment, handlers.createDepartment)
  .openapi(routes.listDepartments, handlers.listDepartments)
  .openapi(routes.unlockUser, handlers.unlockUser);
