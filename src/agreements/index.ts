import { createRouter } from '../lib/openapi';
import * as handlers from './agreements.handlers';
import * as routes from './agreements.routes';

export const agreementsRouter = createRouter()
  .openapi(routes.create, handlers.create)
  .openapi(routes.list, handlers.list)
  .openapi(routes.getOne, handlers.getOne)
  .openapi(routes.move, handlers.move);
