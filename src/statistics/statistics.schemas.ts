// Statistics queries and answers (JSON API; the web pages and downloads call the same service).
import { z } from '@hono/zod-openapi';
import { MONTH_PATTERN } from '../lib/errors';
import { fieldIssue, fieldText } from '../lib/field-codes';
import { PageQuery } from '../lib/openapi';
import { REGION_CODE_PATTERN } from '../lib/regions-range';
import { TALENT_DIMENSIONS } from './talents';
import { MAX_MONTHS, monthSpan } from './months';
import { AGREEMENT_STATUSES } from './directed';

const Region = z.string().regex(REGION_CODE_PATTERN, 'must be a GB/T 2260 region code of 2, 4, 6 or 9 digits').optional().openapi({
  description: "The region shown (its subtree), within the caller's: a department's own region by default, the whole tree for admins",
  example: '1501',
});

export const RegionQuery = z.object({ region: Region });
export type RegionQueryData = z.infer<typeof RegionQuery>;

export const RegionPageQuery = PageQuery.extend({ region: Region });
export type RegionPageQueryData = z.infer<typeof RegionPageQuery>;

const Month = z.string().regex(MONTH_PATTERN, fieldText('month'));

export const MonthlyQuery = z
  .object({
    region: Region,
    from: Month.optional().openapi({ description: 'First month (default: 23 months before `to`)', example: '2024-07' }),
    to: Month.optional().openapi({ description: 'Last month (default: this month, China time)', example: '2026-06' }),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from > q.to) ctx.addIssue(fieldIssue('not_after_to', undefined, ['from']));
    else if (q.from && q.to && monthSpan(q.from, q.to) > MAX_MONTHS) ctx.addIssue(fieldIssue('max_months', { n: MAX_MONTHS }, ['from']));
  });
export type MonthlyQueryData = z.infer<typeof MonthlyQuery>;

export const DimensionParam = z.object({
  dimension: z.enum(TALENT_DIMENSIONS).openapi({ param: { name: 'dimension', in: 'path' }, example: 'qualification' }),
});

const RegionRefSchema = z.object({ code: z.string(), name: z.string() });
const StatRegionSchema = z
  .object({
    code: z.string().openapi({ description: "'' for the whole tree" }),
    name: z.string(),
    level: z.number().int().openapi({ description: '0 whole tree, 1 province, 2 city, 3 county, 4 township' }),
    path: z.array(RegionRefSchema).openapi({ description: 'Province down to the region itself (breadcrumbs)' }),
  })
  .openapi('StatisticsRegion');

const Child = { code: z.string(), name: z.string(), link: z.string().openapi({ description: 'The same statistic for this child region' }) };
const Counts = z.record(z.string(), z.number().int());
const RatioSchema = z.object({ numerator: z.number().int(), denominator: z.number().int(), rate: z.number().nullable() }).openapi('StatisticsRatio');

const head = { region: StatRegionSchema, today: z.string().openapi({ description: 'The China date the figures are for' }) };

const TalentCell = z.object({ talents: z.number().int(), counts: Counts });
export const TalentBreakdownSchema = z
  .object({
    ...head,
    dimension: z.enum(TALENT_DIMENSIONS),
    multiValued: z.boolean().openapi({ description: 'true: a talent counts under each value listed (service area, language)' }),
    keys: z.array(z.string()),
    total: TalentCell,
    direct: TalentCell.openapi({ description: "Talents registered at the region's own code (at the root: with no region)" }),
    children: z.array(TalentCell.extend(Child)),
  })
  .openapi('TalentBreakdown');

const Balance = z.object({ seats: z.number().int(), supply: z.number().int(), gap: z.number().int() });
const SupplyCell = Balance.extend({ areas: z.record(z.string(), Balance) });
export const SupplyDemandSchema = z
  .object({ ...head, keys: z.array(z.string()), total: SupplyCell, direct: SupplyCell, children: z.array(SupplyCell.extend(Child)) })
  .openapi('SupplyDemand');

const CoverageCell = z.object({ units: z.number().int(), covered: z.number().int(), rate: z.number().nullable() });
const listPage = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export const TownshipCoverageSchema = z
  .object({
    ...head,
    total: CoverageCell,
    children: z.array(CoverageCell.extend(Child)),
    uncovered: listPage(z.object({ code: z.string(), name: z.string(), fullName: z.string() })),
  })
  .openapi('TownshipCoverage');

export const SchoolCoverageSchema = z
  .object({
    ...head,
    total: CoverageCell,
    direct: CoverageCell,
    children: z.array(CoverageCell.extend(Child)),
    uncovered: listPage(z.object({ id: z.string(), name: z.string(), regionCode: z.string(), regionName: z.string() })),
  })
  .openapi('SchoolCoverage');

const KindCounts = z.object({ employment: z.number().int(), internship: z.number().int() });
export const MonthlyPlacementsSchema = z
  .object({
    ...head,
    from: z.string(),
    to: z.string(),
    months: z.array(KindCounts.extend({ month: z.string() })),
    total: KindCounts,
    direct: KindCounts,
    children: z.array(KindCounts.extend(Child)),
  })
  .openapi('MonthlyPlacements');

const DirectedCell = z.object({
  agreements: z.number().int(),
  byStatus: z.record(z.enum(AGREEMENT_STATUSES as [string, ...string[]]), z.number().int()),
  started: z.number().int(),
  fulfilment: RatioSchema,
  earlyLeave: RatioSchema,
  retention: z.array(RatioSchema.extend({ years: z.number().int() })),
});
export const DirectedTrainingSchema = z.object({ ...head, total: DirectedCell, direct: DirectedCell, children: z.array(DirectedCell.extend(Child)) }).openapi('DirectedTraining');

export const LapsingSchema = z
  .object({
    ...head,
    from: z.string(),
    to: z.string(),
    total: z.number().int(),
    direct: z.number().int(),
    children: z.array(z.object({ ...Child, n: z.number().int() })),
    list: listPage(
      z.object({
        talentId: z.string(),
        name: z.string().openapi({ description: 'Masked: first character only' }),
        certificateNumber: z.string().nullable().openapi({ description: 'Masked: last four only' }),
        idNumberMasked: z.string().nullable(),
        qualification: z.string(),
        regionCode: z.string().nullable(),
        regionName: z.string().nullable(),
        validUntil: z.string(),
        daysLeft: z.number().int(),
      }),
    ),
  })
  .openapi('LapsingRegistrations');

export type TalentBreakdownDto = z.infer<typeof TalentBreakdownSchema>;
export type SupplyDemandDto = z.infer<typeof SupplyDemandSchema>;
export type TownshipCoverageDto = z.infer<typeof TownshipCoverageSchema>;
export type SchoolCoverageDto = z.infer<typeof SchoolCoverageSchema>;
export type MonthlyPlacementsDto = z.infer<typeof MonthlyPlacementsSchema>;
export type DirectedTrainingDto = z.infer<typeof DirectedTrainingSchema>;
export type LapsingDto = z.infer<typeof LapsingSchema>;
