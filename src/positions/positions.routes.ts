import { createRoute } from '@hono/zod-openapi';
import { errorResponses, jsonBody, jsonContent } from '../lib/openapi';
import { OpenPositionsQuery, OwnPositionsQuery, PositionIdParam, PositionInput, PositionPage, PositionSchema, PositionUpdate } from './positions.schemas';

const tags = ['Positions'];

export const create = createRoute({
  method: 'post',
  path: '/positions',
  tags,
  summary: "Write a draft position for the signed-in employer's organisation",
  request: { body: jsonBody(PositionInput) },
  responses: { 201: jsonContent(PositionSchema, 'The draft'), ...errorResponses },
});

export const list = createRoute({
  method: 'get',
  path: '/positions',
  tags,
  summary: 'Open positions (public): open, closing today or later, newest first; filters by region subtree, kind, service area, employer type',
  request: { query: OpenPositionsQuery },
  responses: { 200: jsonContent(PositionPage, 'A page of open positions with the total'), ...errorResponses },
});

export const getOne = createRoute({
  method: 'get',
  path: '/positions/{id}',
  tags,
  summary: 'One position: open ones for anyone; drafts and closed ones for their employer, departments in scope and admins',
  request: { params: PositionIdParam },
  responses: { 200: jsonContent(PositionSchema, 'The position'), ...errorResponses },
});

export const update = createRoute({
  method: 'patch',
  path: '/positions/{id}',
  tags,
  summary: 'Edit an own position',
  request: { params: PositionIdParam, body: jsonBody(PositionUpdate) },
  responses: { 200: jsonContent(PositionSchema, 'Updated'), ...errorResponses },
});

export const publish = createRoute({
  method: 'post',
  path: '/positions/{id}/publish',
  tags,
  summary: 'Open (publish) an own draft, or reopen a closed position; needs a verified organisation',
  request: { params: PositionIdParam },
  responses: { 200: jsonContent(PositionSchema, 'Open'), ...errorResponses },
});

export const close = createRoute({
  method: 'post',
  path: '/positions/{id}/close',
  tags,
  summary: 'Close an own open position',
  request: { params: PositionIdParam },
  responses: { 200: jsonContent(PositionSchema, 'Closed'), ...errorResponses },
});

export const listMine = createRoute({
  method: 'get',
  path: '/employers/me/positions',
  tags,
  summary: "The signed-in employer's own positions in every status, most recently changed first",
  request: { query: OwnPositionsQuery },
  responses: { 200: jsonContent(PositionPage, 'A page of positions'), ...errorResponses },
});
