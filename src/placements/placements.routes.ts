import { createRoute } from '@hono/zod-openapi';
import { errorResponses, jsonBody, jsonContent } from '../lib/openapi';
import { CreatePlacementBody, EndPlacementBody, PlacementIdParam, PlacementListQuery, PlacementPage, PlacementSchema } from './placements.schemas';

const tags = ['Placements'];

export const create = createRoute({
  method: 'post',
  path: '/placements',
  tags,
  summary:
    'Record a placement (岗位对接/就业/实习): a department at an employer in its region (optionally serving an agreement, which moves to serving); a verified employer at its own organisation',
  request: { body: jsonBody(CreatePlacementBody) },
  responses: { 201: jsonContent(PlacementSchema, 'Recorded'), ...errorResponses },
});

export const list = createRoute({
  method: 'get',
  path: '/placements',
  tags,
  summary: 'Placements: a department’s by employer region, an employer’s own (kind=internship: its interns), a graduate’s own, all for admins',
  request: { query: PlacementListQuery },
  responses: { 200: jsonContent(PlacementPage, 'A page of placements'), ...errorResponses },
});

export const getOne = createRoute({
  method: 'get',
  path: '/placements/{id}',
  tags,
  summary: 'One placement (the talent, the employer, departments in scope, admins)',
  request: { params: PlacementIdParam },
  responses: { 200: jsonContent(PlacementSchema, 'The placement'), ...errorResponses },
});

export const end = createRoute({
  method: 'post',
  path: '/placements/{id}/end',
  tags,
  summary: 'End a placement once, with the reason (department in scope or the employer); fulfils its agreement when the owed time is served',
  request: { params: PlacementIdParam, body: jsonBody(EndPlacementBody) },
  responses: { 200: jsonContent(PlacementSchema, 'Ended'), ...errorResponses },
});
