import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonContent } from '../lib/openapi';
import { PositionSearchParams, PositionSearchResult, TalentSearchParams, TalentSearchResult } from './search.schemas';

const tags = ['Search'];

export const searchPositions = createRoute({
  method: 'get',
  path: '/search/positions',
  tags,
  summary: 'Full-text search of open positions (public), with facets and highlights',
  description: 'Answered by Meilisearch; when it is unreachable, by the SQL fallback with `degraded: true`.',
  request: { query: PositionSearchParams },
  responses: { 200: jsonContent(PositionSearchResult, 'Matching open positions'), ...errorResponses },
});

export const searchTalents = createRoute({
  method: 'get',
  path: '/search/talents',
  tags,
  summary: 'Search talents: departments within their region, verified employers among talents open to employers',
  request: { query: TalentSearchParams },
  responses: { 200: jsonContent(TalentSearchResult, 'Matching talents'), ...errorResponses },
});

const SearchStatusSchema = z
  .object({
    engine: z.enum(['meilisearch', 'sql']),
    degraded: z.boolean(),
    meilisearch: z.object({
      configured: z.boolean(),
      reachable: z.boolean(),
      detail: z.string().optional(),
      documents: z.object({ talent: z.number().int().optional(), position: z.number().int().optional() }).optional().openapi({ description: 'Documents in each live index' }),
    }),
    outbox: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi('SearchStatus');

export const searchStatus = createRoute({
  method: 'get',
  path: '/admin/search/status',
  tags,
  summary: 'Search health: engine, outbox lag, pending rows and the last error (admin only)',
  responses: { 200: jsonContent(SearchStatusSchema, 'Status'), ...errorResponses },
});

export const reindex = createRoute({
  method: 'post',
  path: '/admin/search/reindex',
  tags,
  summary: 'Rebuild an index from the database into a fresh index and swap it in (admin only)',
  request: { query: z.object({ entity: z.enum(['talent', 'position']) }) },
  responses: { 200: jsonContent(z.record(z.string(), z.unknown()).openapi('ReindexReport'), 'Report'), ...errorResponses },
});
