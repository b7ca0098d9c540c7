import { createRoute } from '@hono/zod-openapi';
import { errorResponses, jsonContent } from '../lib/openapi';
import { CandidateList, PositionIdParam, PositionRecommendations, RecommendationQuery } from './recommendations.schemas';

const tags = ['Recommendations'];

export const forMe = createRoute({
  method: 'get',
  path: '/talents/me/recommendations',
  tags,
  summary: 'The best open positions for the signed-in graduate, with score and reasons (graduate with a profile)',
  request: { query: RecommendationQuery },
  responses: { 200: jsonContent(PositionRecommendations, 'Eligible open positions, best first'), ...errorResponses },
});

export const candidates = createRoute({
  method: 'get',
  path: '/positions/{id}/candidates',
  tags,
  summary:
    'The best eligible talents for a position, with score and reasons (the owning verified employer: talents visible to employers, masked; departments in scope: their region; admins)',
  request: { params: PositionIdParam, query: RecommendationQuery },
  responses: { 200: jsonContent(CandidateList, 'Eligible talents, best first'), ...errorResponses },
});
