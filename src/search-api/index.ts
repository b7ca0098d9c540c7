import { createRouter } from '../lib/openapi';
import * as handlers from './search.handlers';
import * as routes from './search.routes';

export const searchRouter = createRouter()
  .openapi(routes.searchPositions, handlers.searchPositions)
  .openapi(routes.searchTalents, handlers.searchTalents)
  .openapi(routes.searchStatus, handlers.searchStatus)
  .openapi(routes.reindex, handlers.reindex);
