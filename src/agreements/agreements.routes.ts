import { createRoute } from '@hono/zod-openapi';
import { errorResponses, jsonBody, jsonContent } from '../lib/openapi';
import { AgreementIdParam, AgreementListQuery, AgreementPage, AgreementStatusBody, AgreementWithHistorySchema, CreateAgreementBody } from './agreements.schemas';

const tags = ['Agreements'];

export const create = createRoute({
  method: 'post',
  path: '/agreements',
  tags,
  summary: 'Record a directed-training agreement (定向培养协议) for a talent in the department’s region (department)',
  request: { body: jsonBody(CreateAgreementBody) },
  responses: { 201: jsonContent(AgreementWithHistorySchema, 'Recorded'), ...errorResponses },
});

export const list = createRoute({
  method: 'get',
  path: '/agreements',
  tags,
  summary: 'Agreements: a department’s by target or sponsor region, all for admins, a graduate’s own',
  request: { query: AgreementListQuery },
  responses: { 200: jsonContent(AgreementPage, 'A page of agreements'), ...errorResponses },
});

export const getOne = createRoute({
  method: 'get',
  path: '/agreements/{id}',
  tags,
  summary: 'One agreement with its history and served time (the talent, departments in scope, admins)',
  request: { params: AgreementIdParam },
  responses: { 200: jsonContent(AgreementWithHistorySchema, 'The agreement'), ...errorResponses },
});

export const move = createRoute({
  method: 'post',
  path: '/agreements/{id}/status',
  tags,
  summary: 'Move an agreement: in_training → awaiting_placement → serving → fulfilled (when served); breached or waived with a note (department in scope). Illegal moves → 409',
  request: { params: AgreementIdParam, body: jsonBody(AgreementStatusBody) },
  responses: { 200: jsonContent(AgreementWithHistorySchema, 'Moved'), ...errorResponses },
});
