// Export query parameters, shared by the JSON API (GET /exports/…) and the export page's form.
import { z } from '@hono/zod-openapi';
import { AVAILABILITY, QUALIFICATION_LEVELS, REVEAL_PURPOSES, SERVICE_AREAS, codes } from '../lib/vocab';
import { fieldIssue } from '../lib/field-codes';
import { optionalText } from '../lib/text';
import { MAX_PURPOSE_NOTE } from '../talents';
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
  purpose: z
    .enum(codes(REVEAL_PURPOSES))
    .optional()
    .openapi({ description: 'Required with reveal=true, kept in the audit record: verify_identity (核实身份), agreement (办理协议), statistics (统计核对) or other (其他)' }),
  purposeNote: optionalText(MAX_PURPOSE_NOTE).openapi({ description: `Required when the purpose is other; at most ${MAX_PURPOSE_NOTE} characters` }),
  lang: z.enum(['zh', 'en'], 'must be zh or en').default('zh').openapi({ description: 'Headings and labels: zh (default) or en' }),
});

/** A full export says why, as a single ID reveal does (issue 11 §6): the purpose, and for other its words. */
function revealNeedsPurpose(v: { reveal: boolean; purpose?: string; purposeNote?: string | null }, ctx: z.RefinementCtx): void {
  if (v.reveal && !v.purpose) ctx.addIssue(fieldIssue('purpose_required', undefined, ['purpose']));
  if (v.reveal && v.purpose === 'other' && !v.purposeNote?.trim()) ctx.addIssue(fieldIssue('purpose_note_required', undefined, ['purposeNote']));
}

export const TalentExportQuery = Common.extend({
  qualification: z.enum(codes(QUALIFICATION_LEVELS)).optional().openapi({ description: 'At least this qualification level' }),
  serviceArea: z.enum(codes(SERVICE_AREAS)).optional(),
  availability: z.enum(codes(AVAILABILITY)).optional(),
}).superRefine(revealNeedsPurpose);
export type TalentExportParams = z.infer<typeof TalentExportQuery>;

export const PlacementExportQuery = Common.extend({
  kind: z.enum(PLACEMENT_KINDS).optional(),
  open: Flag.transform((v) => v === 'true')
    .optional()
    .openapi({ description: 'true: only those without an end date; false: only ended ones' }),
}).superRefine(revealNeedsPurpose);
export type PlacementExportParams = z.infer<typeof PlacementExportQuery>;

export const AgreementExportQuery = Common.extend({
  status: z.enum(AGREEMENT_STATUSES).optional(),
}).superRefine(revealNeedsPurpose);
export type AgreementExportParams = z.infer<typeof AgreementExportQuery>;

export type ExportParams = TalentExportParams | PlacementExportParams | AgreementExportParams;
