-- shegong schema, part 1: the registry (regions, accounts, talents, employers, positions, applications).
-- Applied by db/migrate.ts on Node and by `wrangler d1 migrations apply` on Workers.
-- Times are integer milliseconds since the epoch; calendar dates are ISO 'YYYY-MM-DD' text.
-- List-valued fields are JSON arrays in text, with a side table where we filter on them.

CREATE TABLE regions (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
  parent_code TEXT REFERENCES regions(code),
  full_name TEXT NOT NULL
);
CREATE INDEX regions_parent ON regions(parent_code);
CREATE INDEX regions_name ON regions(name);
CREATE INDEX regions_full_name ON regions(full_name);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('graduate', 'employer', 'department', 'admin')),
  display_name TEXT NOT NULL,
  region_code TEXT REFERENCES regions(code),
  created_at INTEGER NOT NULL
);

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  secret_hash BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  last_verified_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE rate_limits (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  window_start INTEGER NOT NULL
);

CREATE TABLE talents (
  id TEXT PRIMARY KEY,
  user_id TEXT UNIQUE REFERENCES users(id),
  name TEXT NOT NULL,
  gender TEXT CHECK (gender IN ('male', 'female')),
  birth_date TEXT,
  ethnicity TEXT,
  id_number_enc TEXT,
  id_number_hmac TEXT UNIQUE,
  id_number_masked TEXT,
  phone TEXT,
  region_code TEXT REFERENCES regions(code),
  education_level TEXT,
  school TEXT,
  major TEXT,
  graduation_year INTEGER,
  qualification_level TEXT NOT NULL DEFAULT 'none',
  certificate_number TEXT,
  qualification_year INTEGER,
  registration_valid_until TEXT,
  service_areas TEXT NOT NULL DEFAULT '[]',
  languages TEXT NOT NULL DEFAULT '[]',
  preferred_regions TEXT NOT NULL DEFAULT '[]',
  availability TEXT NOT NULL DEFAULT 'available',
  visibility TEXT NOT NULL DEFAULT 'employers' CHECK (visibility IN ('employers', 'department')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX talents_region ON talents(region_code);

CREATE TABLE employers (
  id TEXT PRIMARY KEY,
  user_id TEXT UNIQUE REFERENCES users(id),
  name TEXT NOT NULL,
  credit_code TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  region_code TEXT NOT NULL REFERENCES regions(code),
  address TEXT,
  contact_name TEXT NOT NULL,
  contact_phone TEXT NOT NULL,
  description TEXT,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'verified', 'rejected')),
  review_note TEXT,
  reviewed_by TEXT REFERENCES users(id),
  reviewed_at INTEGER,
  internship_base INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX employers_region ON employers(region_code);
CREATE INDEX employers_status_region ON employers(status, region_code);

CREATE TABLE positions (
  id TEXT PRIMARY KEY,
  employer_id TEXT NOT NULL REFERENCES employers(id),
  employer_type TEXT NOT NULL,
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  region_code TEXT NOT NULL REFERENCES regions(code),
  seats INTEGER NOT NULL,
  reserved_seats INTEGER NOT NULL DEFAULT 0,
  min_education TEXT,
  min_qualification TEXT NOT NULL DEFAULT 'none',
  service_areas TEXT NOT NULL DEFAULT '[]',
  languages TEXT NOT NULL DEFAULT '[]',
  salary_min INTEGER,
  salary_max INTEGER,
  employment_type TEXT NOT NULL DEFAULT 'FULL_TIME',
  description TEXT NOT NULL,
  opens_on TEXT NOT NULL,
  closes_on TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
  published_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
-- The public list walks open posts in a region range, newest first.
CREATE INDEX positions_public ON positions(status, region_code, published_at);
CREATE INDEX positions_employer ON positions(employer_id);

CREATE TABLE position_service_areas (
  area TEXT NOT NULL,
  position_id TEXT NOT NULL REFERENCES positions(id) ON DELETE CASCADE,
  PRIMARY KEY (area, position_id)
);
CREATE INDEX position_service_areas_position ON position_service_areas(position_id);

CREATE TABLE applications (
  id TEXT PRIMARY KEY,
  position_id TEXT NOT NULL REFERENCES positions(id),
  talent_id TEXT NOT NULL REFERENCES talents(id),
  status TEXT NOT NULL,
  cover_letter TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (position_id, talent_id)
);
CREATE INDEX applications_talent ON applications(talent_id);

CREATE TABLE application_events (
  id TEXT PRIMARY KEY,
  application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
  from_status TEXT,
  to_status TEXT NOT NULL,
  actor_user_id TEXT REFERENCES users(id),
  note TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX application_events_application ON application_events(application_id, created_at);

CREATE TABLE audit_log (
  id TEXT PRIMARY KEY,
  actor_user_id TEXT NOT NULL REFERENCES users(id),
  action TEXT NOT NULL,
  subject_type TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  detail TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log(subject_type, subject_id);

-- Search outbox (ARCHITECTURE.md, "Search"): every write that changes a searchable entity adds a row here
-- in the same atomic write; the drain (search/) pushes them to Meilisearch.
CREATE TABLE search_outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  entity TEXT NOT NULL CHECK (entity IN ('talent', 'position')),
  entity_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  processed_at INTEGER
);
CREATE INDEX search_outbox_pending ON search_outbox(processed_at, seq);
