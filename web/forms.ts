// Form posts: read the fields, build the object the API's zod schema expects, validate with that
// same schema, call the same service, and turn any failure into messages next to the inputs.
import type { z } from '@hono/zod-openapi';
import { AppError, zodIssuesToErrors, type FieldError } from '../src/lib/errors';
import { fieldMessage, fmt, problemMessage, type Messages } from './i18n';
import type { WebContext } from './page';
import { pickerOutcome, resolveRegionPickers } from './regions';

/** A form as posted (or as prefilled from a record): input name → value(s). */
export type FormValues = Record<string, string | string[] | undefined>;

export async function readForm(c: WebContext): Promise<FormValues> {
  const body = await c.req.parseBody({ all: true });
  const out: FormValues = {};
  for (const [k, v] of Object.entries(body)) {
    if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
    else if (typeof v === 'string') out[k] = v;
  }
  await resolveRegionPickers(c, out);
  return out;
}

/** The text of a field ('' when absent; the first value of a repeated field). */
export function text(f: FormValues, name: string): string {
  const v = f[name];
  return (Array.isArray(v) ? v[0] : v) ?? '';
}

/** Optional text: an empty or blank field is null, as the API's schemas take "none". */
export function optText(f: FormValues, name: string): string | null {
  const v = text(f, name);
  return v.trim() === '' ? null : v;
}

/** A checkbox group: every checked value. */
export function list(f: FormValues, name: string): string[] {
  const v = f[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Codes as a list: every value of the field (a region picker's chosen boxes), each split at
 * commas, spaces or 、. */
export function codeList(f: FormValues, name: string): string[] {
  return list(f, name)
    .flatMap((v) => v.split(/[\s,，、;；]+/))
    .filter(Boolean);
}

/** A number field: null when empty, a number when numeric, else the text (so the schema names it). */
export function num(f: FormValues, name: string): number | string | null {
  const v = text(f, name).trim();
  if (v === '') return null;
  return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
}

export function checked(f: FormValues, name: string): boolean {
  const v = text(f, name);
  return v === 'on' || v === 'true' || v === '1';
}

/** Field errors keyed by input name, plus a sentence for the top of the form. */
export interface FormErrors {
  fields: Record<string, string>;
  summary: string | null;
}

export const noErrors: FormErrors = { fields: {}, summary: null };

function toFormErrors(m: Messages, errors: FieldError[], summary: string | null): FormErrors {
  const fields: Record<string, string> = {};
  for (const e of errors) fields[e.path] ??= fieldMessage(m, e);
  const count = Object.keys(fields).length;
  return { fields, summary: summary ?? (count ? fmt(m.common.formHasErrors, { n: count }) : null) };
}

/** The message for an input: its own path, or an element of it (`serviceAreas.2` → `serviceAreas`). */
export function errorFor(errors: FormErrors | undefined, name: string): string | undefined {
  if (!errors) return undefined;
  if (errors.fields[name]) return errors.fields[name];
  const prefix = `${name}.`;
  for (const [path, msg] of Object.entries(errors.fields)) {
    if (path.startsWith(prefix) && /^\d+$/.test(path.slice(prefix.length))) return msg;
  }
  return undefined;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; errors: FormErrors; status: number; headers?: Record<string, string> };

/** Turns an AppError a form can show (4xx) into form errors; anything else is rethrown to onError.
 * A 404 that names a field (an id the form picked that the caller may not use) is shown there. */
export function formErrorsOf(m: Messages, err: unknown): { errors: FormErrors; status: number; headers?: Record<string, string> } {
  if (!(err instanceof AppError) || err.status >= 500 || err.status === 403 || (err.status === 404 && !err.errors?.length)) throw err;
  const withFields = err.errors?.length ? err.errors : [];
  const summary = withFields.length && err.code === 'validation_failed' ? null : problemMessage(m, err);
  return { errors: toFormErrors(m, withFields, summary), status: err.status, headers: err.headers };
}

/**
 * Validates `input` with the API's schema and runs `action` with the parsed data. Validation
 * failures come back as 422 with the same field paths as the API; service errors as their status.
 * With the posted `form`, its region pickers count too (web/regions.ts): a name that did not resolve
 * is a 422 on its field, a next-level or add button shows the form again (200) without saving.
 */
export async function submit<S extends z.ZodType, T>(m: Messages, schema: S, input: unknown, action: (data: z.infer<S>) => Promise<T>, form?: FormValues): Promise<Outcome<T>> {
  const pickers = pickerOutcome(form);
  if (pickers?.again) return { ok: false, errors: noErrors, status: 200 };
  const parsed = schema.safeParse(input);
  if (pickers?.errors.length) {
    const rest = parsed.success ? [] : zodIssuesToErrors(parsed.error.issues, input).filter((e) => !pickers.errors.some((p) => p.path === e.path.split('.')[0]));
    return { ok: false, errors: toFormErrors(m, [...pickers.errors, ...rest], null), status: 422 };
  }
  if (!parsed.success) {
    return { ok: false, errors: toFormErrors(m, zodIssuesToErrors(parsed.error.issues, input), null), status: 422 };
  }
  return run(m, () => action(parsed.data));
}

/** Runs a service call from a form, catching the errors the form should show. */
export async function run<T>(m: Messages, action: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await action() };
  } catch (err) {
    return { ok: false, ...formErrorsOf(m, err) };
  }
}

/** Query filters for a list page: the ones that parse are used; a bad one is dropped and its
 * message shown next to its control (a GET page never fails on a stale link). */
export function parseFilters<S extends z.ZodType>(m: Messages, schema: S, raw: Record<string, string>): { data: z.infer<S>; errors: FormErrors } {
  const first = schema.safeParse(raw);
  if (first.success) return { data: first.data, errors: noErrors };
  const fields: Record<string, string> = {};
  const rest = { ...raw };
  for (const e of zodIssuesToErrors(first.error.issues, raw)) {
    fields[e.path] = fieldMessage(m, e);
    delete rest[e.path.split('.')[0]];
  }
  return { data: schema.parse(rest), errors: { fields, summary: null } };
}
