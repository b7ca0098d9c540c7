import { createRouter } from '../lib/openapi';
import * as handlers from './auth.handlers';
import * as routes from './auth.routes';

export const authRouter = createRouter()
  .openapi(routes.register, handlers.register)
  .openapi(routes.signIn, handlers.signIn)
  .openapi(routes.signOut, handlers.signOut)
  .openapi(routes.changePassword, handlers.changePassword)
  .openapi(routes.me, handlers.me);
