import { createRoute } from '@hono/zod-openapi';
import { errorResponses, jsonBody, jsonContent } from '../lib/openapi';
import { IdParam } from './rounds.schemas';
import { AdjustmentBody, AdjustmentSchema, NoticeList, PinBody, PinList, PinParam, PinSchema } from './rounds.extensions.schemas';

const tags = ['Rounds'];
const dept = '(department in scope, admin)';

export const getAdjustment = createRoute({
  method: 'get',
  path: '/rounds/{id}/adjustment',
  tags,
  summary: "The signed-in graduate's 服从调剂 in a round they are in, and the regions they may choose",
  request: { params: IdParam },
  responses: { 200: jsonContent(AdjustmentSchema, '服从调剂'), ...errorResponses },
});

export const putAdjustment = createRoute({
  method: 'put',
  path: '/rounds/{id}/adjustment',
  tags,
  summary:
    "Set (a region inside the round's) or withdraw (null) 服从调剂: after their own list, any eligible post of the round in that region, by score (graduate in the round, while collecting)",
  request: { params: IdParam, body: jsonBody(AdjustmentBody) },
  responses: { 200: jsonContent(AdjustmentSchema, 'Saved'), ...errorResponses },
});

export const listPins = createRoute({
  method: 'get',
  path: '/rounds/{id}/pins',
  tags,
  summary: `The round's pinned placements ${dept}`,
  request: { params: IdParam },
  responses: { 200: jsonContent(PinList, 'Pins'), ...errorResponses },
});

export const addPin = createRoute({
  method: 'post',
  path: '/rounds/{id}/pins',
  tags,
  summary: `Pin a talent of the round to a post of the round before publication; it takes a seat before the matching. 422 names the refused field and why (published, talent_not_in_round, position_not_in_round, ineligible, no_seat, already_pinned, already_placed) ${dept}`,
  request: { params: IdParam, body: jsonBody(PinBody) },
  responses: { 201: jsonContent(PinSchema, 'Pinned'), ...errorResponses },
});

export const removePin = createRoute({
  method: 'delete',
  path: '/rounds/{id}/pins/{talentId}',
  tags,
  summary: `Unpin a talent before publication ${dept}`,
  request: { params: PinParam },
  responses: { 200: jsonContent(PinList, 'The pins left'), ...errorResponses },
});

export const myNotices = createRoute({
  method: 'get',
  path: '/talents/me/round-notices',
  tags,
  summary: "The signed-in graduate's round notices (e.g. a follow-up round was opened with them in it), until dismissed",
  responses: { 200: jsonContent(NoticeList, 'Notices'), ...errorResponses },
});

export const dismissNotice = createRoute({
  method: 'post',
  path: '/rounds/{id}/notice/dismiss',
  tags,
  summary: "Dismiss the signed-in graduate's notice of this round",
  request: { params: IdParam },
  responses: { 200: jsonContent(NoticeList, 'The notices left'), ...errorResponses },
});
