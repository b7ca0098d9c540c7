import { createRoute } from '@hono/zod-openapi';
import { errorResponses, jsonBody, jsonContent } from '../lib/openapi';
import { PositionIdParam } from '../positions';
import {
  ApplicantPage,
  ApplicationIdParam,
  ApplicationListQuery,
  ApplicationPage,
  ApplicationWithHistorySchema,
  ApplyBody,
  InvitationList,
  InvitationListQuery,
  InvitationSchema,
  InviteBody,
  MoveBody,
  RescheduleBody,
  WithdrawBody,
} from './applications.schemas';

const tags = ['Applications'];

export const apply = createRoute({
  method: 'post',
  path: '/applications',
  tags,
  summary: 'Apply to a position that takes applications today (graduates with a talent profile; once per position)',
  request: { body: jsonBody(ApplyBody) },
  responses: { 201: jsonContent(ApplicationWithHistorySchema, 'Submitted'), ...errorResponses },
});

export const listMine = createRoute({
  method: 'get',
  path: '/applications',
  tags,
  summary: "The signed-in graduate's own applications, newest first",
  request: { query: ApplicationListQuery },
  responses: { 200: jsonContent(ApplicationPage, 'A page of applications'), ...errorResponses },
});

export const getOne = createRoute({
  method: 'get',
  path: '/applications/{id}',
  tags,
  summary: 'One application with its history (the graduate, the employer, departments in scope, admins)',
  request: { params: ApplicationIdParam },
  responses: { 200: jsonContent(ApplicationWithHistorySchema, 'The application'), ...errorResponses },
});

export const withdraw = createRoute({
  method: 'post',
  path: '/applications/{id}/withdraw',
  tags,
  summary: 'Withdraw an own application that is not final yet (graduate)',
  request: { params: ApplicationIdParam, body: { required: false, content: { 'application/json': { schema: WithdrawBody } } } },
  responses: { 200: jsonContent(ApplicationWithHistorySchema, 'Withdrawn'), ...errorResponses },
});

export const move = createRoute({
  method: 'post',
  path: '/applications/{id}/status',
  tags,
  summary:
    'Move an application to an own position: submitted → reviewing → interview → offer → hired, or rejected from any non-final state (employer). Moving to interview needs `interview` (date, time, place or link); the talent is notified',
  request: { params: ApplicationIdParam, body: jsonBody(MoveBody) },
  responses: { 200: jsonContent(ApplicationWithHistorySchema, 'Moved'), ...errorResponses },
});

export const listForPosition = createRoute({
  method: 'get',
  path: '/positions/{id}/applications',
  tags,
  summary: "A position's applicants with their profile summaries and the count at each stage (its employer, departments in scope, admins)",
  request: { params: PositionIdParam, query: ApplicationListQuery },
  responses: { 200: jsonContent(ApplicantPage, 'A page of applications with stage counts'), ...errorResponses },
});

export const reschedule = createRoute({
  method: 'put',
  path: '/applications/{id}/interview',
  tags,
  summary: "Change the interview's date, time, place or link while the application is at the interview stage (the employer; the talent is notified)",
  request: { params: ApplicationIdParam, body: jsonBody(RescheduleBody) },
  responses: { 200: jsonContent(ApplicationWithHistorySchema, 'Rescheduled'), ...errorResponses },
});

export const invite = createRoute({
  method: 'post',
  path: '/invitations',
  tags,
  summary:
    "Invite a talent (open to employers and looking) to apply to an own post that takes applications today (verified employer; once per talent and post; at most 30 a day). The talent is notified with the post's link",
  request: { body: jsonBody(InviteBody) },
  responses: { 201: jsonContent(InvitationSchema, 'Invited'), ...errorResponses },
});

export const listInvitations = createRoute({
  method: 'get',
  path: '/invitations',
  tags,
  summary: "The signed-in graduate's invitations, or the signed-in employer's (optionally for one post), newest first (at most 100)",
  request: { query: InvitationListQuery },
  responses: { 200: jsonContent(InvitationList, 'Invitations'), ...errorResponses },
});
