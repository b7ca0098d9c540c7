// One error shape for the whole app: RFC 9457 problem+json, rendered by app.onError.
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

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

/** A validation failure on one field, the most common error in handlers. */
export function fieldError(path: string, message: string): AppError {
  return new AppError('validation_failed', `${path}: ${message}`, [{ path, message }]);
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

/** Turns zod issues into our field errors. Paths are dotted: `education.level`, `serviceAreas.2`. */
export function zodIssuesToErrors(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): FieldError[] {
  return issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message }));
}
