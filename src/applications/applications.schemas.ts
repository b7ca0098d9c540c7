// Application schemas (request bodies, queries, DTOs), shared by the JSON API and the web forms.
import { z } from '@hono/zod-openapi';
import { optionalText, text } from '../lib/text';
import { fieldIssue } from '../lib/field-codes';
import { PageQuery, pageOf } from '../lib/openapi';
import { ALL_STATUSES, EMPLOYER_TARGETS } from './applications.states';

export const ApplyBody = z
  .object({
    positionId: z.string().trim().min(1, 'is required').max(64, 'must be at most 64 characters').openapi({ example: 'k2m4q7x9p3r5t6v8' }),
    coverLetter: optionalText(2000, { multiline: true }).openapi({ description: 'A short letter to the employer' }),
    contactConsent: z.boolean().default(true).openapi({ description: 'Let the employer see your phone and email from the interview stage on (default yes)' }),
  })
  .openapi('ApplyRequest');
export type ApplyData = z.input<typeof ApplyBody>;

/** Limits of the interview details (named, as every input's). */
export const INTERVIEW_LIMITS = { placeChars: 200, linkChars: 500 } as const;

/** The interview's date, time and place or link. "Not in the past" and "place or link" are checked
 * by the service (against today in China, and so that each names its field). */
export const InterviewBody = z
  .object({
    date: z.iso.date('must be a date YYYY-MM-DD').openapi({ description: 'YYYY-MM-DD, today or later (China time)', example: '2026-12-10' }),
    time: z
      .string()
      .trim()
      .superRefine((v, ctx) => {
        if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(v)) ctx.addIssue(fieldIssue('time_hhmm'));
      })
      .openapi({ description: 'HH:MM (China time)', example: '09:30' }),
    place: optionalText(INTERVIEW_LIMITS.placeChars).openapi({ description: 'Where, at most 200 characters' }),
    link: text(INTERVIEW_LIMITS.linkChars)
      .superRefine((v, ctx) => {
        if (v !== '' && !isHttpsUrl(v)) ctx.addIssue(fieldIssue('https_url'));
      })
      .nullable()
      .optional()
      .openapi({ description: 'An https:// link to an online interview, at most 500 characters' }),
  })
  .openapi('Interview', { description: 'Where and when; a place or a link (or both)' });
export type InterviewData = z.infer<typeof InterviewBody>;

function isHttpsUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return u.protocol === 'https:' && u.hostname.length > 0 && !/\s/.test(v);
  } catch {
    return false;
  }
}

export const MoveBody = z
  .object({
    status: z.enum(EMPLOYER_TARGETS).openapi({ description: 'The next step, or rejected; see the status flow' }),
    note: optionalText(500, { multiline: true }).openapi({ description: 'Shown to both sides in the history' }),
    interview: InterviewBody.optional().openapi({ description: 'Required when moving to interview' }),
  })
  .openapi('MoveApplicationRequest');
export type MoveData = z.infer<typeof MoveBody>;

export const WithdrawBody = z.object({ note: optionalText(500, { multiline: true }) }).openapi('WithdrawApplicationRequest');

const [firstStatus, ...restStatuses] = ALL_STATUSES;
export const ApplicationStatusEnum = z.enum([firstStatus, ...restStatuses]);

export const ApplicationListQuery = PageQuery.extend({ status: ApplicationStatusEnum.optional() });

/** Rescheduling: new interview details while the application is at the interview stage. */
export const RescheduleBody = z
  .object({ interview: InterviewBody, note: optionalText(500, { multiline: true }).openapi({ description: 'Shown to both sides in the history' }) })
  .openapi('RescheduleInterviewRequest');
export type RescheduleData = z.infer<typeof RescheduleBody>;
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
    phone: z.string().nullable().openapi({ description: 'Masked, e.g. 138****1234, except in `contact`', example: '138****1234' }),
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
    contactConsent: z.boolean().openapi({ description: 'The talent lets the employer see their phone and email from the interview stage on' }),
    contact: z
      .object({ phone: z.string().nullable(), email: z.string().nullable() })
      .nullable()
      .openapi({ description: "The talent's phone and email in full: only to the employer, from the interview stage on, if the talent consented" }),
    contactShownAt: z.string().nullable().openapi({ description: 'When the employer could first see the phone and email (to the talent and the employer)' }),
    interview: z
      .object({ date: z.string(), time: z.string(), place: z.string().nullable(), link: z.string().nullable() })
      .nullable()
      .openapi({ description: 'The interview, once scheduled (to the talent, the employer, departments in scope)' }),
    nextSteps: z.array(z.string()).openapi({ description: 'What the caller may do next: statuses to move to (employer) or `withdrawn` (graduate)' }),
  })
  .openapi('Application');
export type ApplicationDto = z.infer<typeof ApplicationSchema>;

export const ApplicationWithHistorySchema = ApplicationSchema.extend({ events: z.array(ApplicationEventSchema) }).openapi('ApplicationWithHistory');
export type ApplicationWithHistoryDto = z.infer<typeof ApplicationWithHistorySchema>;

export const ApplicationPage = pageOf(ApplicationSchema, 'ApplicationPage');

/** A position's applicants: the page, and how many are at each stage (whatever the filter). */
export const ApplicantPage = z
  .object({
    items: z.array(ApplicationSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    stageCounts: z.record(z.string(), z.number().int()).openapi({ description: "The position's applications per status, whatever the filter" }),
  })
  .openapi('ApplicantPage');
export type ApplicantPageDto = z.infer<typeof ApplicantPage>;

// ── invitations ──────────────────────────────────────────────────────────────────────────────

/** Named limits: invitations an employer may send per day (China date), and a list's length. */
export const INVITATION_LIMITS = { perEmployerPerDay: 30, list: 100, positionsOffered: 50 } as const;

const Id = z.string().trim().min(1, 'is required').max(64, 'must be at most 64 characters');

export const InviteBody = z
  .object({
    talentId: Id.openapi({ example: 'k2m4q7x9p3r5t6v8' }),
    positionId: Id.openapi({ description: "One of the employer's posts that takes applications today", example: 'p2m4q7x9p3r5t6v8' }),
  })
  .openapi('InviteRequest');
export type InviteData = z.infer<typeof InviteBody>;

export const InvitationListQuery = z.object({
  positionId: Id.optional().openapi({ description: "Employers: only this post's invitations" }),
});
export type InvitationListFilters = z.infer<typeof InvitationListQuery>;

export const InvitationSchema = z
  .object({
    id: z.string(),
    createdAt: z.string(),
    position: z.object({ id: z.string(), title: z.string(), regionName: z.string(), employerName: z.string(), takesApplications: z.boolean() }),
    talent: z.object({ id: z.string(), name: z.string() }),
    applicationId: z.string().nullable().openapi({ description: 'The application the talent made to the post, if any' }),
  })
  .openapi('Invitation');
export type InvitationDto = z.infer<typeof InvitationSchema>;

export const InvitationList = z.object({ items: z.array(InvitationSchema) }).openapi('InvitationList');
