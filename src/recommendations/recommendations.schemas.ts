import { z } from '@hono/zod-openapi';
import { TalentSchema } from '../talents';

export const MAX_RECOMMENDATIONS = 50;

export const RecommendationQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_RECOMMENDATIONS).default(10).openapi({ example: 10, description: '1 to 50' }),
});
export type RecommendationQueryData = z.infer<typeof RecommendationQuery>;

export const PositionIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'k2m4q7x9p3r5t6v8' }),
});

const FactorSchema = z
  .object({
    factor: z.enum(['serviceArea', 'preferredRegion', 'qualification', 'history', 'language', 'distance']),
    points: z.number(),
    detail: z.string().openapi({ description: 'Machine-readable detail (codes), e.g. `shared=elderly;listed=2`' }),
  })
  .openapi('MatchFactor');

export const MatchScoreSchema = z
  .object({
    score: z.number(),
    eligible: z.boolean(),
    reasons: z.array(z.string()).openapi({ description: 'Hard constraints failed (empty when eligible)' }),
    breakdown: z.array(FactorSchema).openapi({ description: 'Points per factor; their sum is the score' }),
  })
  .openapi('MatchScore');

export const RecommendedPositionSchema = z
  .object({
    position: z
      .object({
        id: z.string(),
        title: z.string(),
        kind: z.string(),
        regionCode: z.string(),
        regionName: z.string(),
        employerId: z.string(),
        employerName: z.string(),
        seats: z.number().int(),
        freeSeats: z.number().int(),
        closesOn: z.string(),
      })
      .openapi('RecommendedPositionSummary'),
    match: MatchScoreSchema,
  })
  .openapi('RecommendedPosition');
export type RecommendedPositionDto = z.infer<typeof RecommendedPositionSchema>;

export const PositionRecommendations = z.object({ talentId: z.string(), directed: z.boolean(), items: z.array(RecommendedPositionSchema) }).openapi('PositionRecommendations');

export const CandidateSchema = z.object({ talent: TalentSchema, match: MatchScoreSchema }).openapi('Candidate');
export type CandidateDto = z.infer<typeof CandidateSchema>;

export const CandidateList = z
  .object({
    positionId: z.string(),
    considered: z.number().int().openapi({ description: 'Talents pre-selected by region / service area and scored' }),
    items: z.array(CandidateSchema),
  })
  .openapi('CandidateList');
