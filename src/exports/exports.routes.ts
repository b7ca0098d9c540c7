import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, ProblemSchema } from '../lib/openapi';
import { AgreementExportQuery, PlacementExportQuery, TalentExportQuery } from './exports.schemas';
import { CONTENT_TYPES } from './exports.http';

const tags = ['Exports'];

const file = {
  description: 'The file, streamed, as an attachment (Content-Disposition with a UTF-8 filename*)',
  content: {
    [CONTENT_TYPES.csv]: { schema: z.string().openapi({ description: 'UTF-8 with BOM, CRLF, a heading row first' }) },
    [CONTENT_TYPES.xlsx]: { schema: z.string().openapi({ format: 'binary' }) },
  },
};
const responses = {
  200: file,
  ...errorResponses,
  406: { description: 'xlsx is not available on this runtime (Workers): ask for csv', content: { 'application/problem+json': { schema: ProblemSchema } } },
};
const about =
  'Departments: their region subtree (a region outside it → 404); admins: everything. ID numbers and phones are masked unless reveal=true, which writes one audit record. Cells starting with = + - @ are neutralised.';

export const talents = createRoute({
  method: 'get',
  path: '/exports/talents',
  tags,
  summary: 'Export the talents of a region as xlsx or csv (department, admin)',
  description: `${about} Ordered by region, then as registered.`,
  request: { query: TalentExportQuery },
  responses,
});

export const placements = createRoute({
  method: 'get',
  path: '/exports/placements',
  tags,
  summary: 'Export the placements at employers in a region as xlsx or csv (department, admin)',
  description: `${about} Ordered as recorded.`,
  request: { query: PlacementExportQuery },
  responses,
});

export const agreements = createRoute({
  method: 'get',
  path: '/exports/agreements',
  tags,
  summary: 'Export the directed-training agreements whose target or sponsor region is in a region, as xlsx or csv (department, admin)',
  description: `${about} Ordered as recorded.`,
  request: { query: AgreementExportQuery },
  responses,
});
