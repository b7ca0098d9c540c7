import { createRouter } from '../lib/openapi';
import * as handlers from './exports.handlers';
import * as routes from './exports.routes';

export const exportsRouter = createRouter()
  .openapi(routes.talents, handlers.talents)
  .openapi(routes.placements, handlers.placements)
  .openapi(routes.agreements, handlers.agreements);
