// Agreement schemas (request bodies, queries, DTOs), shared by the JSON API and the web forms.
import { z } from '@hono/zod-openapi';
import { fieldIssue } from '../lib/field-codes';
import { optionalText, requiredText } from '../lib/text';
import { PageQuery, pageOf } from '../lib/openapi';
import { AGREEMENT_STATUSES, INITIAL_STATUSES } from './agreements.states';

const Id = z.string().trim().min(1, 'is required').max(64, 'must be at most 64 characters');
/** The longest training an agreement may record, enrolment to graduation: programmes run 2 to 5
 * years (7 for a combined bachelor–master), with room for a year out. */
export const MAX_TRAINING_YEARS = 8;

const Year = z.number().int('must be a whole year').min(1950, 'must be 1950 or later').max(2100, 'must be 2100 or earlier');

export const CreateAgreementBody = z
  .object({
    talentId: Id.openapi({ example: 'k2m4q7x9p3r5t6v8' }),
    targetRegionCode: z.string().trim().min(2, 'is required').max(9).openapi({ description: "Within the department's region", example: '150102' }),
    targetEmployerId: Id.nullable().optional().openapi({ description: 'An employer in the target region, if the agreement names one' }),
    institution: requiredText(100).openapi({ example: '内蒙古师范大学' }),
    enrolmentYear: Year.openapi({ example: 2022 }),
    graduationYear: Year.openapi({ example: 2026 }),
    serviceYears: z.number().int('must be a whole number').min(1, 'must be at least 1').max(10, 'must be at most 10').openapi({ example: 5 }),
    signedOn: z.iso.date('must be a date YYYY-MM-DD').openapi({ example: '2022-08-20' }),
    status: z.enum(INITIAL_STATUSES).default('in_training').openapi({ description: 'in_training (default) or awaiting_placement' }),
  })
  .superRefine((b, ctx) => {
    if (b.graduationYear < b.enrolmentYear) ctx.addIssue(fieldIssue('not_before_enrolment', undefined, ['graduationYear']));
    else if (b.graduationYear - b.enrolmentYear > MAX_TRAINING_YEARS) ctx.addIssue(fieldIssue('training_too_long', { n: MAX_TRAINING_YEARS }, ['graduationYear']));
    // A training agreement is signed before the training ends (at admission or during it).
    if (b.signedOn > `${b.graduationYear}-12-31`) ctx.addIssue(fieldIssue('signed_after_training', { year: b.graduationYear }, ['signedOn']));
  })
  .openapi('CreateAgreementRequest');
export type CreateAgreementData = z.infer<typeof CreateAgreementBody>;

export const AgreementStatusEnum = z.enum(AGREEMENT_STATUSES);

export const AgreementStatusBody = z
  .object({
    status: AgreementStatusEnum,
    note: optionalText(500, { multiline: true }).openapi({ description: 'Required for breached and waived' }),
  })
  .openapi('AgreementStatusRequest');
export type AgreementStatusData = z.infer<typeof AgreementStatusBody>;

export const AgreementListQuery = PageQuery.extend({ status: AgreementStatusEnum.optional(), talentId: Id.optional() });
export type AgreementListFilters = z.infer<typeof AgreementListQuery>;

export const AgreementIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'k2m4q7x9p3r5t6v8' }),
});

export const AgreementEventSchema = z
  .object({ fromStatus: z.string().nullable(), toStatus: z.string(), actorRole: z.string().nullable(), note: z.string().nullable(), at: z.string() })
  .openapi('AgreementEvent');

export const AgreementSchema = z
  .object({
    id: z.string(),
    talent: z.object({ id: z.string(), name: z.string() }),
    sponsorRegionCode: z.string(),
    targetRegionCode: z.string(),
    targetRegionName: z.string(),
    targetEmployer: z.object({ id: z.string(), name: z.string() }).nullable(),
    institution: z.string(),
    enrolmentYear: z.number().int(),
    graduationYear: z.number().int(),
    serviceYears: z.number().int(),
    signedOn: z.string(),
    status: AgreementStatusEnum,
    statusNote: z.string().nullable(),
    servedDays: z.number().int().openapi({ description: "Sum of its placements' days (inclusive; open ones up to today)" }),
    owedDays: z.number().int().openapi({ description: 'serviceYears × 365' }),
    fulfillable: z.boolean().openapi({ description: 'Serving and servedDays ≥ owedDays: the department can mark it fulfilled' }),
    nextSteps: z.array(AgreementStatusEnum).openapi({ description: 'The statuses the caller may move it to' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Agreement');
export type AgreementDto = z.infer<typeof AgreementSchema>;

export const AgreementWithHistorySchema = AgreementSchema.extend({ events: z.array(AgreementEventSchema) }).openapi('AgreementWithHistory');
export type AgreementWithHistoryDto = z.infer<typeof AgreementWithHistorySchema>;

export const AgreementPage = pageOf(AgreementSchema, 'AgreementPage');
