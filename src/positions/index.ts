import { createRouter } from '../lib/openapi';
import * as handlers from './positions.handlers';
import * as routes from './positions.routes';

export const positionsRouter = createRouter()
  .openapi(routes.create, handlers.create)
  .openapi(routes.list, handlers.list)
  .openapi(routes.getOne, handlers.getOne)
  .openapi(routes.update, handlers.update)
  .openapi(routes.publish, handlers.publish)
  .openapi(routes.close, handlers.close)
  .openapi(routes.listMine, handlers.listMine);
