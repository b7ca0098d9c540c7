import { createRoute, z } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../lib/context';
import { AppError, forbidden } from '../lib/errors';
import { errorResponses, jsonBody, jsonContent, ProblemSchema } from '../lib/openapi';
import {
  CommitBody,
  ErrorPageQuery,
  ImportIdParam,
  ImportListQuery,
  ImportPage,
  ImportPreviewSchema,
  ImportSchema,
  TemplateParam,
  TemplateQuery,
  uploadBodyDoc,
} from './imports.schemas';

const tags = ['Imports'];

/** Before any body parsing: the upload's media-type gate would otherwise answer an anonymous caller 415. */
const importers = createMiddleware<AppEnv>(async (c, next) => {
  const user = c.get('user');
  if (!user) throw new AppError('unauthenticated', 'Sign in first');
  if (user.role !== 'department' && user.role !== 'admin') throw forbidden('Only departments import rosters');
  await next();
});

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });

export const template = createRoute({
  method: 'get',
  path: '/imports/templates/{kind}',
  tags,
  middleware: [importers] as const,
  summary: 'Download the roster template of a kind (header row in Chinese, required columns marked *, one example row)',
  request: { params: TemplateParam, query: TemplateQuery },
  responses: {
    200: {
      description: 'The template as an attachment',
      content: {
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().openapi({ format: 'binary' }) },
        'text/csv': { schema: z.string().openapi({ description: 'UTF-8 with BOM, CRLF' }) },
      },
    },
    ...errorResponses,
    406: problem('xlsx is not available on this runtime (Workers): ask for csv'),
  },
});

export const upload = createRoute({
  method: 'post',
  path: '/imports',
  tags,
  middleware: [importers] as const,
  summary: 'Upload a roster (xlsx or csv, up to 64 MB): every row is validated and the good ones staged; nothing is written before a commit',
  description:
    'Columns are matched by header (Chinese template headers or their English names). A file with missing, unknown or repeated columns, an empty file, or one that cannot be read to its end (cut off, bad encoding) answers 422 naming the problem and stages nothing. Otherwise the answer is the preview: counts of good rows (new and updates) and bad rows, and the first page of row errors (row, column, reason); page through the rest with GET /imports/{id}. CSV text is read as UTF-8 (with or without BOM) or, when not valid UTF-8, as GB18030/GBK.',
  request: { body: { required: true, content: { 'multipart/form-data': { schema: uploadBodyDoc } } } },
  responses: { 201: jsonContent(ImportPreviewSchema, 'Staged: the preview'), ...errorResponses },
});

export const list = createRoute({
  method: 'get',
  path: '/imports',
  tags,
  middleware: [importers] as const,
  summary: 'Past imports made inside your region subtree, newest first',
  request: { query: ImportListQuery },
  responses: { 200: jsonContent(ImportPage, 'A page of imports'), ...errorResponses },
});

export const getOne = createRoute({
  method: 'get',
  path: '/imports/{id}',
  tags,
  middleware: [importers] as const,
  summary: 'An import with its counts, commit progress and a page of row errors',
  request: { params: ImportIdParam, query: ErrorPageQuery },
  responses: { 200: jsonContent(ImportPreviewSchema, 'The import'), ...errorResponses },
});

export const commit = createRoute({
  method: 'post',
  path: '/imports/{id}/commit',
  tags,
  middleware: [importers] as const,
  summary: 'Write the good rows (confirm: true), one atomic write per chunk with their search outbox rows; idempotent',
  description:
    'A talent is matched by the HMAC of its ID number, an employer by credit code, a placement by talent, employer and start date: a match inside your region is updated in place (cells left empty keep their value), otherwise a record is added. Answers when the last chunk is written; committing a committed import changes nothing. While another commit of the same import is at work the answer shows its progress (status committing).',
  request: { params: ImportIdParam, body: jsonBody(CommitBody) },
  responses: { 200: jsonContent(ImportSchema, 'Committed (or its progress)'), ...errorResponses },
});

export const discard = createRoute({
  method: 'post',
  path: '/imports/{id}/discard',
  tags,
  middleware: [importers] as const,
  summary: 'Discard a previewed or failed import: its staged rows and row errors are deleted',
  request: { params: ImportIdParam },
  responses: { 200: jsonContent(ImportSchema, 'Discarded'), ...errorResponses },
});
