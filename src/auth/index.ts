import { createRouter } from '../lib/openapi';
import * as handlers from './auth.handlers';
import * as routes from './auth.routes';
import * as accountHandlers from './account.handlers';
import * as accountRoutes from './account.routes';

export const authRouter = createRouter()
  .openapi(routes.register, handlers.register)
  .openapi(routes.confirmSignUp, handlers.confirmSignUp)
  .openapi(routes.signIn, handlers.signIn)
  .openapi(routes.signOut, handlers.signOut)
  .openapi(routes.changePassword, handlers.changePassword)
  .openapi(routes.requestPasswordReset, handlers.requestPasswordReset)
  .openapi(routes.resetPassword, handlers.resetPassword)
  .openapi(routes.me, handlers.me)
  .openapi(accountRoutes.listSessions, accountHandlers.listSessions)
  .openapi(accountRoutes.signOutOthers, accountHandlers.signOutOthers)
  .openapi(accountRoutes.signOutSession, accountHandlers.signOutSession)
  .openapi(accountRoutes.requestEmailChange, accountHandlers.requestEmailChange)
  .openapi(accountRoutes.confirmEmailChange, accountHandlers.confirmEmailChange);

// For other features and pages (their front door; ARCHITECTURE.md, "Features").
export { createAccount, newAccountRow, unlockAccount, signIn } from './auth.service';
export { register, confirmSignUp, signUpTokenUsable, SIGNUP_LIMITS, type Registered } from './signup.service';
export { hashPassword } from './password';
export { requireUser, loadSession, refuseCrossSite, clearSessionCookie, setSessionCookie } from './auth.middleware';
export { toUserDto, DisplayName, Email, Password, UserSchema, RegisterBody, SignInBody } from './auth.schemas';
export { deleteSession } from './sessions';
export { readDeviceCookie, setDeviceCookie } from './device';
export { requestPasswordReset, resetPassword, resetTokenUsable, RESET_LIMITS } from './reset.service';
export { PasswordResetBody, PasswordResetRequestBody, SignUpConfirmBody } from './auth.schemas';
export { listSessions, signOutOthers, signOutSession, requestEmailChange, confirmEmailChange, type SessionView } from './account.service';
export { EmailChangeBody, EmailConfirmBody } from './account.schemas';
export { changePassword } from './auth.service';
export { ChangePasswordBody } from './auth.schemas';
export { resetLinkRows, linkOrigin } from './reset.service';
export { disableAccountWrites, enableAccountWrite, accountDisabledAt, unlockWrites, signInBlockedFor, throttledAccountCount } from './account-admin';
