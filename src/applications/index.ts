import { createRouter } from '../lib/openapi';
import * as handlers from './applications.handlers';
import * as routes from './applications.routes';

export const applicationsRouter = createRouter()
  .openapi(routes.apply, handlers.apply)
  .openapi(routes.listMine, handlers.listMine)
  .openapi(routes.getOne, handlers.getOne)
  .openapi(routes.withdraw, handlers.withdraw)
  .openapi(routes.move, handlers.move)
  .openapi(routes.listForPosition, handlers.listForPosition);

// For other features and pages (their front door; ARCHITECTURE.md, "Features").
export { ApplicationListQuery, MoveBody, WithdrawBody, ApplyBody } from './applications.schemas';
export { getApplicationWithHistory, listApplicants, moveApplication, listMyApplications, withdraw, apply } from './applications.service';
