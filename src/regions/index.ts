import { createRouter } from '../lib/openapi';
import * as handlers from './regions.handlers';
import * as routes from './regions.routes';

export const regionsRouter = createRouter()
  .openapi(routes.listRoots, handlers.listRoots)
  .openapi(routes.getRegion, handlers.getRegion)
  .openapi(routes.getChildren, handlers.getChildren)
  .openapi(routes.getAncestors, handlers.getAncestors);
