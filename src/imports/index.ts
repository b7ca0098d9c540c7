import { createRouter } from '../lib/openapi';
import * as handlers from './imports.handlers';
import * as routes from './imports.routes';

export const importsRouter = createRouter()
  .openapi(routes.template, handlers.getTemplate)
  .openapi(routes.upload, handlers.upload)
  .openapi(routes.list, handlers.list)
  .openapi(routes.getOne, handlers.getOne)
  .openapi(routes.commit, handlers.commit)
  .openapi(routes.discard, handlers.discard);
