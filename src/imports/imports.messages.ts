// Reasons a roster row is refused, by code. The API answers in English (the API's language); the
// web page shows web/i18n/imports.ts, which has the same codes in Chinese and English.
export const ROW_REASONS = {
  required: 'is required',
  tooLong: 'must be at most {max} characters',
  idAsNumber: 'was stored as a number and lost its last digits: format the column as text and type the ID number again',
  idFormat: 'must be 17 digits and a check character (digit or X)',
  idCheck: 'the check character does not match (ISO 7064 MOD 11-2)',
  idBirth: 'does not encode a valid birth date',
  idFuture: 'encodes a birth date in the future',
  idRepeated: 'the same ID number is already in row {row}',
  idOutside: 'this ID number belongs to a talent registered outside your region',
  birthMismatch: 'does not agree with the birth date in the ID number',
  genderMismatch: 'does not agree with the gender in the ID number',
  date: 'must be a date such as 2026-06-01, 2026/6/1 or an Excel date',
  dateAsNumber: 'is a plain number: type a date such as 2026-06-01 or format the cell as a date',
  dateInvalid: 'is not a real calendar date',
  dateTooEarly: 'must be 1900 or later',
  dateFuture: 'must not be in the future',
  year: 'must be a year from {min} to {max}',
  mobile: 'must be a mainland mobile number of 11 digits',
  contactPhone: 'must be a mobile number of 11 digits or a landline such as 0471-1234567',
  yesNo: 'must be 是 or 否 (yes or no)',
  vocab: '"{value}" is not one of the allowed values',
  regionUnknown: 'no region has this code or full name: {value}',
  regionOutside: 'is outside your region',
  certRequired: 'is required when there is a qualification',
  emptyWhenNone: 'must be empty when the qualification is none',
  afterQualYear: 'must be after the qualification year {year}',
  creditAsNumber: 'was stored as a number and lost digits: format the column as text and type the code again',
  creditLength: 'must be 18 characters',
  creditChars: 'must use digits and capital letters other than I, O, Z, S, V, with digits in places 3 to 8',
  creditCheck: 'the check character does not match (GB 32100)',
  creditRepeated: 'the same credit code is already in row {row}',
  creditOutside: 'this credit code belongs to an employer registered outside your region',
  talentUnknown: 'no talent in your region has this ID number: import the talent roster first',
  nameMismatch: 'does not match the name of the talent with this ID number',
  employerUnknown: 'no employer in your region has this credit code: import the employer roster first',
  endBeforeStart: 'must not be before the start date',
  placementRepeated: 'the same talent, employer and start date are already in row {row}',
  exampleRow: "is the template's example row: skipped, never imported",
} as const;

export type RowReason = keyof typeof ROW_REASONS;

export function fillReason(template: string, params: Record<string, string | number> | null | undefined): string {
  return template.replace(/\{(\w+)\}/g, (whole, k: string) => (params && k in params ? String(params[k]) : whole));
}

export function rowReason(code: string, params: Record<string, string | number> | null | undefined): string {
  const template = (ROW_REASONS as Record<string, string>)[code];
  return template ? fillReason(template, params) : code;
}
