import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonContent } from '../lib/openapi';
import { requiredText } from '../lib/text';

const tags = ['Regions'];

export const RegionSchema = z
  .object({
    code: z.string().openapi({ example: '150102' }),
    name: z.string().openapi({ example: '新城区' }),
    level: z.number().int().openapi({ description: '1 province, 2 city, 3 county, 4 township/street' }),
    parentCode: z.string().nullable(),
    fullName: z.string().openapi({ example: '内蒙古自治区呼和浩特市新城区' }),
    displayName: z.string().optional().openapi({ description: 'The name in the language asked for (`lang=en`: pinyin, "Xincheng District")', example: 'Xincheng District' }),
  })
  .openapi('Region');

const Lang = z.enum(['zh', 'en']).optional().openapi({ description: 'Language of `displayName` (en: romanised with pinyin)' });

const CodeParam = z.object({
  code: z
    .string()
    .regex(/^\d{2}(\d{2}(\d{2}(\d{3})?)?)?$/, 'must be a region code of 2, 4, 6 or 9 digits')
    .openapi({ param: { name: 'code', in: 'path' }, example: '15' }),
});

export const getRegion = createRoute({
  method: 'get',
  path: '/regions/{code}',
  tags,
  summary: 'A region by its GB/T 2260 code',
  request: { params: CodeParam },
  responses: { 200: jsonContent(RegionSchema, 'The region'), ...errorResponses },
});

export const getChildren = createRoute({
  method: 'get',
  path: '/regions/{code}/children',
  tags,
  summary: 'The regions directly below a region',
  request: { params: CodeParam, query: z.object({ lang: Lang }) },
  responses: { 200: jsonContent(z.object({ items: z.array(RegionSchema) }), 'Children'), ...errorResponses },
});

export const getAncestors = createRoute({
  method: 'get',
  path: '/regions/{code}/ancestors',
  tags,
  summary: 'The regions above a region, province first',
  request: { params: CodeParam },
  responses: { 200: jsonContent(z.object({ items: z.array(RegionSchema) }), 'Ancestors'), ...errorResponses },
});

export const listRoots = createRoute({
  method: 'get',
  path: '/regions',
  tags,
  summary: 'Search regions by name, or list the provinces when no query is given',
  request: {
    query: z.object({
      q: requiredText(40).optional(),
      within: z
        .string()
        .regex(/^\d{2}(\d{2}(\d{2}(\d{3})?)?)?$/, 'must be a region code')
        .optional(),
      limit: z.coerce.number().int().min(1).max(100).default(20),
    }),
  },
  responses: { 200: jsonContent(z.object({ items: z.array(RegionSchema) }), 'Regions'), ...errorResponses },
});

export const resolveName = createRoute({
  method: 'get',
  path: '/regions/resolve',
  tags,
  summary: "The one region a typed name means (what the pages' region pickers use)",
  description:
    'A name with or without its suffix (呼和浩特, 呼和浩特市), with its parents (呼和浩特市新城区), in parts (呼和浩特 新城区) or romanised (Huhehaote), searched under `within` (then the whole country when `wide`). A name of several regions answers 422 `region_ambiguous` on `name` with the candidates in `params.candidates`; an unknown one 422 `region_not_found`.',
  request: {
    query: z.object({
      name: requiredText(40),
      within: z
        .string()
        .regex(/^\d{2}(\d{2}(\d{2}(\d{3})?)?)?$/, 'must be a region code')
        .optional(),
      wide: z.enum(['true', 'false']).optional(),
      lang: Lang,
    }),
  },
  responses: { 200: jsonContent(RegionSchema, 'The region, with its full name in the language as displayName'), ...errorResponses },
});
