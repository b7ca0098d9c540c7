import { createRoute } from '@hono/zod-openapi';
import { errorResponses, jsonBody, jsonContent } from '../lib/openapi';
import { EmailChangeBody, EmailChangeRequested, EmailChanged, EmailConfirmBody, SessionIdParam, SessionList, SignedOutOthers } from './account.schemas';

const tags = ['Accounts'];

export const listSessions = createRoute({
  method: 'get',
  path: '/me/sessions',
  tags,
  summary: "The signed-in sessions of the caller's account",
  responses: { 200: jsonContent(SessionList, 'Sessions, most recently active first'), ...errorResponses },
});

export const signOutOthers = createRoute({
  method: 'post',
  path: '/me/sessions/sign-out-others',
  tags,
  summary: 'End every session of the account but this one',
  responses: { 200: jsonContent(SignedOutOthers, 'Ended'), ...errorResponses },
});

export const signOutSession = createRoute({
  method: 'delete',
  path: '/me/sessions/{id}',
  tags,
  summary: "End one of the caller's sessions (another account's is not found)",
  request: { params: SessionIdParam },
  responses: { 204: { description: 'Ended' }, ...errorResponses },
});

export const requestEmailChange = createRoute({
  method: 'post',
  path: '/me/email',
  tags,
  summary: 'Change the email: a confirmation link goes to the new address (24 hours, single use); the old address is told once it is changed',
  request: { body: jsonBody(EmailChangeBody) },
  responses: { 202: jsonContent(EmailChangeRequested, 'Link sent'), ...errorResponses },
});

export const confirmEmailChange = createRoute({
  method: 'post',
  path: '/me/email/confirm',
  tags,
  summary: "Confirm a change of email with the link's token (no sign-in needed)",
  request: { body: jsonBody(EmailConfirmBody) },
  responses: { 200: jsonContent(EmailChanged, 'Changed'), ...errorResponses },
});
