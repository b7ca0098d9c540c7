import { AppError } from '../lib/errors';
import { createRouter } from '../lib/openapi';
import * as handlers from './talents.handlers';
import * as routes from './talents.routes';

// /talents/me before /talents/{id}, so "me" is never taken for an id.
export const talentsRouter = createRouter();

// zod-openapi answers a body that is not JSON with an HTTPException(415) that app.onError does not
// map yet (it becomes a 500); refuse it here first, as a 400 problem naming the body.
talentsRouter.use('/talents/me', async (c, next) => {
  const type = c.req.header('content-type');
  if (c.req.method === 'PUT' && type && !/^application\/(.+\+)?json\b/i.test(type)) {
    throw new AppError('malformed_request', 'The body must be JSON (Content-Type: application/json)', [
      { path: '(body)', message: `unsupported content type ${type.split(';')[0]}` },
    ]);
  }
  await next();
});

talentsRouter
  .openapi(routes.getMine, handlers.getMine)
  .openapi(routes.putMine, handlers.putMine)
  .openapi(routes.list, handlers.list)
  .openapi(routes.getOne, handlers.getOne)
  .openapi(routes.revealIdNumber, handlers.revealIdNumber);
