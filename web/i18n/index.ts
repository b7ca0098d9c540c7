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

/** Fills `{name}` placeholders. */
export function fmt(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, k: string) => (k in vars ? String(vars[k]) : whole));
}

type FieldKey = keyof Messages['fields'];

// The shared schemas and services speak English (the API's language); their field messages are
// matched here and shown from the catalogue. An unknown message is shown as it is.
const FIELD_PATTERNS: [RegExp, FieldKey, ((m: RegExpMatchArray) => Record<string, string>)?][] = [
  [/^is required$|^Invalid input: expected \w+, received undefined$/, 'required'],
  [/^must be at most (\d+) characters$/, 'maxChars', (x) => ({ n: x[1] })],
  [/^must be at least (\d+) characters$/, 'minChars', (x) => ({ n: x[1] })],
  [/^must not contain control characters, bidi overrides or zero-width characters$/, 'invisibleChars'],
  [/^must be one line \(no line breaks or tabs\)$/, 'oneLine'],
  [/^must be an email address$/, 'email'],
  [/^must be a date YYYY-MM-DD$/, 'date'],
  [/^must be 17 digits and a check character/, 'idFormat'],
  [/^the check character does not match \(ISO 7064/, 'idCheck'],
  [/^does not encode a valid birth date$/, 'idBirth'],
  [/^encodes a birth date in the future$/, 'idFuture'],
  [/^is already registered to another person$/, 'idTaken'],
  [/^does not agree with the birth date in the ID number$/, 'birthMismatch'],
  [/^must be a mainland mobile number/, 'mobile'],
  [/^must be a mobile number of 11 digits or a landline/, 'contactPhone'],
  [/^must be a (GB\/T 2260 )?region code/, 'regionCode'],
  [/^unknown region code (\S+)$/, 'regionUnknown', (x) => ({ code: x[1] })],
  [/^A department account needs a region$/, 'regionNeeded'],
  [/^is required for a qualification$/, 'certRequired'],
  [/^must be empty when the level is none$/, 'emptyWhenNone'],
  [/^must be after the qualification year (\d+)$/, 'afterQualYear', (x) => ({ year: x[1] })],
  [/^must be a whole year$/, 'wholeYear'],
  [/^must be (\d{4}) or later$/, 'yearMin', (x) => ({ year: x[1] })],
  [/^must be (\d{4}) or earlier$/, 'yearMax', (x) => ({ year: x[1] })],
  [/^must not be in the future$/, 'notFuture'],
  [/^must be 1900 or later$/, 'notBefore1900'],
  [/^(.+) is listed twice$/, 'listedTwice', (x) => ({ value: x[1] })],
  [/^must have at most (\d+) entries$/, 'maxEntries', (x) => ({ n: x[1] })],
  [/^already registered$/, 'emailTaken'],
  [/^Invalid option/, 'option'],
  [/^Invalid input: expected number|^must be a number$/, 'number'],
  [/^Invalid input: expected int|must be a whole number/, 'integer'],
  [/^Too small: expected number to be >=?(\d+)$|^must be at least (\d+)$/, 'minNumber', (x) => ({ n: x[1] ?? x[2] })],
  [/^Too big: expected number to be <=?(\d+)$|^must be at most (\d+)$/, 'maxNumber', (x) => ({ n: x[1] ?? x[2] })],
  [/^must be 18 characters$/, 'creditLength'],
  [/^must use digits and capital letters/, 'creditChars'],
  [/^the check character does not match \(GB 32100\)$/, 'creditCheck'],
  [/credit code.*(already|taken)|^is already registered$/i, 'creditTaken'],
  [/^is wrong$/, 'wrongPassword'],
  [/^must not be before opensOn$/, 'datesOrder'],
  [/^must not be more than seats$/, 'reservedSeats'],
  [/^must not be less than min$/, 'salaryOrder'],
  [/^must be today or later$/, 'todayOrLater'],
  [/^must lie within your organisation's region (\d+)$/, 'withinRegion', (x) => ({ code: x[1] })],
  [/^must not be negative$/, 'notNegative'],
  [/^must be a whole number( of yuan)?$/, 'integer'],
  [/^already applied$/, 'alreadyApplied'],
  [/^Only graduate or employer accounts can sign up$/, 'gradOnly'],
  // Agreements, placements and rounds.
  [/^no such talent in your region$/, 'noTalentInRegion'],
  [/^no such talent$/, 'noTalent'],
  [/^must be within your region (\d*)$/, 'withinYourRegion', (x) => ({ code: x[1] })],
  [/^no such employer in the target region$/, 'noEmployerInTarget'],
  [/^no such employer in your region$/, 'noEmployerInRegion'],
  [/^no such position of this employer$/, 'noPositionOfEmployer'],
  [/^no such agreement of this talent in your region$/, 'noAgreementOfTalent'],
  [/^the employer is outside the agreement's target region$/, 'employerOutsideTarget'],
  [/^must not be before enrolmentYear$/, 'notBeforeEnrolment'],
  [/^must not be before startOn$/, 'notBeforeStartOn'],
  [/^must not be before the start (\S+)$/, 'notBeforeStart', (x) => ({ date: x[1] })],
  [/^is required to mark an agreement (\w+)$/, 'noteRequired', (x) => ({ status: x[1] })],
  [/^no such position in the round's region$/, 'noPositionInRound'],
  [/^the position is not open$/, 'positionNotOpen'],
  [/^the position has no free seat$/, 'noFreeSeat'],
  [/^must not exceed the (\d+) free seats$/, 'maxFreeSeats', (x) => ({ n: x[1] })],
  [/^must not exceed seats$/, 'notMoreThanSeats'],
  [/^no such talent in the round's region$/, 'noTalentInRound'],
  [/^is not a position of this round$/, 'notInRound'],
  [/^must list at least 1 position$/, 'minChoices'],
  [/^must list at most (\d+) positions$/, 'maxChoices', (x) => ({ n: x[1] })],
  [/^is listed twice$/, 'chosenTwice'],
];

export function fieldMessage(m: Messages, message: string): string {
  for (const [re, key, vars] of FIELD_PATTERNS) {
    const match = message.match(re);
    if (match) return fmt(m.fields[key], vars ? vars(match) : {});
  }
  return message;
}

/** The sentence shown above a form or on the error page for an error without field errors. */
export function problemMessage(m: Messages, err: AppError): string {
  if (err.code === 'rate_limited') {
    const seconds = err.headers?.['Retry-After'] ?? err.message.match(/(\d+) s/)?.[1] ?? '60';
    return fmt(m.problems.rate_limited, { seconds });
  }
  if (err.code === 'unauthenticated' && /password is wrong/.test(err.message)) return m.problems.badCredentials;
  return m.problems[err.code] ?? err.message;
}
