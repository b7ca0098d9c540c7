// Placement schemas (request bodies, queries, DTOs), shared by the JSON API and the web forms.
import { z } from '@hono/zod-openapi';
import { fieldIssue } from '../lib/field-codes';
import { requiredText } from '../lib/text';
import { PageQuery, pageOf, sortParam } from '../lib/openapi';

const IsoDate = z.iso.date('must be a date YYYY-MM-DD');
const Id = z.string().trim().min(1, 'is required').max(64, 'must be at most 64 characters');

export const PLACEMENT_KINDS = ['employment', 'internship'] as const;
export const PLACEMENT_SOURCES = ['application', 'round', 'direct', 'import'] as const;

export const CreatePlacementBody = z
  .object({
    talentId: Id.openapi({ example: 'k2m4q7x9p3r5t6v8' }),
    employerId: Id.optional().openapi({ description: 'Required for departments; an employer records at its own organisation (may omit it)' }),
    positionId: Id.nullable().optional().openapi({ description: 'A position of that employer, if any' }),
    kind: z.enum(PLACEMENT_KINDS).openapi({ description: 'employment (就业) or internship (实习)' }),
    startOn: IsoDate.openapi({ example: '2026-07-01' }),
    endOn: IsoDate.nullable().optional().openapi({ description: 'Not before startOn; omit while it lasts', example: '2026-12-31' }),
    agreementId: Id.nullable().optional().openapi({ description: "The talent's directed-training agreement it serves (departments only)" }),
  })
  .superRefine((b, ctx) => {
    if (b.endOn && b.endOn < b.startOn) ctx.addIssue(fieldIssue('not_before_start_on', undefined, ['endOn']));
  })
  .openapi('CreatePlacementRequest');
export type CreatePlacementData = z.infer<typeof CreatePlacementBody>;

export const EndPlacementBody = z
  .object({
    endOn: IsoDate.openapi({ example: '2027-06-30' }),
    reason: requiredText(500, { multiline: true }).openapi({ example: '合同期满' }),
  })
  .openapi('EndPlacementRequest');
export type EndPlacementData = z.infer<typeof EndPlacementBody>;

/** The placement list's sortable columns. */
export const PLACEMENT_SORT_COLUMNS = ['talent', 'employer', 'kind', 'start', 'end'] as const;

export const PlacementListQuery = PageQuery.extend({
  kind: z.enum(PLACEMENT_KINDS).optional().openapi({ description: 'internship: an employer sees its interns' }),
  talentId: Id.optional(),
  employerId: Id.optional(),
  agreementId: Id.optional(),
  open: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .openapi({ description: 'true: only those without an end date' }),
  q: requiredText(50).optional().openapi({ description: "Any part of the talent's or the employer's name" }),
  sort: sortParam(PLACEMENT_SORT_COLUMNS, '-start'),
});
export type PlacementListFilters = z.infer<typeof PlacementListQuery>;

export const PlacementIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'k2m4q7x9p3r5t6v8' }),
});

export const PlacementSchema = z
  .object({
    id: z.string(),
    talent: z.object({ id: z.string(), name: z.string() }),
    employer: z.object({ id: z.string(), name: z.string(), regionCode: z.string() }),
    position: z.object({ id: z.string(), title: z.string() }).nullable(),
    kind: z.enum(PLACEMENT_KINDS),
    startOn: z.string(),
    endOn: z.string().nullable(),
    endReason: z.string().nullable(),
    source: z.enum(PLACEMENT_SOURCES),
    sourceId: z.string().nullable(),
    agreementId: z.string().nullable(),
    days: z.number().int().openapi({ description: 'Days served so far, start and end inclusive (an open placement up to today)' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Placement');
export type PlacementDto = z.infer<typeof PlacementSchema>;

export const PlacementPage = pageOf(PlacementSchema, 'PlacementPage');
