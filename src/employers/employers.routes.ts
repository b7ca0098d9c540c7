import { createRoute } from '@hono/zod-openapi';
import { errorResponses, jsonBody, jsonContent } from '../lib/openapi';
import { EmployerIdParam, EmployerInput, EmployerListQuery, EmployerPage, EmployerSchema, EmployerUpdate, InternshipBaseBody, RejectBody, VerifyBody } from './employers.schemas';

const tags = ['Employers'];

export const register = createRoute({
  method: 'post',
  path: '/employers',
  tags,
  summary: "Register the signed-in employer account's organisation (one per account); it waits for verification",
  request: { body: jsonBody(EmployerInput) },
  responses: { 201: jsonContent(EmployerSchema, 'Registered, pending verification'), ...errorResponses },
});

export const getMine = createRoute({
  method: 'get',
  path: '/employers/me',
  tags,
  summary: "The signed-in employer's own organisation",
  responses: { 200: jsonContent(EmployerSchema, 'My organisation'), ...errorResponses },
});

export const patchMine = createRoute({
  method: 'patch',
  path: '/employers/me',
  tags,
  summary: "Edit the signed-in employer's organisation",
  description: 'Changing name, credit code, type or region of a verified employer sends it back to pending verification; any edit of a rejected employer resubmits it.',
  request: { body: jsonBody(EmployerUpdate) },
  responses: { 200: jsonContent(EmployerSchema, 'Updated'), ...errorResponses },
});

export const list = createRoute({
  method: 'get',
  path: '/employers',
  tags,
  summary: 'Employers for review: a department sees its region subtree, an admin everything (oldest first)',
  request: { query: EmployerListQuery },
  responses: { 200: jsonContent(EmployerPage, 'A page of employers'), ...errorResponses },
});

export const getOne = createRoute({
  method: 'get',
  path: '/employers/{id}',
  tags,
  summary: 'One employer: in full for itself, departments in scope and admins; the public view of a verified employer for anyone else',
  request: { params: EmployerIdParam },
  responses: { 200: jsonContent(EmployerSchema, 'The employer'), ...errorResponses },
});

export const verify = createRoute({
  method: 'post',
  path: '/employers/{id}/verify',
  tags,
  summary: 'Verify a pending employer (department of its region, or admin); audited',
  request: { params: EmployerIdParam, body: { required: false, content: { 'application/json': { schema: VerifyBody } } } },
  responses: { 200: jsonContent(EmployerSchema, 'Verified'), ...errorResponses },
});

export const reject = createRoute({
  method: 'post',
  path: '/employers/{id}/reject',
  tags,
  summary: 'Reject a pending employer with a note (department of its region, or admin); its open positions close; audited',
  request: { params: EmployerIdParam, body: jsonBody(RejectBody) },
  responses: { 200: jsonContent(EmployerSchema, 'Rejected'), ...errorResponses },
});

export const internshipBase = createRoute({
  method: 'patch',
  path: '/employers/{id}/internship-base',
  tags,
  summary: 'Mark or unmark a verified employer as an internship base (实习基地) (department of its region, or admin); audited',
  request: { params: EmployerIdParam, body: jsonBody(InternshipBaseBody) },
  responses: { 200: jsonContent(EmployerSchema, 'Updated'), ...errorResponses },
});
