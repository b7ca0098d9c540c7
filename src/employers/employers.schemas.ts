// Employer schemas (request bodies, queries, DTOs). The web forms parse with the same inputs as
// the JSON API, so both reject the same input with the same field paths.
import { z } from '@hono/zod-openapi';
import { CONTACT_PHONE_PATTERN } from '../lib/errors';
import { fieldIssue, fieldText } from '../lib/field-codes';
import { optionalText, requiredText, text } from '../lib/text';
import { EMPLOYER_TYPES, codes } from '../lib/vocab';
import { creditCodeCheckChar } from '../lib/checksums';
import { PageQuery, pageOf, sortParam } from '../lib/openapi';
import { REGION_CODE_PATTERN } from '../lib/regions-range';
import type { Employer } from '../../db/schema';

/** Optional text; an empty string or null means "none" (stored as null). */

export const RegionCode = z.string().regex(REGION_CODE_PATTERN, 'must be a GB/T 2260 region code of 2, 4, 6 or 9 digits');

/** 统一社会信用代码 (GB 32100-2015): 18 characters, the last a MOD 31 check character. */
export const CreditCode = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((v, ctx) => {
    if (v.length !== 18) ctx.addIssue(fieldIssue('credit_length'));
    else if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(v)) {
      ctx.addIssue(fieldIssue('credit_chars'));
    } else if (creditCodeCheckChar(v.slice(0, 17)) !== v[17]) {
      ctx.addIssue(fieldIssue('credit_check'));
    }
  })
  .openapi({ example: '52150102MJ0000001Q', description: '统一社会信用代码, 18 characters with a GB 32100 check character' });

const ContactPhone = z.string().trim().regex(CONTACT_PHONE_PATTERN, fieldText('contact_phone'));

export const EmployerInput = z
  .object({
    name: requiredText(100).openapi({ example: '呼和浩特市新城区海拉尔东路街道社会工作服务站' }),
    creditCode: CreditCode,
    type: z.enum(codes(EMPLOYER_TYPES)).openapi({ description: 'community, station, school, agency, hospital, other' }),
    regionCode: RegionCode.openapi({ example: '150102001', description: 'Where the organisation is registered; any level' }),
    address: optionalText(200),
    contactName: requiredText(50).openapi({ example: '王敏' }),
    contactPhone: ContactPhone.openapi({ example: '0471-6901234' }),
    description: optionalText(2000, { multiline: true }),
  })
  .openapi('EmployerInput');
export type EmployerInputData = z.infer<typeof EmployerInput>;

export const EmployerUpdate = EmployerInput.partial().openapi('EmployerUpdate', {
  description: 'Only the given fields change. Changing name, credit code, type or region of a verified or rejected employer sends it back for verification.',
});
export type EmployerUpdateData = z.infer<typeof EmployerUpdate>;

export const EMPLOYER_STATUSES = ['pending', 'verified', 'rejected'] as const;

/** The employer list's sortable columns (`submitted`: when it registered). */
export const EMPLOYER_SORT_COLUMNS = ['name', 'type', 'region', 'status', 'submitted'] as const;

export const EmployerListQuery = PageQuery.extend({
  status: z.enum(EMPLOYER_STATUSES).optional().openapi({ description: 'pending: the verification queue' }),
  regionCode: RegionCode.optional().openapi({ description: 'Only employers in this region subtree (intersected with your own)' }),
  q: requiredText(50).optional().openapi({ description: 'Any part of the name' }),
  sort: sortParam(EMPLOYER_SORT_COLUMNS, 'submitted'),
});
export type EmployerFilters = z.infer<typeof EmployerListQuery>;

export const EmployerIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'k2m4q7x9p3r5t6v8' }),
});

export const VerifyBody = z.object({ note: text(500, { multiline: true }).optional() }).openapi('VerifyEmployerRequest');
export const RejectBody = z
  .object({ note: requiredText(500, { multiline: true }).openapi({ description: 'Why, so the employer can correct it' }) })
  .openapi('RejectEmployerRequest');
export const InternshipBaseBody = z.object({ internshipBase: z.boolean() }).openapi('InternshipBaseRequest');

export const EmployerSchema = z
  .object({
    id: z.string(),
    view: z.enum(['full', 'public']).openapi({ description: '`public`: name, credit code, type, region and description only' }),
    name: z.string(),
    creditCode: z.string(),
    type: z.string(),
    regionCode: z.string(),
    regionName: z.string().openapi({ example: '内蒙古自治区呼和浩特市新城区' }),
    description: z.string().nullable(),
    internshipBase: z.boolean(),
    status: z.enum(EMPLOYER_STATUSES).optional(),
    address: z.string().nullable().optional(),
    contactName: z.string().optional(),
    contactPhone: z.string().optional(),
    reviewNote: z.string().nullable().optional(),
    reviewedAt: z.string().nullable().optional(),
    createdAt: z.string().optional(),
    updatedAt: z.string().optional(),
  })
  .openapi('Employer');
export type EmployerDto = z.infer<typeof EmployerSchema>;

export const EmployerPage = pageOf(EmployerSchema, 'EmployerPage');

export type EmployerRecord = Employer & { region_name: string };

const iso = (ms: number | null) => (ms == null ? null : new Date(ms).toISOString());

/** What anyone may see of a verified employer. */
export function toPublicEmployerDto(e: EmployerRecord): EmployerDto {
  return {
    id: e.id,
    view: 'public',
    name: e.name,
    creditCode: e.credit_code,
    type: e.type,
    regionCode: e.region_code,
    regionName: e.region_name,
    description: e.description,
    internshipBase: e.internship_base === 1,
  };
}

/** What the employer itself, the departments of its region and admins see. */
export function toFullEmployerDto(e: EmployerRecord): EmployerDto {
  return {
    ...toPublicEmployerDto(e),
    view: 'full',
    status: e.status,
    address: e.address,
    contactName: e.contact_name,
    contactPhone: e.contact_phone,
    reviewNote: e.review_note,
    reviewedAt: iso(e.reviewed_at),
    createdAt: new Date(e.created_at).toISOString(),
    updatedAt: new Date(e.updated_at).toISOString(),
  };
}
