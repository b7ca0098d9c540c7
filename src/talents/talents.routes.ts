import { createRoute } from '@hono/zod-openapi';
import { errorResponses, jsonBody, jsonContent } from '../lib/openapi';
import { RevealIdNumberBody, RevealedIdNumber, TalentIdParam, TalentListQuery, TalentPage, TalentProfileInput, TalentSchema } from './talents.schemas';

const tags = ['Talents'];

export const getMine = createRoute({
  method: 'get',
  path: '/talents/me',
  tags,
  summary: "The signed-in graduate's own profile (ID number masked)",
  responses: { 200: jsonContent(TalentSchema, 'My profile'), ...errorResponses },
});

export const putMine = createRoute({
  method: 'put',
  path: '/talents/me',
  tags,
  summary: "Create or replace the signed-in graduate's profile",
  description: 'An omitted `idNumber` keeps the stored one; `null` removes it. The birth date is taken from the ID number when omitted.',
  request: { body: jsonBody(TalentProfileInput) },
  responses: {
    200: jsonContent(TalentSchema, 'Updated'),
    201: jsonContent(TalentSchema, 'Created'),
    ...errorResponses,
  },
});

export const list = createRoute({
  method: 'get',
  path: '/talents',
  tags,
  summary: 'Talents: a department sees its region subtree, an admin everything, a verified employer the profiles open to employers',
  request: { query: TalentListQuery },
  responses: { 200: jsonContent(TalentPage, 'A page of talents, most recently updated first'), ...errorResponses },
});

export const getOne = createRoute({
  method: 'get',
  path: '/talents/{id}',
  tags,
  summary: 'One talent, under the same rules as the list (outside them: 404)',
  request: { params: TalentIdParam },
  responses: { 200: jsonContent(TalentSchema, 'The talent'), ...errorResponses },
});

export const revealIdNumber = createRoute({
  method: 'post',
  path: '/talents/{id}/reveal-id-number',
  tags,
  summary: 'The full ID number, for a department in scope or an admin; every reveal is audited with its purpose',
  request: { params: TalentIdParam, body: jsonBody(RevealIdNumberBody) },
  responses: { 200: jsonContent(RevealedIdNumber, 'The full ID number'), ...errorResponses },
});
