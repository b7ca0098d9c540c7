import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonBody, jsonContent } from '../lib/openapi';
import {
  ChangePasswordBody,
  PasswordResetBody,
  PasswordResetRequestBody,
  PasswordResetRequested,
  RegisterBody,
  SessionResponse,
  SignInBody,
  SignUpConfirmBody,
  SignUpPending,
  UserSchema,
} from './auth.schemas';

const tags = ['Accounts'];

export const register = createRoute({
  method: 'post',
  path: '/auth/register',
  tags,
  summary: 'Sign up a graduate or employer: a link goes by mail (202), whether or not the address has an account',
  description:
    'With mail on the server the answer is always 202: a new address gets a link that creates the account (POST /auth/register/confirm), an address that has an account gets a mail saying so. A server without mail creates the account and signs in at once (201).',
  request: { body: jsonBody(RegisterBody) },
  responses: {
    201: jsonContent(SessionResponse, 'Signed up and signed in (a server without mail)'),
    202: jsonContent(SignUpPending, 'Check your mailbox'),
    ...errorResponses,
  },
});

export const confirmSignUp = createRoute({
  method: 'post',
  path: '/auth/register/confirm',
  tags,
  summary: "Finish a sign-up with the link's token: the account is created and signed in",
  request: { body: jsonBody(SignUpConfirmBody) },
  responses: { 201: jsonContent(SessionResponse, 'Signed up'), ...errorResponses },
});

export const signIn = createRoute({
  method: 'post',
  path: '/auth/sign-in',
  tags,
  summary: 'Sign in; the session token is set as a cookie and returned for API clients',
  request: { body: jsonBody(SignInBody) },
  responses: {
    200: jsonContent(SessionResponse, 'Signed in'),
    ...errorResponses,
    429: { description: 'Too many failures; see Retry-After', content: { 'application/problem+json': { schema: z.any() } } },
  },
});

export const signOut = createRoute({
  method: 'post',
  path: '/auth/sign-out',
  tags,
  summary: 'End the current session',
  responses: { 204: { description: 'Signed out' }, ...errorResponses },
});

export const changePassword = createRoute({
  method: 'post',
  path: '/auth/password',
  tags,
  summary: 'Change the password; every other session of the account ends',
  request: { body: jsonBody(ChangePasswordBody) },
  responses: { 204: { description: 'Changed' }, ...errorResponses },
});

export const requestPasswordReset = createRoute({
  method: 'post',
  path: '/auth/password-reset/request',
  tags,
  summary: 'Mail a password reset link (30 minutes, single use); the answer is the same whether or not the address has an account',
  request: { body: jsonBody(PasswordResetRequestBody) },
  responses: {
    202: jsonContent(PasswordResetRequested, 'Accepted'),
    ...errorResponses,
    429: { description: 'Too many requests for this address; see Retry-After', content: { 'application/problem+json': { schema: z.any() } } },
    503: { description: 'Mail is not set up on this server', content: { 'application/problem+json': { schema: z.any() } } },
  },
});

export const resetPassword = createRoute({
  method: 'post',
  path: '/auth/password-reset',
  tags,
  summary: "Set a new password with a reset link's token; every session of the account ends",
  request: { body: jsonBody(PasswordResetBody) },
  responses: { 204: { description: 'Changed' }, ...errorResponses },
});

export const me = createRoute({
  method: 'get',
  path: '/me',
  tags,
  summary: 'The signed-in user',
  responses: { 200: jsonContent(UserSchema, 'The current user'), ...errorResponses },
});
