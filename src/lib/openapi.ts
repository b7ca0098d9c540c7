// Every feature router is made here, so validation failures share one shape (ARCHITECTURE.md, "Errors").
import { OpenAPIHono, z, type RouteConfig, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from './context';
import { AppError, invalidFields, zodIssuesToErrors } from './errors';

/** The one handler type: a route's handler in this app's environment. */
export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, AppEnv>;

export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    strict: false,
    defaultHook: (result, c) => {
      if (!result.success) {
        // Validation runs before the handler's own role check: tell an anonymous caller to sign in
        // first rather than how to fix a request they may not make at all.
        if (!c.get('user') && !isPublicOperation(c.req.method, c.req.path)) {
          throw new AppError('unauthenticated', 'Sign in first');
        }
        const where = result.target === 'json' || result.target === 'form' ? '' : `${result.target} `;
        throw invalidFields(zodIssuesToErrors(result.error.issues, (result as { data?: unknown }).data), where);
      }
    },
  });
}

/** Operations anyone may call (everything else needs a session). */
const PUBLIC_OPERATIONS: [string, RegExp][] = [
  ['POST', /^\/api\/v1\/auth\/(register|register\/confirm|sign-in|password-reset|password-reset\/request)$/],
  ['POST', /^\/api\/v1\/me\/email\/confirm$/],
  ['GET', /^\/api\/v1\/regions(\/[^/]+(\/(children|ancestors))?)?$/],
  ['GET', /^\/api\/v1\/positions(\/[^/]+)?$/],
  ['GET', /^\/api\/v1\/employers\/(?!me$)[^/]+$/],
  ['GET', /^\/api\/v1\/search\/positions$/],
  ['GET', /^\/api\/v1\/rounds\/[^/]+\/report$/],
];

export function isPublicOperation(method: string, path: string): boolean {
  return PUBLIC_OPERATIONS.some(([m, re]) => m === method && re.test(path));
}

/** One field's problem (src/lib/errors.ts). `code` and `params` are additions (issue 10): a stable
 * code from src/lib/field-codes.ts and the values its text needs; `message` is the English text. */
export const FieldErrorSchema = z
  .object({
    path: z.string().openapi({ example: 'name' }),
    code: z.string().openapi({ description: 'Stable snake_case code of the problem', example: 'max_chars' }),
    params: z
      .record(z.string(), z.union([z.string(), z.number()]))
      .optional()
      .openapi({ description: 'Values the text of the code needs', example: { n: 50 } }),
    message: z.string().openapi({ description: 'The problem in English', example: 'must be at most 50 characters' }),
  })
  .openapi('FieldError');

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string(),
    errors: z.array(FieldErrorSchema).optional(),
  })
  .openapi('Problem');

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

/** Error responses most routes share; spread into a route's `responses`. */
export const errorResponses = {
  400: problem('Malformed request'),
  401: problem('Not signed in'),
  403: problem('Not allowed'),
  404: problem('Not found'),
  409: problem('Conflict or wrong state'),
  413: problem('Body too large'),
  415: problem('Body is not JSON'),
  422: problem('Invalid fields'),
} as const;

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1).openapi({ example: 1 }),
  pageSize: z.coerce.number().int().min(1).max(100).default(20).openapi({ example: 20 }),
});

export const pageOf = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }).openapi(name);

/** A list's `sort` value: a column, ascending, or `-column`, descending. */
export type SortKey<C extends string> = C | `-${C}`;

/** The `sort` parameter of a list over these columns (unknown values: 422 naming `sort`). */
export function sortParam<const C extends string>(columns: readonly C[], fallback: SortKey<C>) {
  const values = columns.flatMap((c) => [c, `-${c}`]) as unknown as readonly [SortKey<C>, ...SortKey<C>[]];
  return z
    .enum(values)
    .optional()
    .openapi({ description: `One of ${columns.join(', ')}; a leading "-" sorts descending (default ${fallback})` });
}

/** A sort value as its column and direction. */
export function sortParts<C extends string>(sort: SortKey<C>): { column: C; desc: boolean } {
  return sort.startsWith('-') ? { column: sort.slice(1) as C, desc: true } : { column: sort as C, desc: false };
}
