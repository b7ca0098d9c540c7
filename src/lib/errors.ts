// One error shape for the whole app: RFC 9457 problem+json, rendered by app.onError.
import { type FieldCode, type FieldParams, fieldText, isFieldCode } from './field-codes';
import { REGION_CODE_PATTERN } from './regions-range';

export type { FieldCode, FieldParams } from './field-codes';
export type ErrorCode =
  | 'validation_failed'
  | 'malformed_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'cross_site_request'
  | 'not_found'
  | 'conflict'
  | 'invalid_state'
  | 'rate_limited'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'not_acceptable'
  | 'internal_error'
  | 'storage_busy'
  | 'storage_full'
  | 'storage_read_only'
  | 'storage_io_error'
  | 'mail_not_configured';

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 422,
  malformed_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  cross_site_request: 403,
  not_found: 404,
  conflict: 409,
  invalid_state: 409,
  rate_limited: 429,
  payload_too_large: 413,
  unsupported_media_type: 415,
  not_acceptable: 406,
  internal_error: 500,
  storage_busy: 503,
  storage_full: 503,
  storage_read_only: 503,
  storage_io_error: 503,
  mail_not_configured: 503,
};

const TITLE: Record<ErrorCode, string> = {
  validation_failed: 'The request has invalid fields',
  malformed_request: 'The request could not be read',
  unauthenticated: 'Sign-in required',
  forbidden: 'Not allowed',
  cross_site_request: 'Cross-site request refused',
  not_found: 'Not found',
  conflict: 'Conflict with existing data',
  invalid_state: 'Not allowed in the current state',
  rate_limited: 'Too many attempts',
  payload_too_large: 'Request body too large',
  unsupported_media_type: 'Unsupported media type',
  not_acceptable: 'That format is not available here',
  internal_error: 'Internal error',
  storage_busy: 'The database is busy',
  storage_full: 'The database storage is full',
  storage_read_only: 'The database is read-only',
  storage_io_error: 'The database storage failed',
  mail_not_configured: 'Mail is not set up on this server',
};

/** One field's problem: a stable `code` (src/lib/field-codes.ts), the `params` its text needs and
 * the English `message`. Pages show the code's text in their language (web/i18n). */
export interface FieldError {
  path: string;
  code: FieldCode;
  params?: FieldParams;
  message: string;
}

/** A field error whose English message comes from the one catalogue. */
export function fieldIssueAt(path: string, code: FieldCode, params?: FieldParams): FieldError {
  return { path, code, ...(params ? { params } : {}), message: fieldText(code, params) };
}

/** Codes of problems without field errors that pages word specially (web/i18n `problems`). */
export const PROBLEM_REASONS = ['bad_credentials', 'account_disabled', 'own_account', 'follow_up_exists', 'follow_up_no_seats', 'follow_up_no_talents'] as const;
export type ProblemReason = (typeof PROBLEM_REASONS)[number];

export class AppError extends Error {
  readonly status: number;
  /** Set by because(): which of several problems with the same `code` this is. */
  reason?: ProblemReason;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.status = STATUS[code];
  }

  /** Names the problem for the pages: `throw new AppError('unauthenticated', '…').because('bad_credentials')`. */
  because(reason: ProblemReason): this {
    this.reason = reason;
    return this;
  }
}

/** A validation failure on one field, the most common error in handlers. */
export function fieldError(path: string, code: FieldCode, params?: FieldParams): AppError {
  const e = fieldIssueAt(path, code, params);
  return new AppError('validation_failed', `${path}: ${e.message}`, [e]);
}

/** A 422 for several fields at once, its detail listing them. */
export function invalidFields(errors: FieldError[], where = ''): AppError {
  return new AppError('validation_failed', `Invalid ${where}fields: ${errors.map((e) => `${e.path} (${e.message})`).join('; ')}`, errors);
}

export function notFound(what: string): AppError {
  return new AppError('not_found', `${what} not found`);
}

export function forbidden(message = 'You may not do this'): AppError {
  return new AppError('forbidden', message);
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  errors?: FieldError[];
}

export function toProblem(err: AppError): Problem {
  return {
    type: `https://shegong.example/problems/${err.code.replace(/_/g, '-')}`,
    title: TITLE[err.code],
    status: err.status,
    code: err.code,
    detail: err.message,
    ...(err.errors ? { errors: err.errors } : {}),
  };
}

export function problemResponse(err: AppError): Response {
  return new Response(JSON.stringify(toProblem(err)), {
    status: err.status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...(err.headers ?? {}) },
  });
}

/** The parts of a zod 4 issue the mapping reads. */
interface ZodIssueLike {
  readonly code: string;
  readonly path: ReadonlyArray<PropertyKey>;
  readonly message: string;
  readonly origin?: string;
  readonly minimum?: number | bigint;
  readonly maximum?: number | bigint;
  readonly inclusive?: boolean;
  readonly expected?: string;
  readonly format?: string;
  readonly pattern?: string;
  readonly values?: ReadonlyArray<unknown>;
  readonly params?: Record<string, unknown>;
}

/** The codes of the regular expressions our schemas check, keyed by the expression itself. */
export const MOBILE_PATTERN = /^1\d{10}$/;
export const CONTACT_PHONE_PATTERN = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
const PATTERN_CODES = new Map<string, FieldCode>([
  [String(REGION_CODE_PATTERN), 'region_code'],
  [String(MOBILE_PATTERN), 'mobile'],
  [String(CONTACT_PHONE_PATTERN), 'contact_phone'],
  [String(MONTH_PATTERN), 'month'],
]);

/** The value at `path` in `input` (undefined when any step is missing). */
function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let at = input;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

const bound = (n: number | bigint | undefined) => Number(n ?? 0);

/** A zod issue's code and params. `input` (the value validated) tells a missing field apart. */
function codeOf(i: ZodIssueLike, input: unknown): { code: FieldCode; params?: FieldParams } {
  switch (i.code) {
    case 'custom': {
      const { fieldCode, ...params } = i.params ?? {};
      return isFieldCode(fieldCode) ? { code: fieldCode, ...(Object.keys(params).length ? { params: params as FieldParams } : {}) } : { code: 'invalid' };
    }
    case 'invalid_type': {
      const value = input === undefined ? undefined : valueAt(input, i.path);
      if (input !== undefined && (value === undefined || value === null)) return { code: 'required' };
      if (i.expected === 'number') return { code: 'number' };
      if (i.expected === 'int') return { code: 'integer' };
      if (i.expected === 'boolean') return { code: 'boolean' };
      if (i.expected === 'string') return { code: 'text' };
      if (i.expected === 'array') return { code: 'list' };
      return { code: 'invalid' };
    }
    case 'too_small': {
      const n = bound(i.minimum) + (i.inclusive === false ? 1 : 0);
      if (i.origin === 'string') return n <= 1 ? { code: 'required' } : { code: 'min_chars', params: { n } };
      if (i.origin === 'array' || i.origin === 'set') return { code: 'min_entries', params: { n } };
      if (i.origin === 'number' && n === 0) return { code: 'not_negative' };
      return { code: 'min_number', params: { n } };
    }
    case 'too_big': {
      const n = bound(i.maximum) - (i.inclusive === false ? 1 : 0);
      if (i.origin === 'string') return { code: 'max_chars', params: { n } };
      if (i.origin === 'array' || i.origin === 'set') return { code: 'max_entries', params: { n } };
      return { code: 'max_number', params: { n } };
    }
    case 'invalid_format':
      if (i.format === 'email') return { code: 'email' };
      if (i.format === 'date') return { code: 'date' };
      if (i.format === 'regex') return { code: PATTERN_CODES.get(String(i.pattern)) ?? 'format' };
      return { code: 'format' };
    case 'invalid_value':
      return { code: 'option', params: { values: (i.values ?? []).map(String).join(', ') } };
    case 'unrecognized_keys':
      return { code: 'unknown_parameter' };
    default:
      return { code: 'invalid' };
  }
}

/** Turns zod issues into our field errors. Paths are dotted: `education.level`, `serviceAreas.2`.
 * The message is the schema's own English text; the code and params come from the issue. Pass the
 * validated `input` so a missing field is `required` whatever the schema's message says. */
export function zodIssuesToErrors(issues: ReadonlyArray<ZodIssueLike>, input?: unknown): FieldError[] {
  return issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', ...codeOf(i, input), message: i.message }));
}
