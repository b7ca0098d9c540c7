import { createRoute } from '@hono/zod-openapi';
import { errorResponses, jsonContent } from '../lib/openapi';
import { FollowUpBody, IdParam, RoundSchema } from './rounds.schemas';
import { FillRateSchema, RoundFileSchemaDoc, RoundReportSchema } from './rounds.audit.schemas';

const tags = ['Rounds'];
const dept = '(department in scope, admin)';

export const refreshInputs = createRoute({
  method: 'post',
  path: '/rounds/{id}/refresh-inputs',
  tags,
  summary: `Take a new snapshot of the round's inputs from the registry (after a run, before publication; audit-logged). Run again before publishing ${dept}`,
  request: { params: IdParam },
  responses: { 200: jsonContent(RoundSchema, 'The round with its new input version'), ...errorResponses },
});

export const exportFile = createRoute({
  method: 'get',
  path: '/rounds/{id}/export',
  tags,
  summary: `The round's anonymised inputs and outcome as one JSON file (docs/round-file.md); check it with npm run cli -- verify-round FILE ${dept}`,
  request: { params: IdParam },
  responses: { 200: jsonContent(RoundFileSchemaDoc, 'The round file'), ...errorResponses },
});

export const report = createRoute({
  method: 'get',
  path: '/rounds/{id}/report',
  tags,
  summary: 'Public report of a published round: per post seats, reserved seats, filled, cut-offs and the number of lists naming it; no names (anyone)',
  request: { params: IdParam },
  responses: { 200: jsonContent(RoundReportSchema, 'The report'), ...errorResponses },
});

export const followUp = createRoute({
  method: 'post',
  path: '/rounds/{id}/follow-up',
  tags,
  summary: `Create the follow-up round (补录) of a published round: its posts with seats left and its talents still unplaced and seeking, open for choices at once, until \`choicesCloseOn\` when given (running it before then needs \`confirmEarly\`, as any round) ${dept}`,
  request: { params: IdParam, body: { required: false, content: { 'application/json': { schema: FollowUpBody } } } },
  responses: { 201: jsonContent(RoundSchema, 'The follow-up round'), ...errorResponses },
});

export const fillRate = createRoute({
  method: 'get',
  path: '/rounds/{id}/fill-rate',
  tags,
  summary: `Seats filled across a main round and its follow-up rounds ${dept}`,
  request: { params: IdParam },
  responses: { 200: jsonContent(FillRateSchema, 'Fill rate'), ...errorResponses },
});
