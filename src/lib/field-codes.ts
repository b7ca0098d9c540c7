// Field error codes and their English text (the API's language). A field error carries a stable
// snake_case `code`, the `params` its text needs and the English `message` made from this table;
// web/i18n words every code in Chinese and English, so rewording a text here never breaks a page
// (ARCHITECTURE.md, "Errors"). Import row reasons (src/imports/imports.messages.ts) are the same
// idea for roster rows; where one means the same as a code here, the code is its snake_case name.

export const FIELD_MESSAGES = {
  // Any field (zod's own checks map onto these in ./errors.ts).
  required: 'is required',
  max_chars: 'must be at most {n} characters',
  min_chars: 'must be at least {n} characters',
  invisible_chars: 'must not contain control characters, bidi overrides or zero-width characters',
  one_line: 'must be one line (no line breaks or tabs)',
  text: 'must be text',
  email: 'must be an email address',
  date: 'must be a date YYYY-MM-DD',
  month: 'must be a month YYYY-MM',
  number: 'must be a number',
  integer: 'must be a whole number',
  int_range: 'must be a whole number from {min} to {max}',
  min_number: 'must be at least {n}',
  max_number: 'must be at most {n}',
  not_negative: 'must not be negative',
  boolean: 'must be true or false',
  option: 'must be one of: {values}',
  list: 'must be a list',
  min_entries: 'must have at least {n} entries',
  max_entries: 'must have at most {n} entries',
  listed_twice: '{value} is listed twice',
  duplicate: 'is listed twice',
  id: 'must be an id',
  format: 'does not have the expected format',
  invalid: 'is not valid',
  unknown_parameter: 'is not a known parameter',
  // People, ID numbers, phones.
  id_format: 'must be 17 digits and a check character (digit or X)',
  id_check: 'the check character does not match (ISO 7064 MOD 11-2)',
  id_birth: 'does not encode a valid birth date',
  id_future: 'encodes a birth date in the future',
  id_taken: 'is already registered to another person',
  birth_mismatch: 'does not agree with the birth date in the ID number',
  not_future: 'must not be in the future',
  year_min: 'must be {year} or later',
  year_max: 'must be {year} or earlier',
  mobile: 'must be a mainland mobile number of 11 digits',
  contact_phone: 'must be a mobile number of 11 digits or a landline such as 0471-1234567',
  cert_required: 'is required for a qualification',
  empty_when_none: 'must be empty when the level is none',
  after_qual_year: 'must be after the qualification year {year}',
  // Regions.
  region_code: 'must be a GB/T 2260 region code of 2, 4, 6 or 9 digits',
  region_unknown: 'unknown region code {code}',
  region_not_found: 'no region is called "{name}"',
  region_ambiguous: '"{name}" names several regions: {candidates}; choose one or type more of the name',
  talent_not_found: 'no talent of your region is called "{name}"',
  talent_ambiguous: '"{name}" names several talents; choose one from the list',
  region_needed: 'A department account needs a region',
  within_your_region: 'must be within your region {code}',
  within_employer_region: "must lie within your organisation's region {code}",
  within_round_region: "must be within the round's region {code}",
  // Accounts.
  email_taken: 'already registered',
  wrong_password: 'is wrong',
  signup_role: 'Only graduate or employer accounts can sign up',
  // Employers.
  credit_length: 'must be 18 characters',
  credit_chars: 'must use digits and capital letters other than I, O, Z, S, V, with digits in places 3 to 8',
  credit_check: 'the check character does not match (GB 32100)',
  credit_taken: 'is already registered',
  // Positions and applications.
  not_before_opens_on: 'must not be before opensOn',
  reserved_seats: 'must not be more than seats',
  salary_order: 'must not be less than min',
  today_or_later: 'must be today or later',
  no_position: 'no such position',
  already_applied: 'already applied',
  // Interviews and invitations (issue #11 §5).
  time_hhmm: 'must be a time HH:MM',
  https_url: 'must be an https:// address',
  place_or_link: 'give a place or a link',
  interview_stage_only: 'the application is not at the interview stage',
  talent_not_seeking: 'the talent is not looking for a post or not open to employers',
  already_invited: 'the talent is already invited to this position',
  invitations_per_day: 'at most {n} invitations a day; try again tomorrow',
  position_not_open_today: 'the position does not take applications today',
  // Talents.
  name_search_departments: 'searching by name is for departments only',
  purpose_note_required: 'is required when the purpose is other',
  purpose_required: 'is required to export full ID numbers',
  // Agreements and placements.
  no_talent: 'no such talent',
  no_talent_in_region: 'no such talent in your region',
  no_employer_in_target: 'no such employer in the target region',
  no_employer_in_region: 'no such employer in your region',
  no_position_of_employer: 'no such position of this employer',
  no_agreement_of_talent: 'no such agreement of this talent in your region',
  employer_outside_target: "the employer is outside the agreement's target region",
  own_employer_only: 'an employer records placements at its own organisation only',
  agreement_department_only: 'only a department links a placement to an agreement',
  not_before_enrolment: 'must not be before enrolmentYear',
  not_before_start_on: 'must not be before startOn',
  not_before_start: 'must not be before the start {date}',
  note_required: 'is required to mark an agreement {status}',
  training_too_long: 'must be at most {n} years after enrolmentYear',
  signed_after_training: 'must not be after the end of the graduation year {year}',
  enrolled_too_young: 'must not be before the year the talent turned {age} ({year})',
  service_before_graduation: "must not be before the agreement's graduation year {year} (service follows the training)",
  // Rounds.
  no_position_in_round: "no such position in the round's region",
  position_not_open: 'the position is not open',
  no_free_seat: 'the position has no free seat',
  max_free_seats: 'must not exceed the {n} free seats',
  not_more_than_seats: 'must not exceed seats',
  no_talent_in_round: "no such talent in the round's region",
  not_in_round: 'is not a position of this round',
  position_twice: 'is listed twice',
  min_choices: 'must list at least 1 position',
  max_choices: 'must list at most {n} positions',
  max_round_talents: 'a round holds at most {n} talents',
  pin_published: 'published: the round is {status}; pins can change only before publication',
  pin_talent_not_in_round: 'talent_not_in_round: is not a talent of this round',
  pin_position_not_in_round: 'position_not_in_round: is not a post of this round',
  pin_ineligible: "ineligible: the talent does not meet the post's hard constraints ({reasons})",
  pin_no_seat: 'no_seat: all {n} seats of the post in this round are pinned already',
  pin_already_pinned: 'already_pinned: is pinned already; unpin first',
  pin_already_placed: 'already_placed: already holds an employment placement',
  confirm_early: 'must be true to run the round before its choice deadline (the end of {deadline})',
  // Statistics.
  not_after_to: 'must not be after to',
  max_months: 'must be at most {n} months before to',
  // Search and its tuning.
  too_many_values: 'has too many values',
  max_values: 'must have at most {n} values',
  unknown_value: 'unknown value; use one of: {values}',
  tuning_chars: 'may hold only Chinese characters, Latin letters, digits and spaces',
  tuning_one_word: 'must be one word (no spaces between Chinese characters)',
  tuning_chinese_word: 'must be a Chinese word of at least 2 characters',
  tuning_min_words: 'must list at least 2 words',
  tuning_max_groups: 'at most {n} synonym groups are kept; delete one first',
  tuning_max_words: 'at most {n} dictionary words are kept; delete one first',
  exists: 'already exists',
  // Accounts: links in mail (password reset, change of email).
  link_invalid: 'is invalid, used or expired; ask for a new link',
  same_email: 'is already the email of this account',
  email_taken_since: 'the new email is registered to another account',
  // Request bodies and uploads.
  body_utf8: 'not valid UTF-8',
  body_malformed: '{reason}',
  body_media_type: 'unsupported content type',
  multipart: 'must be multipart/form-data',
  multipart_malformed: 'malformed multipart body',
  file_required: 'is required (an xlsx or csv file)',
  file_unreadable: '{reason}',
  // Why an uploaded roster cannot be read (also kept as an import's failure_code).
  file_empty: 'the file is empty',
  file_no_header: 'the file is empty: it has no header row and no data',
  file_only_example: "the file holds only the template's example row (marked 示例, never imported): add your rows below it",
  file_no_rows: 'the file has a header row but no data rows',
  file_xls: 'this is an Excel 97-2003 (.xls) or protected workbook: save it as .xlsx or CSV',
  file_not_xlsx: 'not an xlsx file (it is not a zip archive)',
  xlsx_damaged: 'the xlsx file is cut off or damaged ({why})',
  file_not_text: 'this is not a text (CSV) file: it contains NUL bytes',
  text_bad_line: 'line {line} is not valid {encoding} text',
  text_mixed: 'the file mixes UTF-8 and GBK text (line {line} is not UTF-8): save it again in one encoding',
  text_invalid: 'line {line} is neither UTF-8 nor GBK/GB18030 text (invalid bytes)',
  csv_quote: 'the CSV could not be parsed: a quoted field is never closed: the file is cut off or its quotes do not match',
  csv_unparsable: 'the CSV could not be parsed: {reason}',
  upload_interrupted: 'The upload was interrupted before the file was read to its end',
  upload_internal: 'the upload stopped on an internal error',
  commit_stopped_at: 'The commit stopped at {at}; the rows before were written. Commit again to resume.',
  commit_stopped: 'The commit stopped before its last rows; the rows before were written. Commit again to resume.',
  file_limit: '{reason}',
  xlsx_unavailable: 'xlsx is not available here',
  encoding_unavailable: '{encoding} is not available here',
  column_missing: 'is missing',
  column_unknown: 'is not a column of the {kind} template',
  column_twice: 'appears twice',
} as const;

export type FieldCode = keyof typeof FIELD_MESSAGES;
export type FieldParams = Record<string, string | number>;

/** Every code a schema or service can emit (the i18n test walks it). */
export const FIELD_CODES = Object.keys(FIELD_MESSAGES) as FieldCode[];

export function isFieldCode(code: unknown): code is FieldCode {
  return typeof code === 'string' && Object.hasOwn(FIELD_MESSAGES, code);
}

/** Fills `{name}` placeholders; an unknown placeholder stays as it is. */
export function fillParams(template: string, params: FieldParams | undefined): string {
  return template.replace(/\{(\w+)\}/g, (whole, k: string) => (params && k in params ? String(params[k]) : whole));
}

/** The English text of a code. */
export function fieldText(code: FieldCode, params?: FieldParams): string {
  return fillParams(FIELD_MESSAGES[code], params);
}

/**
 * A zod custom issue that carries its code: `ctx.addIssue(fieldIssue('listed_twice', { value }, [i]))`
 * or `.refine(f, fieldIssue('unknown_parameter'))`. The code travels in the issue's `params`.
 */
export function fieldIssue(code: FieldCode, params?: FieldParams, path?: (string | number)[]) {
  return { code: 'custom' as const, message: fieldText(code, params), params: { fieldCode: code, ...params }, ...(path ? { path } : {}) };
}
