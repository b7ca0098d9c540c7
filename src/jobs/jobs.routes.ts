import { createRoute } from '@hono/zod-openapi';
import { errorResponses, jsonContent } from '../lib/openapi';
import { JobIdParam, JobSchema } from './jobs.schemas';

export const getOne = createRoute({
  method: 'get',
  path: '/jobs/{id}',
  tags: ['Jobs'],
  summary: 'A job you started (import, round run, export, reindex): status, progress and outcome',
  description: 'Only the user who started a job can read it; for anyone else it is not found.',
  request: { params: JobIdParam },
  responses: { 200: jsonContent(JobSchema, 'The job'), ...errorResponses },
});
