// What the search endpoints accept and return, for the routes (createRoute request.query and
// responses) and the web forms. Unknown parameters are refused (strict), every value is a typed
// code, number or date, so nothing a client sends can become filter syntax; the scope comes from the
// session (search.service.ts), never from the request.
import { z } from '@hono/zod-openapi';
import { REGION_CODE_PATTERN } from '../lib/regions-range';
import { AVAILABILITY, EDUCATION_LEVELS, EMPLOYER_TYPES, EMPLOYMENT_TYPES, LANGUAGES, POSITION_KINDS, QUALIFICATION_LEVELS, SERVICE_AREAS, codes } from '../lib/vocab';
import { fieldIssue } from '../lib/field-codes';
import { isPlainText } from '../lib/text';
import { AGE_BANDS, DEFAULT_PAGE_SIZE, MAX_PAGE, MAX_PAGE_SIZE, MAX_QUERY_LENGTH, POSITION_SORTS, POSITION_STATUSES, TALENT_SORTS, VISIBILITIES } from '../lib/search';

/** A list parameter: `?serviceArea=elderly,children` or `?serviceArea=elderly&serviceArea=children`. */
function codeList<T extends string>(allowed: readonly T[], example: string) {
  const set = new Set<string>(allowed);
  return z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value, ctx): T[] | undefined => {
      if (value === undefined) return undefined;
      const items = (Array.isArray(value) ? value : [value])
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter(Boolean);
      if (items.length > allowed.length) {
        ctx.addIssue(fieldIssue('max_values', { n: allowed.length }));
        return z.NEVER;
      }
      for (const item of items) {
        if (!set.has(item)) {
          ctx.addIssue(fieldIssue('unknown_value', { values: allowed.join(', ') }));
          return z.NEVER;
        }
      }
      return [...new Set(items)] as T[];
    })
    .openapi({ type: 'string', description: `Comma-separated or repeated. One of: ${allowed.join(', ')}`, example });
}

const Text = z
  .string()
  .max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`)
  .refine((q) => isPlainText(q), fieldIssue('invisible_chars'))
  .optional()
  .openapi({
    description:
      'Words to search for: Chinese (simplified or traditional), pinyin or English; place names, synonyms and common abbreviations are understood; small typos are matched in Latin words only',
    example: '老年 社工',
  });
const RegionCode = z
  .string()
  .regex(REGION_CODE_PATTERN, 'must be a GB/T 2260 region code of 2, 4, 6 or 9 digits')
  .optional()
  .openapi({ description: 'Only results inside this region subtree (codes not in the region table are refused)', example: '1501' });
/** Any other parameter is refused, naming it (rather than silently ignored). */
const UnknownParameter = z.unknown().refine(() => false, fieldIssue('unknown_parameter'));
const Page = z.coerce.number().int().min(1).max(MAX_PAGE).default(1).openapi({ example: 1 });
const PageSize = z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE).openapi({ example: DEFAULT_PAGE_SIZE });

export const PositionSearchParams = z
  .object({
    q: Text,
    regionCode: RegionCode,
    kind: codeList(codes(POSITION_KINDS), 'community_worker'),
    employerType: codeList(codes(EMPLOYER_TYPES), 'station'),
    serviceArea: codeList(codes(SERVICE_AREAS), 'elderly,children'),
    language: codeList(codes(LANGUAGES), 'mongolian'),
    employmentType: codeList(codes(EMPLOYMENT_TYPES), 'FULL_TIME'),
    /** For departments and an employer's own list; the public scope keeps only 'open' anyway. */
    status: codeList(POSITION_STATUSES, 'open'),
    educationAtMost: z.enum(codes(EDUCATION_LEVELS)).optional().openapi({ description: 'Posts open to a candidate with this education' }),
    qualificationAtMost: z.enum(codes(QUALIFICATION_LEVELS)).optional().openapi({ description: 'Posts open to a candidate with this qualification' }),
    salaryAtLeast: z.coerce.number().int().min(0).max(10_000_000).optional().openapi({ description: 'Monthly salary band reaching at least this (CNY)' }),
    openOn: z.iso.date('must be a date YYYY-MM-DD').optional().openapi({ description: 'Accepting applications on this date' }),
    sort: z.enum(POSITION_SORTS).default('relevance'),
    distinct: z.enum(['employer']).optional().openapi({ description: 'employer: at most one post per employer (its best match)' }),
    page: Page,
    pageSize: PageSize,
  })
  .catchall(UnknownParameter);
export type PositionSearchParams = z.infer<typeof PositionSearchParams>;

export const TalentSearchParams = z
  .object({
    q: Text,
    regionCode: RegionCode,
    serviceArea: codeList(codes(SERVICE_AREAS), 'elderly'),
    language: codeList(codes(LANGUAGES), 'mongolian'),
    availability: codeList(codes(AVAILABILITY), 'available,later'),
    ageBand: codeList(AGE_BANDS, '25-29'),
    /** Departments only; an employer asking for 'department' simply gets nothing. */
    visibility: codeList(VISIBILITIES, 'employers'),
    qualificationAtLeast: z.enum(codes(QUALIFICATION_LEVELS)).optional(),
    educationAtLeast: z.enum(codes(EDUCATION_LEVELS)).optional(),
    sort: z.enum(TALENT_SORTS).default('relevance'),
    page: Page,
    pageSize: PageSize,
  })
  .catchall(UnknownParameter);
export type TalentSearchParams = z.infer<typeof TalentSearchParams>;

// ----- response schemas -----

const Highlights = z.record(z.string(), z.string()).openapi('SearchHighlights', { description: 'Matched words wrapped in <mark>…</mark>; everything else HTML-escaped' });
const Facets = z.record(z.string(), z.record(z.string(), z.number().int())).openapi('SearchFacets', { description: 'facet → value → count' });
const RegionFields = {
  regionProvince: z.string().nullable(),
  regionCity: z.string().nullable(),
  regionCounty: z.string().nullable(),
  regionTownship: z.string().nullable(),
  regionNames: z.array(z.string()),
};

export const PositionHitSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    employerId: z.string(),
    employerName: z.string(),
    employerType: z.string(),
    employerTypeName: z.array(z.string()),
    kind: z.string(),
    kindName: z.array(z.string()),
    ...RegionFields,
    serviceAreas: z.array(z.string()),
    serviceAreaNames: z.array(z.string()),
    languages: z.array(z.string()),
    languageNames: z.array(z.string()),
    minEducation: z.string().nullable(),
    minEducationRank: z.number().int(),
    minQualification: z.string(),
    minQualificationRank: z.number().int(),
    salaryMin: z.number().int().nullable(),
    salaryMax: z.number().int().nullable(),
    seats: z.number().int(),
    reservedSeats: z.number().int(),
    employmentType: z.string(),
    status: z.enum(POSITION_STATUSES),
    opensOn: z.number().int().openapi({ description: 'UTC midnight of the date, ms' }),
    closesOn: z.number().int().openapi({ description: 'UTC midnight of the date, ms' }),
    publishedAt: z.number().int().nullable(),
    updatedAt: z.number().int(),
    highlights: Highlights,
  })
  .openapi('PositionHit');

export const TalentHitSchema = z
  .object({
    id: z.string(),
    name: z.string().optional().openapi({ description: 'Departments and admins only' }),
    serviceAreas: z.array(z.string()),
    serviceAreaNames: z.array(z.string()),
    qualification: z.string(),
    qualificationRank: z.number().int(),
    qualificationName: z.array(z.string()),
    education: z.string().nullable(),
    educationRank: z.number().int(),
    educationName: z.array(z.string()),
    school: z.string().nullable(),
    major: z.string().nullable(),
    graduationYear: z.number().int().nullable(),
    languages: z.array(z.string()),
    languageNames: z.array(z.string()),
    ...RegionFields,
    availability: z.string(),
    visibility: z.enum(VISIBILITIES),
    ageBand: z.string().nullable(),
    updatedAt: z.number().int(),
    highlights: Highlights,
  })
  .openapi('TalentHit');

const resultOf = <T extends z.ZodType>(hit: T, name: string) =>
  z
    .object({
      items: z.array(hit),
      total: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
      facets: Facets,
      degraded: z.boolean().openapi({ description: 'true when search is answered by the SQL fallback (Meilisearch unreachable)' }),
      relaxed: z
        .object({ from: z.array(z.string()), to: z.array(z.string()) })
        .optional()
        .openapi({
          description:
            'Set when no result held every word: the results are those of the words in `to` instead of `from` (words matching nothing were relaxed to the dictionary words inside them, or dropped; region and other filters kept)',
        }),
    })
    .openapi(name);

export const PositionSearchResult = resultOf(PositionHitSchema, 'PositionSearchResult');
export const TalentSearchResult = resultOf(TalentHitSchema, 'TalentSearchResult');

/** The engine result in the list shape the API uses ({ items, total, page, pageSize } + facets, degraded). */
export function toListBody<H>(r: {
  hits: H[];
  total: number;
  page: number;
  pageSize: number;
  facets: Record<string, Record<string, number>>;
  degraded: boolean;
  relaxed?: { from: string[]; to: string[] };
}) {
  return { items: r.hits, total: r.total, page: r.page, pageSize: r.pageSize, facets: r.facets, degraded: r.degraded, ...(r.relaxed ? { relaxed: r.relaxed } : {}) };
}
