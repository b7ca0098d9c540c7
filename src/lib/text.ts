// Text fields (issue 9 A7): every free-text input of the API and the web forms is built here, so
// all of them refuse the same invisible characters with a 422 naming the field — C0 and C1 control
// characters (newline and tab are allowed in multi-line fields, where a form's CRLF becomes LF),
// bidi embeddings, overrides and isolates, and zero-width characters. Such characters let a name
// look like another, reorder what a reader sees, or break the search highlighting.
import { z } from '@hono/zod-openapi';
import { FIELD_MESSAGES, fieldIssue, fieldText } from './field-codes';

const INVISIBLE = '\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u2069\\ufeff';
const SINGLE_LINE = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f${INVISIBLE}]`);
const MULTI_LINE = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f${INVISIBLE}]`);

export const INVISIBLE_MESSAGE = FIELD_MESSAGES.invisible_chars;
export const LINE_BREAK_MESSAGE = FIELD_MESSAGES.one_line;

export interface TextOptions {
  /** Newlines and tabs allowed (descriptions, letters, notes). */
  multiline?: boolean;
}

/** True when the text holds none of the refused characters. */
export function isPlainText(text: string, { multiline = false }: TextOptions = {}): boolean {
  return !(multiline ? MULTI_LINE : SINGLE_LINE).test(text);
}

/** A string schema (trimmed, at most `max` characters) that refuses the invisible characters. */
export function text(max: number, opts: TextOptions = {}) {
  const base = opts.multiline ? z.string().overwrite((s) => s.replace(/\r\n?/g, '\n')) : z.string();
  return base
    .trim()
    .max(max, fieldText('max_chars', { n: max }))
    .superRefine((s, ctx) => {
      if (isPlainText(s, opts)) return;
      const lineBreak = !opts.multiline && isPlainText(s, { multiline: true });
      ctx.addIssue(fieldIssue(lineBreak ? 'one_line' : 'invisible_chars'));
    });
}

/** A required text field. */
export const requiredText = (max: number, opts: TextOptions = {}) => text(max, opts).min(1, fieldText('required'));

/** An optional text field; an empty string means "none" (stored as null). */
export const optionalText = (max: number, opts: TextOptions = {}) => text(max, opts).nullable().optional();
