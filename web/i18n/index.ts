// One message catalogue per language; zh-CN is the default, English with ?lang=en (remembered in a cookie).
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppError } from '../../src/lib/errors';
import { zh, type Messages } from './zh';
import { en } from './en';

export type Lang = 'zh' | 'en';
export const catalogues: Record<Lang, Messages> = { zh, en };

export function detectLang(c: Context): Lang {
  const q = c.req.query('lang');
  if (q === 'en' || q === 'zh') {
    setCookie(c, 'lang', q, { path: '/', sameSite: 'Lax', maxAge: 365 * 86400 });
    return q;
  }
  return getCookie(c, 'lang') === 'en' ? 'en' : 'zh';
}

export function messages(lang: Lang): Messages {
  return catalogues[lang];
}
export type { Messages };

/** The text of `key` in a section's table, or undefined for a key it does not word (a value from data). */
export function textFor(table: object, key: string): string | undefined {
  return Object.hasOwn(table, key) ? (table as Record<string, string>)[key] : undefined;
}

const englishPlural = new Intl.PluralRules('en');

/** Fills `{name}` placeholders, and `{n|seat|seats}` with the word for the number `n` (English
 * plural rules: the first word for one, the second for any other count). */
export function fmt(template: string, vars: Record<string, string | number>): string {
  return template
    .replace(/\{(\w+)\|([^|{}]*)\|([^|{}]*)\}/g, (whole, k: string, one: string, other: string) =>
      k in vars ? (englishPlural.select(Number(vars[k])) === 'one' ? one : other) : whole,
    )
    .replace(/\{(\w+)\}/g, (whole, k: string) => (k in vars ? String(vars[k]) : whole));
}

/** A field error as a page may hold it: from the API (with a code) or made by the page itself. */
export interface ShownFieldError {
  path?: string;
  code?: string;
  params?: Record<string, string | number>;
  message: string;
}

/** A field error's text in the page's language, by its code; an unknown code (or a stored error from
 * before codes) shows the English message. */
export function fieldMessage(m: Messages, e: ShownFieldError): string {
  const text = e.code !== undefined && Object.hasOwn(m.fields, e.code) ? m.fields[e.code as keyof Messages['fields']] : undefined;
  return text === undefined ? e.message : fmt(text, e.params ?? {});
}

/** The sentence shown above a form or on the error page for an error without field errors. */
export function problemMessage(m: Messages, err: AppError): string {
  if (err.code === 'rate_limited') return fmt(m.problems.rate_limited, { seconds: err.headers?.['Retry-After'] ?? '60' });
  if (err.reason) return m.problems[err.reason];
  return m.problems[err.code] ?? err.message;
}
