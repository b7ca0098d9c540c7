// Export query parameters, shared by the JSON API (GET /exports/…) and the export page's form.
import { z } from '@hono/zod-openapi';
import { AVAILABILITY, QUALIFICATION_LEVELS, SERVICE_AREAS, codes } from '../lib/vocab';
import { REGION_CODE_PATTERN } from '../lib/regions-range';
import { AGREEMENT_STATUSES } from '../agreements';
import { PLACEMENT_KINDS } from '../placements';

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const Flag = z.enum(['true', 'false'], 'must be true or false');

const Common = z.object({
  format: z.enum(EXPORT_FORMATS, 'must be xlsx or csv').default('csv').openapi({ description: 'xlsx (Node only; 406 elsewhere) or csv (UTF-8 with BOM)', example: 'xlsx' }),
  region: z
    .string()
    .regex(REGION_CODE_PATTERN, 'must be a GB/T 2260 region code of 2, 4, 6 or 9 digits')
    .optional()
    .openapi({ description: "A region subtree within the caller's (default: the whole of it). Outside it → 404", example: '1501' }),
  reveal: Flag.default('false')
    .transform((v) => v === 'true')
    .openapi({ description: 'true: full ID numbers and phones (departments and admins; one audit record per export)' }),
  lang: z.enum(['zh', 'en'], 'must be zh or en').default('zh').openapi({ description: 'Headings and labels: zh (default) or en' }),
});

export const TalentExportQuery = Common.extend({
  qualification: z.enum(codes(QUALIFICATION_LEVELS)).optional().openapi({ description: 'At least this qualification level' }),
  serviceArea: z.enum(codes(SERVICE_AREAS)).optional(),
  availability: z.enum(codes(AVAILABILITY)).optional(),
});
export type TalentExportParams = z.infer<typeof TalentExportQuery>;

export const PlacementExportQuery = Common.extend({
  kind: z.enum(PLACEMENT_KINDS).optional(),
  open: Flag.transform((v) => v === 'true')
    .optional()
    .openapi({ description: 'true: only those without an end date; false: only ended ones' }),
});
export type PlacementExportParams = z.infer<typeof PlacementExportQuery>;

export const AgreementExportQuery = Common.extend({
  status: z.enum(AGREEMENT_STATUSES).optional(),
});
export type AgreementExportParams = z.infer<typeof AgreementExportQuery>;

export type ExportParams = TalentExportParams | PlacementExportParams | AgreementExportParams;
