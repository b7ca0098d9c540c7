// Reading one spreadsheet cell as the value a roster column means. Pure; every function returns the
// value or a row problem (a reason code and its parameters, src/imports/imports.messages.ts).
import type { Cell } from '../lib/spreadsheet';
import { isValidCreditCode, isValidIdNumber, idNumberBirthDate } from '../lib/checksums';

export type Problem = { code: string; params?: Record<string, string | number> };
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: Problem };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (code: string, params?: Problem['params']): Parsed<never> => ({ ok: false, problem: { code, params } });

/** Full-width digits and Latin letters (common in Chinese data entry) as ASCII. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/** A cell as trimmed text ('' when empty). Dates become YYYY-MM-DD; whole numbers have no exponent. */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  if (typeof cell === 'number') return Number.isInteger(cell) && Math.abs(cell) < 1e21 ? cell.toFixed(0) : String(cell);
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  return String(cell)
    .replace(/\u00A0/g, ' ')
    .trim();
}

/** Text for an identifier: half-width, no spaces, no leading apostrophe (Excel's "keep as text"). */
export function codeText(cell: Cell): string {
  return toHalfWidth(cellText(cell)).replace(/\s+/g, '').replace(/^'/, '').toUpperCase();
}

export function isBlank(cell: Cell): boolean {
  return cellText(cell) === '';
}

export function text(cell: Cell, max: number): Parsed<string | null> {
  const v = cellText(cell);
  if (v === '') return ok(null);
  if ([...v].length > max) return bad('tooLong', { max });
  return ok(v);
}

// An 18-digit number does not fit a double: Excel keeps 15 significant digits and shows 1.50102E+17.
const LOST_DIGITS = /^\d(\.\d+)?E\+?\d+$/i;

/** A resident ID number (GB 11643). A number cell has lost its last digits, whatever it shows. */
export function idNumber(cell: Cell): Parsed<string | null> {
  if (typeof cell === 'number') return bad('idAsNumber');
  const v = codeText(cell);
  if (v === '') return ok(null);
  if (LOST_DIGITS.test(v)) return bad('idAsNumber');
  if (!/^\d{17}[\dX]$/.test(v)) return bad('idFormat');
  if (!isValidIdNumber(v)) return bad('idCheck');
  if (!isRealDate(idNumberBirthDate(v))) return bad('idBirth');
  return ok(v);
}

/** The gender an ID number encodes (17th digit: odd for men). */
export function idNumberGender(id: string): 'male' | 'female' {
  return Number(id[16]) % 2 === 1 ? 'male' : 'female';
}

export function creditCode(cell: Cell): Parsed<string | null> {
  if (typeof cell === 'number') return bad('creditAsNumber');
  const v = codeText(cell);
  if (v === '') return ok(null);
  if (LOST_DIGITS.test(v)) return bad('creditAsNumber');
  if (v.length !== 18) return bad('creditLength');
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(v)) return bad('creditChars');
  if (!isValidCreditCode(v)) return bad('creditCheck');
  return ok(v);
}

function isRealDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** A calendar date: a real Excel date, YYYY-MM-DD, YYYY/M/D (also YYYY-M-D, YYYY.M.D, 2026年6月1日). */
export function date(cell: Cell): Parsed<string | null> {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return bad('date');
    // Excel stores a day number; exceljs gives it as midnight UTC (a time of day may round it up).
    return ok(new Date(Math.round(cell.getTime() / 86_400_000) * 86_400_000).toISOString().slice(0, 10));
  }
  if (typeof cell === 'number') return bad('dateAsNumber');
  const v = toHalfWidth(cellText(cell)).replace(/\s+/g, '');
  if (v === '') return ok(null);
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  if (!m) return bad('date');
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  if (!isRealDate(iso)) return bad('dateInvalid');
  if (iso < '1900-01-01') return bad('dateTooEarly');
  return ok(iso);
}

/** A whole year within [min, max]. */
export function year(cell: Cell, min: number, max: number): Parsed<number | null> {
  const v = toHalfWidth(cellText(cell)).replace(/年$/, '');
  if (v === '') return ok(null);
  if (!/^\d{4}$/.test(v)) return bad('year', { min, max });
  const n = Number(v);
  if (n < min || n > max) return bad('year', { min, max });
  return ok(n);
}

export function mobile(cell: Cell): Parsed<string | null> {
  const v = codeText(cell)
    .replace(/^\+?86/, '')
    .replace(/-/g, '');
  if (v === '') return ok(null);
  if (!/^1\d{10}$/.test(v)) return bad('mobile');
  return ok(v);
}

export function contactPhone(cell: Cell): Parsed<string | null> {
  const v = codeText(cell).replace(/^\+?86(?=1)/, '');
  if (v === '') return ok(null);
  if (!/^(1\d{10}|0\d{2,3}-?\d{7,8})$/.test(v)) return bad('contactPhone');
  return ok(v);
}

export function yesNo(cell: Cell): Parsed<boolean | null> {
  if (typeof cell === 'boolean') return ok(cell);
  const v = cellText(cell).toLowerCase();
  if (v === '') return ok(null);
  if (['是', 'y', 'yes', 'true', '1', '√'].includes(v)) return ok(true);
  if (['否', 'n', 'no', 'false', '0', '×'].includes(v)) return ok(false);
  return bad('yesNo');
}

type Labels = Record<string, readonly [string, string]>;

const squash = (s: string) => toHalfWidth(s).replace(/\s+/g, '').toLowerCase();

/** Looks a value up in a vocabulary by code, Chinese label or English label. */
export function vocabMatcher(vocab: Labels, extra: Record<string, string> = {}): (value: string) => string | null {
  const index = new Map<string, string>();
  for (const [code, [zh, en]] of Object.entries(vocab)) {
    index.set(squash(code), code);
    index.set(squash(zh), code);
    index.set(squash(en), code);
  }
  for (const [alias, code] of Object.entries(extra)) index.set(squash(alias), code);
  return (value) => index.get(squash(value)) ?? null;
}

/** A cell's text to quote back in a row error: short, and a run of 10 or more digits (a phone or
 * ID number typed into the wrong column; region codes have at most 9) masked. */
export function echo(v: string): string {
  return v.slice(0, 40).replace(/\d{10,}/g, (m) => m.slice(0, 2) + '*'.repeat(m.length - 4) + m.slice(-2));
}

/** One vocabulary value. The problem names the value (enumerations are not personal data). */
export function oneOf(cell: Cell, match: (v: string) => string | null): Parsed<string | null> {
  const v = cellText(cell);
  if (v === '') return ok(null);
  const code = match(v);
  return code ? ok(code) : bad('vocab', { value: echo(v) });
}

/** A list of vocabulary values separated by 、 , ， ; ； / or spaces; repeated values count once. */
export function listOf(cell: Cell, match: (v: string) => string | null): Parsed<string[] | null> {
  const v = cellText(cell);
  if (v === '') return ok(null);
  const out: string[] = [];
  for (const part of v.split(/[、,，;；/|\s]+/).filter(Boolean)) {
    const code = match(part);
    if (!code) return bad('vocab', { value: echo(part) });
    if (!out.includes(code)) out.push(code);
  }
  return ok(out);
}

/** A region as written: a GB/T 2260 code (2, 4, 6 or 9 digits) or a full name. */
export function regionKey(cell: Cell): { code: string } | { fullName: string } | null {
  const v = toHalfWidth(cellText(cell)).replace(/\s+/g, '');
  if (v === '') return null;
  if (/^\d+$/.test(v)) return { code: v };
  return { fullName: v };
}
