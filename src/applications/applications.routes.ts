import { createRoute } from '@hono/zod-openapi';
import { errorResponses, jsonBody, jsonContent } from '../lib/openapi';
import { PositionIdParam } from '../positions';
import { ApplicationIdParam, ApplicationListQuery, ApplicationPage, ApplicationWithHistorySchema, ApplyBody, MoveBody, WithdrawBody } from './applications.schemas';

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
  summary: 'Move an application to an own position: submitted → reviewing → interview → offer → hired, or rejected from any non-final state (employer)',
  request: { params: ApplicationIdParam, body: jsonBody(MoveBody) },
  responses: { 200: jsonContent(ApplicationWithHistorySchema, 'Moved'), ...errorResponses },
});

export const listForPosition = createRoute({
  method: 'get',
  path: '/positions/{id}/applications',
  tags,
  summary: "A position's applicants with their profile summaries (its employer, departments in scope, admins)",
  request: { params: PositionIdParam, query: ApplicationListQuery },
  responses: { 200: jsonContent(ApplicationPage, 'A page of applications'), ...errorResponses },
});
