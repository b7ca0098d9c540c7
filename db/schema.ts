// Kysely table types for db/migrations/*.sql. Keep in step with the SQL.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface RegionTable {
  code: string;
  name: string;
  level: number;
  parent_code: string | null;
  full_name: string;
}

export type Role = 'graduate' | 'employer' | 'department' | 'admin';

export interface UserTable {
  id: string;
  email: string;
  password_hash: string;
  role: Role;
  display_name: string;
  region_code: string | null;
  created_at: number;
  email_notifications: Generated<number>;
  /** Set by an admin (migration 0023): sign-in refused, sessions invalid. */
  disabled_at: ColumnType<number | null, number | null | undefined, number | null>;
  last_sign_in_at: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface NotificationTable {
  id: string;
  user_id: string;
  kind: string;
  params: string;
  link: string | null;
  created_at: number;
  read_at: number | null;
}

export interface SessionTable {
  id: string;
  user_id: string;
  secret_hash: Uint8Array;
  created_at: number;
  last_verified_at: number;
  user_agent: string | null;
}

export interface EmailChangeTable {
  token_hash: Uint8Array;
  user_id: string;
  new_email: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  claim: string | null;
}

export type MailStatus = 'waiting' | 'sent' | 'failed';

export interface MailOutboxTable {
  id: string;
  to_address: string;
  subject: string;
  body_sealed: string | null;
  kind: string;
  status: MailStatus;
  attempts: Generated<number>;
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
}

export interface PasswordResetTable {
  token_hash: Uint8Array;
  user_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  claim: string | null;
}

export interface SignUpTable {
  token_hash: Uint8Array;
  email: string;
  password_hash: string;
  display_name: string;
  role: 'graduate' | 'employer';
  created_at: number;
  expires_at: number;
  used_at: number | null;
  claim: string | null;
}

export interface RateLimitTable {
  key: string;
  failures: number;
  window_start: number;
}

export interface TalentTable {
  id: string;
  user_id: string | null;
  name: string;
  gender: 'male' | 'female' | null;
  birth_date: string | null;
  ethnicity: string | null;
  id_number_enc: string | null;
  id_number_hmac: string | null;
  id_number_masked: string | null;
  phone: string | null;
  region_code: string | null;
  education_level: string | null;
  school: string | null;
  major: string | null;
  graduation_year: number | null;
  qualification_level: ColumnType<string, string | undefined, string>;
  certificate_number: string | null;
  qualification_year: number | null;
  registration_valid_until: string | null;
  service_areas: ColumnType<string, string | undefined, string>;
  languages: ColumnType<string, string | undefined, string>;
  preferred_regions: ColumnType<string, string | undefined, string>;
  availability: ColumnType<string, string | undefined, string>;
  visibility: ColumnType<'employers' | 'department', 'employers' | 'department' | undefined, 'employers' | 'department'>;
  created_at: number;
  updated_at: number;
}

export interface EmployerTable {
  id: string;
  user_id: string | null;
  name: string;
  credit_code: string;
  type: string;
  region_code: string;
  address: string | null;
  contact_name: string;
  contact_phone: string;
  description: string | null;
  status: ColumnType<'pending' | 'verified' | 'rejected', 'pending' | 'verified' | 'rejected' | undefined>;
  review_note: string | null;
  reviewed_by: string | null;
  reviewed_at: number | null;
  internship_base: ColumnType<number, number | undefined>;
  created_at: number;
  updated_at: number;
}

export interface PositionTable {
  id: string;
  employer_id: string;
  employer_type: string;
  title: string;
  kind: string;
  region_code: string;
  seats: number;
  reserved_seats: ColumnType<number, number | undefined>;
  min_education: string | null;
  min_qualification: ColumnType<string, string | undefined>;
  service_areas: ColumnType<string, string | undefined>;
  languages: ColumnType<string, string | undefined>;
  salary_min: number | null;
  salary_max: number | null;
  employment_type: ColumnType<string, string | undefined>;
  description: string;
  opens_on: string;
  closes_on: string;
  status: ColumnType<'draft' | 'open' | 'closed', 'draft' | 'open' | 'closed' | undefined>;
  published_at: number | null;
  created_at: number;
  updated_at: number;
  // Derived for the public list's indexes (migration 0004), written by src/positions/positions.repository
  // with region_code and the service areas. Never selected: the app reads them in SQL only.
  service_area_mask: ColumnType<never, number | undefined, number>;
  city_code: ColumnType<never, string | null | undefined, string | null>;
  county_code: ColumnType<never, string | null | undefined, string | null>;
  // Migration 0015: 1 while an open post is hidden because its employer left verified (status is
  // 'closed' meanwhile; verifying the employer again reopens it). Written by src/employers only.
  held: ColumnType<number, number | undefined, number>;
}

export interface PositionServiceAreaTable {
  area: string;
  position_id: string;
}

export interface ApplicationTable {
  id: string;
  position_id: string;
  talent_id: string;
  status: string;
  cover_letter: string | null;
  created_at: number;
  updated_at: number;
  contact_consent: Generated<number>;
  contact_shown_at: number | null;
  interview_on: string | null;
  interview_time: string | null;
  interview_place: string | null;
  interview_link: string | null;
}

export interface InvitationTable {
  id: string;
  employer_id: string;
  position_id: string;
  talent_id: string;
  invited_by: string;
  created_at: number;
}

export interface ApplicationEventTable {
  id: string;
  application_id: string;
  from_status: string | null;
  to_status: string;
  actor_user_id: string | null;
  note: string | null;
  created_at: number;
}

export interface AuditLogTable {
  id: string;
  actor_user_id: string;
  action: string;
  subject_type: string;
  subject_id: string;
  detail: string | null;
  created_at: number;
}

export interface SearchOutboxTable {
  seq: Generated<number>;
  entity: 'talent' | 'position';
  entity_id: string;
  created_at: number;
  attempts: ColumnType<number, number | undefined>;
  last_error: string | null;
  processed_at: number | null;
}

export type AgreementStatus = 'in_training' | 'awaiting_placement' | 'serving' | 'fulfilled' | 'breached' | 'waived';

export interface AgreementTable {
  id: string;
  talent_id: string;
  sponsor_user_id: string;
  sponsor_region_code: string;
  target_region_code: string;
  target_employer_id: string | null;
  institution: string;
  enrolment_year: number;
  graduation_year: number;
  service_years: number;
  signed_on: string;
  status: AgreementStatus;
  status_note: string | null;
  created_at: number;
  updated_at: number;
}

export interface AgreementEventTable {
  id: string;
  agreement_id: string;
  from_status: string | null;
  to_status: string;
  actor_user_id: string | null;
  note: string | null;
  created_at: number;
}

export interface PlacementTable {
  id: string;
  talent_id: string;
  employer_id: string;
  position_id: string | null;
  kind: 'employment' | 'internship';
  start_on: string;
  end_on: string | null;
  end_reason: string | null;
  source: 'application' | 'round' | 'direct' | 'import';
  source_id: string | null;
  agreement_id: string | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface RoundTable {
  id: string;
  name: string;
  department_user_id: string;
  region_code: string;
  status: 'draft' | 'collecting' | 'run' | 'published' | 'closed';
  /** JSON object: the weights this round overrides (src/matching DEFAULT_WEIGHTS for the rest). */
  weights: ColumnType<string, string | undefined, string>;
  choices_close_on: string | null;
  run_at: number | null;
  published_at: number | null;
  result_digest: string | null;
  created_at: number;
  updated_at: number;
  // Migration 0005.
  /** Bumped by every change of the round's inputs (positions, talents, choices, settings). */
  revision: ColumnType<number, number | undefined, number>;
  /** JSON: RoundStats and phase timings of the last run. */
  run_stats: ColumnType<string | null, string | null | undefined, string | null>;
  closed_at: ColumnType<number | null, number | null | undefined, number | null>;
  // Migration 0014: reserve policy, frozen inputs, follow-up rounds.
  reserve_policy: ColumnType<'reserved_first' | 'general_first', 'reserved_first' | 'general_first' | undefined, 'reserved_first' | 'general_first'>;
  /** 0 = no snapshot yet; bumped by each snapshot (first run, refresh inputs). */
  inputs_version: ColumnType<number, number | undefined, number>;
  inputs_at: ColumnType<number | null, number | null | undefined, number | null>;
  /** JSON { weights, reservePolicy } as snapshotted. */
  input_settings: ColumnType<string | null, string | null | undefined, string | null>;
  /** The inputs_version the stored result was computed from. */
  run_inputs_version: ColumnType<number | null, number | null | undefined, number | null>;
  follows_round_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface RoundPositionTable {
  round_id: string;
  position_id: string;
  seats: number;
  reserved_seats: ColumnType<number, number | undefined>;
  cutoff_score: ColumnType<number | null, number | null | undefined, number | null>;
  filled: ColumnType<number | null, number | null | undefined, number | null>;
  // Migration 0005: the last run's seats used and cut-offs.
  run_seats: ColumnType<number | null, number | null | undefined, number | null>;
  reserved_filled: ColumnType<number | null, number | null | undefined, number | null>;
  general_cutoff: ColumnType<number | null, number | null | undefined, number | null>;
  reserved_cutoff: ColumnType<number | null, number | null | undefined, number | null>;
  /** Migration 0014: JSON snapshot of the post's inputs (src/rounds/rounds.snapshot.ts). */
  input: ColumnType<string | null, string | null | undefined, string | null>;
  /** Migration 0014: lists (submitted or derived) naming the post in the last run. */
  lists_naming: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface RoundTalentTable {
  round_id: string;
  talent_id: string;
  agreement_id: string | null;
  unassigned_reason: ColumnType<string | null, string | null | undefined, string | null>;
  // Migration 0005.
  list_source: ColumnType<'submitted' | 'derived' | null, 'submitted' | 'derived' | null | undefined, 'submitted' | 'derived' | null>;
  /** JSON explanation of an unassigned talent's outcome. */
  explanation: ColumnType<string | null, string | null | undefined, string | null>;
  /** Migration 0014: JSON snapshot of the talent's inputs (src/rounds/rounds.snapshot.ts). */
  input: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Migration 0017: 服从调剂 — the talent takes any eligible post within this region after their list. */
export interface RoundAdjustmentTable {
  round_id: string;
  talent_id: string;
  region_code: string;
}

/** Migration 0017: a talent pinned to a post of the round before publication. */
export interface RoundPinTable {
  round_id: string;
  talent_id: string;
  position_id: string;
  reason: string;
  created_by: string;
  created_at: number;
}

/** Migration 0017: a notice for a talent (kind follow_up: a follow-up round was opened for them). */
export interface RoundNoticeTable {
  talent_id: string;
  round_id: string;
  kind: 'follow_up';
  created_at: number;
  dismissed_at: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface RoundChoiceTable {
  round_id: string;
  talent_id: string;
  rank: number;
  position_id: string;
}

export interface RoundProposalTable {
  id: string;
  round_id: string;
  talent_id: string;
  position_id: string;
  score: number;
  reserved: ColumnType<number, number | undefined>;
  explanation: ColumnType<string, string | undefined, string>;
  talent_response: ColumnType<'accepted' | 'declined' | null, 'accepted' | 'declined' | null | undefined>;
  employer_response: ColumnType<'accepted' | 'declined' | null, 'accepted' | 'declined' | null | undefined>;
  placement_id: ColumnType<string | null, string | null | undefined>;
  created_at: number;
  updated_at: number;
  // Migration 0005: place in the position's order of holders (0 = best).
  position_rank: ColumnType<number | null, number | null | undefined, number | null>;
}

/** Talents per region code ('' for none) and service area, kept by triggers (migration 0009). */
export interface TalentAreaCountTable {
  region_code: string;
  area: string;
  n: number;
}

/** Migration 0012: data key fingerprint, search rebuild flag, health probe (see src/lib/instance-meta.ts). */
export interface InstanceMetaTable {
  key: string;
  value: string;
  updated_at: number;
}

/** Migration 0016: admins' search tuning and the zero-result report (src/search-api/tuning.service.ts, src/search-api/zero-results.service.ts; the engines read the tuning in search/tuning.ts). */
export interface SearchSynonymTable {
  id: string;
  words: string;
  created_at: number;
  created_by: string;
}

export interface SearchDictionaryTable {
  id: string;
  word: string;
  created_at: number;
  created_by: string;
}

export interface SearchZeroResultTable {
  query: string;
  entity: 'talent' | 'position';
  day: string;
  count: number;
}

export interface DB {
  instance_meta: InstanceMetaTable;
  search_synonyms: SearchSynonymTable;
  search_dictionary: SearchDictionaryTable;
  search_zero_results: SearchZeroResultTable;
  talent_area_counts: TalentAreaCountTable;
  regions: RegionTable;
  users: UserTable;
  sessions: SessionTable;
  rate_limits: RateLimitTable;
  mail_outbox: MailOutboxTable;
  password_resets: PasswordResetTable;
  sign_ups: SignUpTable;
  email_changes: EmailChangeTable;
  notifications: NotificationTable;
  talents: TalentTable;
  employers: EmployerTable;
  positions: PositionTable;
  position_service_areas: PositionServiceAreaTable;
  applications: ApplicationTable;
  application_events: ApplicationEventTable;
  invitations: InvitationTable;
  audit_log: AuditLogTable;
  search_outbox: SearchOutboxTable;
  agreements: AgreementTable;
  agreement_events: AgreementEventTable;
  placements: PlacementTable;
  rounds: RoundTable;
  round_positions: RoundPositionTable;
  round_talents: RoundTalentTable;
  round_choices: RoundChoiceTable;
  round_proposals: RoundProposalTable;
  round_pins: RoundPinTable;
  round_adjustments: RoundAdjustmentTable;
  round_notices: RoundNoticeTable;
  imports: ImportTable;
  import_chunks: ImportChunkTable;
  import_errors: ImportErrorTable;
  jobs: JobTable;
}

export type Region = Selectable<RegionTable>;
export type User = Selectable<UserTable>;
export type Talent = Selectable<TalentTable>;
export type NewTalent = Insertable<TalentTable>;
export type TalentUpdate = Updateable<TalentTable>;
export type Employer = Selectable<EmployerTable>;
export type Position = Selectable<PositionTable>;
export type Application = Selectable<ApplicationTable>;
export type Agreement = Selectable<AgreementTable>;
export type Placement = Selectable<PlacementTable>;
export type Round = Selectable<RoundTable>;

// Roster imports (migration 0008, src/imports).
export type ImportKind = 'talents' | 'employers' | 'placements';
export type ImportStatus = 'staging' | 'previewed' | 'committing' | 'committed' | 'failed' | 'discarded';

export interface ImportTable {
  id: string;
  kind: ImportKind;
  format: 'xlsx' | 'csv';
  file_name: string;
  encoding: string | null;
  scope_code: string;
  created_by: string;
  status: ImportStatus;
  failure: string | null;
  failure_code: string | null;
  failure_params: string | null;
  total_rows: ColumnType<number, number | undefined, number>;
  good_rows: ColumnType<number, number | undefined, number>;
  bad_rows: ColumnType<number, number | undefined, number>;
  new_rows: ColumnType<number, number | undefined, number>;
  update_rows: ColumnType<number, number | undefined, number>;
  error_count: ColumnType<number, number | undefined, number>;
  rows_done: ColumnType<number, number | undefined, number>;
  rows_skipped: ColumnType<number, number | undefined, number>;
  lease_until: number | null;
  /** The import's chunk key sealed with the field key (src/imports/imports.seal.ts); null when done. */
  payload_key: string | null;
  created_at: number;
  updated_at: number;
  committed_at: number | null;
  /** The job that last took the import (migration 0011). */
  job_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ImportChunkTable {
  import_id: string;
  first_row: number;
  last_row: number;
  row_count: number;
  /** AES-GCM (the import's key, iv first) of a JSON array of validated rows. */
  payload: Uint8Array;
}

export interface ImportErrorTable {
  import_id: string;
  seq: number;
  row_number: number;
  column_name: string;
  code: string;
  params: string | null;
}

export type Import = Selectable<ImportTable>;

// Jobs run off the request loop (migration 0011, src/jobs).
export type JobStatus = 'running' | 'done' | 'failed' | 'interrupted';

export interface JobTable {
  id: string;
  kind: string;
  owner_user_id: string;
  subject_id: string | null;
  status: JobStatus;
  progress_done: ColumnType<number, number | undefined, number>;
  progress_total: number | null;
  /** The process running it: host:pid:start, or 'inline'. */
  runner: string;
  result: string | null;
  error: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

export type Job = Selectable<JobTable>;
