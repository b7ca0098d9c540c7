// Application schemas (request bodies, queries, DTOs), shared by the JSON API and the web forms.
import { z } from '@hono/zod-openapi';
import { optionalText } from '../lib/text';
import { PageQuery, pageOf } from '../lib/openapi';
import { ALL_STATUSES, EMPLOYER_TARGETS } from './applications.states';

export const ApplyBody = z
  .object({
    positionId: z.string().trim().min(1, 'is required').max(64, 'must be at most 64 characters').openapi({ example: 'k2m4q7x9p3r5t6v8' }),
    coverLetter: optionalText(2000, { multiline: true }).openapi({ description: 'A short letter to the employer' }),
  })
  .openapi('ApplyRequest');
export type ApplyData = z.infer<typeof ApplyBody>;

export const MoveBody = z
  .object({
    status: z.enum(EMPLOYER_TARGETS).openapi({ description: 'The next step, or rejected; see the status flow' }),
    note: optionalText(500, { multiline: true }).openapi({ description: 'Shown to both sides in the history, e.g. an interview time' }),
  })
  .openapi('MoveApplicationRequest');
export type MoveData = z.infer<typeof MoveBody>;

export const WithdrawBody = z.object({ note: optionalText(500, { multiline: true }) }).openapi('WithdrawApplicationRequest');

const [firstStatus, ...restStatuses] = ALL_STATUSES;
export const ApplicationStatusEnum = z.enum([firstStatus, ...restStatuses]);

export const ApplicationListQuery = PageQuery.extend({ status: ApplicationStatusEnum.optional() });
export type ApplicationFilters = z.infer<typeof ApplicationListQuery>;

export const ApplicationIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'k2m4q7x9p3r5t6v8' }),
});

export const ApplicantSchema = z
  .object({
    talentId: z.string(),
    name: z.string(),
    gender: z.string().nullable(),
    birthYear: z.number().int().nullable(),
    regionCode: z.string().nullable(),
    education: z.object({ level: z.string(), school: z.string().nullable(), major: z.string().nullable(), graduationYear: z.number().int().nullable() }).nullable(),
    qualification: z.object({ level: z.string(), year: z.number().int().nullable(), registrationValidUntil: z.string().nullable() }),
    serviceAreas: z.array(z.string()),
    languages: z.array(z.string()),
    availability: z.string(),
    phone: z.string().nullable().openapi({ description: 'Masked, e.g. 138****1234', example: '138****1234' }),
  })
  .openapi('Applicant', { description: 'The profile summary a verified employer may see: phone masked, birth year only, no ID number' });

export const ApplicationEventSchema = z
  .object({
    fromStatus: z.string().nullable(),
    toStatus: z.string(),
    actorRole: z.enum(['graduate', 'employer', 'department', 'admin']).nullable(),
    note: z.string().nullable(),
    at: z.string(),
  })
  .openapi('ApplicationEvent');

export const ApplicationSchema = z
  .object({
    id: z.string(),
    status: ApplicationStatusEnum,
    coverLetter: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    position: z.object({
      id: z.string(),
      title: z.string(),
      status: z.string(),
      regionCode: z.string(),
      regionName: z.string(),
      employerId: z.string(),
      employerName: z.string(),
    }),
    applicant: ApplicantSchema,
    nextSteps: z.array(z.string()).openapi({ description: 'What the caller may do next: statuses to move to (employer) or `withdrawn` (graduate)' }),
  })
  .openapi('Application');
export type ApplicationDto = z.infer<typeof ApplicationSchema>;

export const ApplicationWithHistorySchema = ApplicationSchema.extend({ events: z.array(ApplicationEventSchema) }).openapi('ApplicationWithHistory');
export type ApplicationWithHistoryDto = z.infer<typeof ApplicationWithHistorySchema>;

export const ApplicationPage = pageOf(ApplicationSchema, 'ApplicationPage');
