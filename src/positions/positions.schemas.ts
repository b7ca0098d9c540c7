// Position schemas (request bodies, queries, DTOs). The web forms parse with the same inputs as the
// JSON API, so both reject the same input with the same field paths.
import { z } from '@hono/zod-openapi';
import { fieldIssue } from '../lib/field-codes';
import { requiredText } from '../lib/text';
import { EDUCATION_LEVELS, EMPLOYER_TYPES, EMPLOYMENT_TYPES, LANGUAGES, POSITION_KINDS, QUALIFICATION_LEVELS, SERVICE_AREAS, codes } from '../lib/vocab';
import { PageQuery, pageOf } from '../lib/openapi';
import { RegionCode } from '../employers';

const IsoDate = z.iso.date('must be a date YYYY-MM-DD');
export const MAX_SALARY = 1_000_000;
export const MAX_SEATS = 1000;

/** Lists of codes: each element valid, no element twice (named by its index). */
function uniqueList<T extends z.ZodType<string>>(item: T, max: number) {
  return z
    .array(item)
    .max(max, `must have at most ${max} entries`)
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((v, i) => {
        if (seen.has(v)) ctx.addIssue(fieldIssue('listed_twice', { value: v }, [i]));
        seen.add(v);
      });
    });
}

export const RequirementsInput = z
  .object({
    minEducation: z.enum(codes(EDUCATION_LEVELS)).nullable().default(null).openapi({ description: 'At least this education level; null for none' }),
    minQualification: z.enum(codes(QUALIFICATION_LEVELS)).default('none'),
    serviceAreas: uniqueList(z.enum(codes(SERVICE_AREAS)), Object.keys(SERVICE_AREAS).length).default([]),
    languages: uniqueList(z.enum(codes(LANGUAGES)), Object.keys(LANGUAGES).length).default([]),
  })
  .openapi('PositionRequirements');

const Money = z.number().int('must be a whole number of yuan').min(0, 'must not be negative').max(MAX_SALARY, `must be at most ${MAX_SALARY}`);
export const SalaryInput = z
  .object({ min: Money, max: Money })
  .superRefine((s, ctx) => {
    if (s.min > s.max) ctx.addIssue(fieldIssue('salary_order', undefined, ['max']));
  })
  .openapi('Salary', { description: 'Monthly salary band in CNY' });

// The fields without defaults, so that a PATCH body leaves what it omits alone.
const fields = {
  title: requiredText(100).openapi({ example: '社区工作者（社会工作方向）' }),
  kind: z.enum(codes(POSITION_KINDS)),
  regionCode: RegionCode.openapi({ example: '150102001', description: "Where the work is, down to township; within the employer's region subtree" }),
  seats: z.number().int('must be a whole number').min(1, 'must be at least 1').max(MAX_SEATS, `must be at most ${MAX_SEATS}`),
  reservedSeats: z
    .number()
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .max(MAX_SEATS, `must be at most ${MAX_SEATS}`)
    .openapi({ description: 'Seats reserved for directed-training graduates (定向), at most seats' }),
  requirements: RequirementsInput,
  salary: SalaryInput.nullable(),
  employmentType: z.enum(codes(EMPLOYMENT_TYPES)),
  description: requiredText(5000, { multiline: true }),
  opensOn: IsoDate.openapi({ example: '2026-06-01' }),
  closesOn: IsoDate.openapi({ example: '2026-07-31', description: 'Not before opensOn' }),
};

type Dated = { opensOn?: string; closesOn?: string; seats?: number; reservedSeats?: number };
function crossCheck(p: Dated, ctx: z.core.$RefinementCtx) {
  if (p.opensOn && p.closesOn && p.closesOn < p.opensOn) {
    ctx.addIssue(fieldIssue('not_before_opens_on', undefined, ['closesOn']));
  }
  if (p.seats !== undefined && p.reservedSeats !== undefined && p.reservedSeats > p.seats) {
    ctx.addIssue(fieldIssue('reserved_seats', undefined, ['reservedSeats']));
  }
}

export const PositionInput = z
  .object({
    ...fields,
    reservedSeats: fields.reservedSeats.default(0),
    requirements: RequirementsInput.default({ minEducation: null, minQualification: 'none', serviceAreas: [], languages: [] }),
    salary: SalaryInput.nullable().default(null),
    employmentType: fields.employmentType.default('FULL_TIME'),
  })
  .superRefine(crossCheck)
  .openapi('PositionInput');
export type PositionInputData = z.infer<typeof PositionInput>;
/** What PositionInput accepts (before defaults). */
export type PositionInputRaw = z.input<typeof PositionInput>;

export const PositionUpdate = z
  .object(fields)
  .partial()
  .superRefine(crossCheck)
  .openapi('PositionUpdate', { description: 'Only the given fields change; `requirements` and `salary` are replaced whole. The result is checked as a whole (dates, seats).' });
export type PositionUpdateData = z.infer<typeof PositionUpdate>;

export const POSITION_STATUSES = ['draft', 'open', 'closed'] as const;

/** The orders of the public list of open positions. */
export const OPEN_POSITION_SORTS = ['newest', 'closing', 'salary'] as const;

export const OpenPositionsQuery = PageQuery.extend({
  regionCode: RegionCode.optional().openapi({ description: 'Only positions in this region subtree' }),
  kind: z.enum(codes(POSITION_KINDS)).optional(),
  serviceArea: z.enum(codes(SERVICE_AREAS)).optional(),
  employerType: z.enum(codes(EMPLOYER_TYPES)).optional(),
  sort: z.enum(OPEN_POSITION_SORTS).optional().openapi({ description: 'newest (default), closing: closing soonest, salary: highest salary first' }),
});
export type OpenPositionFilters = z.infer<typeof OpenPositionsQuery>;

export const OwnPositionsQuery = PageQuery.extend({ status: z.enum(POSITION_STATUSES).optional() });
export type OwnPositionFilters = z.infer<typeof OwnPositionsQuery>;

export const PositionIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'k2m4q7x9p3r5t6v8' }),
});

const Salary = z.object({ min: z.number().int(), max: z.number().int() }).nullable();

export const PositionSummarySchema = z
  .object({
    id: z.string(),
    status: z.enum(POSITION_STATUSES),
    title: z.string(),
    kind: z.string(),
    regionCode: z.string(),
    regionName: z.string().openapi({ example: '内蒙古自治区呼和浩特市新城区海拉尔东路街道' }),
    employerId: z.string(),
    employerName: z.string(),
    employerType: z.string(),
    seats: z.number().int(),
    reservedSeats: z.number().int(),
    salary: Salary,
    employmentType: z.string(),
    opensOn: z.string(),
    closesOn: z.string(),
    publishedAt: z.string().nullable(),
  })
  .openapi('PositionSummary');
export type PositionSummaryDto = z.infer<typeof PositionSummarySchema>;

export const PositionSchema = PositionSummarySchema.extend({
  requirements: z.object({
    minEducation: z.string().nullable(),
    minQualification: z.string(),
    serviceAreas: z.array(z.string()),
    languages: z.array(z.string()),
  }),
  description: z.string(),
  acceptingApplications: z.boolean().openapi({ description: 'Open, and today is between opensOn and closesOn' }),
  createdAt: z.string(),
  updatedAt: z.string(),
}).openapi('Position');
export type PositionDto = z.infer<typeof PositionSchema>;

export const PositionPage = pageOf(PositionSummarySchema, 'PositionPage');

export const parseList = (json: string): string[] => {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};
