import { createRoute } from '@hono/zod-openapi';
import { PageQuery, errorResponses, jsonBody, jsonContent } from '../lib/openapi';
import {
  ChoicesBody,
  ChoicesSchema,
  CreateRoundBody,
  IdParam,
  ProposalListQuery,
  ProposalPage,
  ProposalSchema,
  ResponseBody,
  RoundListQuery,
  RoundPage,
  RoundPositionPage,
  RoundProposalsQuery,
  RoundResultSchema,
  RoundSchema,
  RoundTalentPage,
  RoundTalentsQuery,
  RunResultSchema,
  RunRoundBody,
  SetRoundPositionsBody,
  SetRoundTalentsBody,
  TalentRoundPage,
  UpdateRoundBody,
} from './rounds.schemas';

const tags = ['Rounds'];
const dept = '(department in scope, admin)';
const frozen = 'only while draft or collecting; 409 invalid_state otherwise';

export const create = createRoute({
  method: 'post',
  path: '/rounds',
  tags,
  summary: `Create a draft placement round (匹配批次) for a region inside the department's subtree ${dept}`,
  request: { body: jsonBody(CreateRoundBody) },
  responses: { 201: jsonContent(RoundSchema, 'Created'), ...errorResponses },
});

export const list = createRoute({
  method: 'get',
  path: '/rounds',
  tags,
  summary: `Rounds in the department's region subtree, newest first ${dept}`,
  request: { query: RoundListQuery },
  responses: { 200: jsonContent(RoundPage, 'A page of rounds'), ...errorResponses },
});

export const getOne = createRoute({
  method: 'get',
  path: '/rounds/{id}',
  tags,
  summary: 'One round (departments in scope; graduates in the round once it is past draft)',
  request: { params: IdParam },
  responses: { 200: jsonContent(RoundSchema, 'The round'), ...errorResponses },
});

export const update = createRoute({
  method: 'patch',
  path: '/rounds/{id}',
  tags,
  summary: `Change name, weights or the choices closing day ${dept}; ${frozen}`,
  request: { params: IdParam, body: jsonBody(UpdateRoundBody) },
  responses: { 200: jsonContent(RoundSchema, 'Changed'), ...errorResponses },
});

export const setPositions = createRoute({
  method: 'put',
  path: '/rounds/{id}/positions',
  tags,
  summary: `Replace the round's positions: open posts in its region, seats ≤ free seats, reserved ≤ seats ${dept}; ${frozen}`,
  request: { params: IdParam, body: jsonBody(SetRoundPositionsBody) },
  responses: { 200: jsonContent(RoundSchema, 'The round with its new counts'), ...errorResponses },
});

export const listPositions = createRoute({
  method: 'get',
  path: '/rounds/{id}/positions',
  tags,
  summary: "The round's positions, paged (departments in scope with the last run's cut-offs; graduates in the round, cut-offs once published)",
  request: { params: IdParam, query: PageQuery },
  responses: { 200: jsonContent(RoundPositionPage, 'A page of positions'), ...errorResponses },
});

export const setTalents = createRoute({
  method: 'put',
  path: '/rounds/{id}/talents',
  tags,
  summary: `Replace the round's talents: an explicit list and/or everyone awaiting placement under an agreement targeting the region ${dept}; ${frozen}`,
  request: { params: IdParam, body: jsonBody(SetRoundTalentsBody) },
  responses: { 200: jsonContent(RoundSchema, 'The round with its new counts'), ...errorResponses },
});

export const listTalents = createRoute({
  method: 'get',
  path: '/rounds/{id}/talents',
  tags,
  summary: `The round's talents, paged, with each one's outcome after a run: proposal and score breakdown, or the unassigned reason, and why each post ranked higher refused ${dept}`,
  request: { params: IdParam, query: RoundTalentsQuery },
  responses: { 200: jsonContent(RoundTalentPage, 'A page of talents'), ...errorResponses },
});

export const open = createRoute({
  method: 'post',
  path: '/rounds/{id}/open',
  tags,
  summary: `Open a draft round for ranked choices (draft → collecting) ${dept}`,
  request: { params: IdParam },
  responses: { 200: jsonContent(RoundSchema, 'Collecting'), ...errorResponses },
});

export const run = createRoute({
  method: 'post',
  path: '/rounds/{id}/run',
  tags,
  summary: `Run the round (applicant-proposing deferred acceptance with reserved seats) and store proposals, cut-offs and reasons; re-running an unpublished round replaces its result, identical inputs give the identical digest; before the choice deadline only with \`confirmEarly: true\` (else 422 naming it, with the deadline) ${dept}`,
  request: { params: IdParam, body: { required: false, content: { 'application/json': { schema: RunRoundBody } } } },
  responses: { 200: jsonContent(RunResultSchema, 'Stored; digest, statistics and phase timings'), ...errorResponses },
});

export const result = createRoute({
  method: 'get',
  path: '/rounds/{id}/result',
  tags,
  summary: `The last run's result: statistics, digest and a page of positions with seats used, cut-offs and holders ${dept}`,
  request: { params: IdParam, query: PageQuery },
  responses: { 200: jsonContent(RoundResultSchema, 'The result'), ...errorResponses },
});

export const roundProposals = createRoute({
  method: 'get',
  path: '/rounds/{id}/proposals',
  tags,
  summary: `The round's proposals, paged, by position and the position's order ${dept}`,
  request: { params: IdParam, query: RoundProposalsQuery },
  responses: { 200: jsonContent(ProposalPage, 'A page of proposals'), ...errorResponses },
});

export const publish = createRoute({
  method: 'post',
  path: '/rounds/{id}/publish',
  tags,
  summary: `Publish a run round (run → published): proposals go to talents and employers; the round is immutable from now on ${dept}`,
  request: { params: IdParam },
  responses: { 200: jsonContent(RoundSchema, 'Published'), ...errorResponses },
});

export const close = createRoute({
  method: 'post',
  path: '/rounds/{id}/close',
  tags,
  summary: `Close a published round (published → closed): responses end ${dept}`,
  request: { params: IdParam },
  responses: { 200: jsonContent(RoundSchema, 'Closed'), ...errorResponses },
});

export const getChoices = createRoute({
  method: 'get',
  path: '/rounds/{id}/choices',
  tags,
  summary: "The signed-in graduate's ranked choices in a round they are in",
  request: { params: IdParam },
  responses: { 200: jsonContent(ChoicesSchema, 'The choices, first choice first'), ...errorResponses },
});

export const putChoices = createRoute({
  method: 'put',
  path: '/rounds/{id}/choices',
  tags,
  summary: 'Submit or replace ranked choices: 1–30 distinct positions of the round (graduate in the round, while collecting)',
  request: { params: IdParam, body: jsonBody(ChoicesBody) },
  responses: { 200: jsonContent(ChoicesSchema, 'Saved'), ...errorResponses },
});

export const deleteChoices = createRoute({
  method: 'delete',
  path: '/rounds/{id}/choices',
  tags,
  summary: 'Withdraw the ranked choices: the list will be derived from scores (graduate in the round, while collecting)',
  request: { params: IdParam },
  responses: { 200: jsonContent(ChoicesSchema, 'Withdrawn'), ...errorResponses },
});

export const myRounds = createRoute({
  method: 'get',
  path: '/talents/me/rounds',
  tags,
  summary: 'Rounds the signed-in graduate is in (past draft), with their choices and, once published, their proposal',
  request: { query: PageQuery },
  responses: { 200: jsonContent(TalentRoundPage, 'A page of rounds'), ...errorResponses },
});

export const myProposals = createRoute({
  method: 'get',
  path: '/talents/me/proposals',
  tags,
  summary: "The signed-in graduate's proposals in published rounds, with the explanation",
  request: { query: ProposalListQuery },
  responses: { 200: jsonContent(ProposalPage, 'A page of proposals'), ...errorResponses },
});

export const employerProposals = createRoute({
  method: 'get',
  path: '/employers/me/proposals',
  tags,
  summary: "Proposals for the signed-in employer's positions in published rounds (talent name, masked phone)",
  request: { query: ProposalListQuery },
  responses: { 200: jsonContent(ProposalPage, 'A page of proposals'), ...errorResponses },
});

export const getProposal = createRoute({
  method: 'get',
  path: '/proposals/{id}',
  tags,
  summary: 'One round proposal (its talent or employer once published; departments in scope)',
  request: { params: IdParam },
  responses: { 200: jsonContent(ProposalSchema, 'The proposal'), ...errorResponses },
});

export const respond = createRoute({
  method: 'post',
  path: '/proposals/{id}/response',
  tags,
  summary:
    "Accept or decline a proposal (its talent, or the employer of its position; published rounds). When both have accepted it becomes a placement (source round) and the talent's agreement awaiting placement moves to serving; a decline by either side ends it",
  request: { params: IdParam, body: jsonBody(ResponseBody) },
  responses: { 200: jsonContent(ProposalSchema, 'Recorded'), ...errorResponses },
});
