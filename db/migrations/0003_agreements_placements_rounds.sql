-- shegong schema, part 2: directed-training agreements, placements and placement rounds (issue #4).

CREATE TABLE agreements (
  id TEXT PRIMARY KEY,
  talent_id TEXT NOT NULL REFERENCES talents(id),
  sponsor_user_id TEXT NOT NULL REFERENCES users(id),
  sponsor_region_code TEXT NOT NULL REFERENCES regions(code),
  target_region_code TEXT NOT NULL REFERENCES regions(code),
  target_employer_id TEXT REFERENCES employers(id),
  institution TEXT NOT NULL,
  enrolment_year INTEGER NOT NULL,
  graduation_year INTEGER NOT NULL,
  service_years INTEGER NOT NULL CHECK (service_years BETWEEN 1 AND 10),
  signed_on TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('in_training', 'awaiting_placement', 'serving', 'fulfilled', 'breached', 'waived')),
  status_note TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX agreements_talent ON agreements(talent_id);
CREATE INDEX agreements_target ON agreements(target_region_code, status);

CREATE TABLE agreement_events (
  id TEXT PRIMARY KEY,
  agreement_id TEXT NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
  from_status TEXT,
  to_status TEXT NOT NULL,
  actor_user_id TEXT REFERENCES users(id),
  note TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX agreement_events_agreement ON agreement_events(agreement_id, created_at);

CREATE TABLE placements (
  id TEXT PRIMARY KEY,
  talent_id TEXT NOT NULL REFERENCES talents(id),
  employer_id TEXT NOT NULL REFERENCES employers(id),
  position_id TEXT REFERENCES positions(id),
  kind TEXT NOT NULL CHECK (kind IN ('employment', 'internship')),
  start_on TEXT NOT NULL,
  end_on TEXT,
  end_reason TEXT,
  source TEXT NOT NULL CHECK (source IN ('application', 'round', 'direct', 'import')),
  source_id TEXT,
  agreement_id TEXT REFERENCES agreements(id),
  created_by TEXT REFERENCES users(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (end_on IS NULL OR end_on >= start_on)
);
CREATE INDEX placements_talent ON placements(talent_id, start_on);
CREATE INDEX placements_employer ON placements(employer_id, start_on);
CREATE INDEX placements_agreement ON placements(agreement_id);
-- One placement per accepted application or round proposal.
CREATE UNIQUE INDEX placements_source ON placements(source, source_id) WHERE source_id IS NOT NULL;

CREATE TABLE rounds (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  department_user_id TEXT NOT NULL REFERENCES users(id),
  region_code TEXT NOT NULL REFERENCES regions(code),
  status TEXT NOT NULL CHECK (status IN ('draft', 'collecting', 'run', 'published', 'closed')),
  weights TEXT NOT NULL DEFAULT '{}',
  choices_close_on TEXT,
  run_at INTEGER,
  published_at INTEGER,
  result_digest TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX rounds_region ON rounds(region_code, created_at);

CREATE TABLE round_positions (
  round_id TEXT NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  position_id TEXT NOT NULL REFERENCES positions(id),
  seats INTEGER NOT NULL CHECK (seats >= 1),
  reserved_seats INTEGER NOT NULL DEFAULT 0 CHECK (reserved_seats >= 0 AND reserved_seats <= seats),
  cutoff_score REAL,
  filled INTEGER,
  PRIMARY KEY (round_id, position_id)
);

CREATE TABLE round_talents (
  round_id TEXT NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  talent_id TEXT NOT NULL REFERENCES talents(id),
  agreement_id TEXT REFERENCES agreements(id),
  unassigned_reason TEXT,
  PRIMARY KEY (round_id, talent_id)
);

CREATE TABLE round_choices (
  round_id TEXT NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  talent_id TEXT NOT NULL REFERENCES talents(id),
  rank INTEGER NOT NULL CHECK (rank BETWEEN 1 AND 30),
  position_id TEXT NOT NULL REFERENCES positions(id),
  PRIMARY KEY (round_id, talent_id, rank),
  UNIQUE (round_id, talent_id, position_id)
);

CREATE TABLE round_proposals (
  id TEXT PRIMARY KEY,
  round_id TEXT NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  talent_id TEXT NOT NULL REFERENCES talents(id),
  position_id TEXT NOT NULL REFERENCES positions(id),
  score REAL NOT NULL,
  reserved INTEGER NOT NULL DEFAULT 0,
  explanation TEXT NOT NULL DEFAULT '{}',
  talent_response TEXT CHECK (talent_response IN ('accepted', 'declined')),
  employer_response TEXT CHECK (employer_response IN ('accepted', 'declined')),
  placement_id TEXT REFERENCES placements(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (round_id, talent_id)
);
CREATE INDEX round_proposals_position ON round_proposals(position_id);
CREATE INDEX round_proposals_talent ON round_proposals(talent_id);
