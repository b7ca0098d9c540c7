// Schemas of the round audit features: the public report and the round file.
import { z } from '@hono/zod-openapi';
import { RESERVE_POLICIES } from '../matching';
import { ROUND_STATUSES } from './rounds.schemas';

export const RoundReportSchema = z
  .object({
    round: z.object({
      id: z.string(),
      name: z.string(),
      regionCode: z.string(),
      regionName: z.string(),
      status: z.enum(ROUND_STATUSES),
      reservePolicy: z.enum(RESERVE_POLICIES),
      publishedAt: z.string().nullable(),
      resultDigest: z.string().nullable(),
      followsRoundId: z.string().nullable(),
    }),
    totals: z.object({
      positions: z.number().int(),
      seats: z.number().int().openapi({ description: "Seats of the run (the sum of the posts' seats below)" }),
      roundSeats: z
        .number()
        .int()
        .openapi({ description: 'Seats the department set for the round; more than seats when posts were filled outside the round, or had seats taken away, before the run' }),
      filled: z.number().int(),
      pinned: z.number().int().openapi({ description: 'Seats taken by pinned placements (counted in filled)' }),
      adjustmentWilling: z.number().int().openapi({ description: 'Talents who chose 服从调剂' }),
      placedByAdjustment: z.number().int().openapi({ description: 'Talents placed through 服从调剂' }),
    }),
    positions: z.array(
      z.object({
        positionId: z.string(),
        title: z.string(),
        employerName: z.string(),
        regionName: z.string(),
        seats: z.number().int().openapi({ description: 'Seats the post had in the run (round seats capped by the free seats when the inputs were frozen)' }),
        roundSeats: z
          .number()
          .int()
          .openapi({ description: 'Seats the department set for the post in the round (more than seats: the post had fewer free seats when the inputs were frozen)' }),
        reservedSeats: z.number().int(),
        filled: z.number().int(),
        reservedFilled: z.number().int(),
        cutoff: z.number().nullable().openapi({ description: 'Lowest score held when the post is full' }),
        generalCutoff: z.number().nullable(),
        reservedCutoff: z.number().nullable(),
        listsNaming: z.number().int().openapi({ description: 'Lists (submitted or derived from scores, 服从调剂 included) that named the post' }),
        pinned: z.number().int().openapi({ description: 'Seats taken by pinned placements (counted in filled)' }),
      }),
    ),
  })
  .openapi('RoundReport');
export type RoundReportDto = z.infer<typeof RoundReportSchema>;

export const RoundFileSchemaDoc = z.record(z.string(), z.unknown()).openapi('RoundFile', { description: 'The anonymised round file (docs/round-file.md)' });

export const FillRateSchema = z
  .object({
    rounds: z.array(z.object({ id: z.string(), name: z.string(), status: z.enum(ROUND_STATUSES), seats: z.number().int(), filled: z.number().int() })),
    seats: z.number().int().openapi({ description: 'Seats of the main round' }),
    filled: z.number().int().openapi({ description: 'Seats filled by the main round and its follow-ups together' }),
    fillRate: z.number().nullable(),
  })
  .openapi('RoundFillRate');
