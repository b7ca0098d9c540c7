// Schemas of 服从调剂 and pinned placements (issue #13 items 5 and 6).
import { z } from '@hono/zod-openapi';
import { requiredText } from '../lib/text';
import { REGION_CODE_PATTERN } from '../lib/regions-range';

/** Longest reason a department gives for a pin (shown to the talent in the explanation). */
export const MAX_PIN_REASON = 200;

export const AdjustmentBody = z
  .object({
    regionCode: z
      .string()
      .regex(REGION_CODE_PATTERN, 'must be a region code of 2, 4, 6 or 9 digits')
      .nullable()
      .openapi({ description: "服从调剂: a region inside the round's region (GET …/adjustment lists them), or null to withdraw", example: '150102' }),
  })
  .openapi('RoundAdjustmentRequest');
export type AdjustmentData = z.infer<typeof AdjustmentBody>;

export const AdjustmentSchema = z
  .object({
    roundId: z.string(),
    regionCode: z.string().nullable(),
    regionName: z.string().nullable(),
    regions: z.array(z.object({ code: z.string(), name: z.string() })).openapi({ description: "The round's region and each region inside it that holds a post of the round" }),
    editable: z.boolean().openapi({ description: 'The round is collecting choices and the closing day has not passed' }),
  })
  .openapi('RoundAdjustment', {
    description: '服从调剂: after the talent’s own list, any eligible post of the round within the region, by score',
  });
export type AdjustmentDto = z.infer<typeof AdjustmentSchema>;

const Id = z.string().trim().min(1, 'is required').max(64, 'must be at most 64 characters');

export const PinBody = z
  .object({
    talentId: Id.openapi({ description: 'A talent of the round' }),
    positionId: Id.openapi({ description: 'A post of the round the talent is eligible for, with a seat not yet pinned' }),
    reason: requiredText(MAX_PIN_REASON).openapi({ description: 'Why (shown to the talent), e.g. 协议约定用人单位', example: '定向协议约定用人单位' }),
  })
  .openapi('RoundPinRequest');
export type PinData = z.infer<typeof PinBody>;

export const PinSchema = z
  .object({
    talentId: z.string(),
    talentName: z.string(),
    positionId: z.string(),
    positionTitle: z.string(),
    employerName: z.string(),
    reason: z.string(),
    createdAt: z.string(),
  })
  .openapi('RoundPin');
export type PinDto = z.infer<typeof PinSchema>;
export const PinList = z.object({ items: z.array(PinSchema) }).openapi('RoundPinList');

export const PinParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'k2m4q7x9p3r5t6v8' }),
  talentId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'talentId', in: 'path' }, example: 'k2m4q7x9p3r5t6v8' }),
});

export const NoticeList = z
  .object({
    items: z.array(z.object({ roundId: z.string(), roundName: z.string(), kind: z.enum(['follow_up']), createdAt: z.string() })),
  })
  .openapi('RoundNoticeList', { description: 'Notices not dismissed, for rounds still collecting choices (follow_up: a follow-up round was opened with you in it)' });

/** Why a pin is refused: the first word of the field error's message (web/i18n/rounds-pins.ts words it). */
export const PIN_REFUSALS = ['published', 'talent_not_in_round', 'position_not_in_round', 'ineligible', 'no_seat', 'already_pinned', 'already_placed'] as const;
export type PinRefusal = (typeof PIN_REFUSALS)[number];
