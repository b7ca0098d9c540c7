import { createRouter } from '../lib/openapi';
import * as handlers from './placements.handlers';
import * as routes from './placements.routes';

export const placementsRouter = createRouter()
  .openapi(routes.create, handlers.create)
  .openapi(routes.list, handlers.list)
  .openapi(routes.getOne, handlers.getOne)
  .openapi(routes.end, handlers.end);
