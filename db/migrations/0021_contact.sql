-- Employers reach people (issue #11 §5, §7).
-- Consent: applying lets the employer see the talent's phone and email from the interview stage on.
-- New applications state it (the API defaults to yes); applications made before this migration
-- never consented, so they default to no. contact_shown_at: when the employer first saw them.
ALTER TABLE applications ADD COLUMN contact_consent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE applications ADD COLUMN contact_shown_at INTEGER;
-- The interview (set when the application moves to interview, edited to reschedule): a date
-- (YYYY-MM-DD, China time), a time (HH:MM), and a place (≤ 200 characters) or an https link (≤ 500).
ALTER TABLE applications ADD COLUMN interview_on TEXT;
ALTER TABLE applications ADD COLUMN interview_time TEXT;
ALTER TABLE applications ADD COLUMN interview_place TEXT;
ALTER TABLE applications ADD COLUMN interview_link TEXT;
-- Per-stage counts of a position's applicants.
CREATE INDEX applications_position_status ON applications(position_id, status);

-- An employer invites a talent to apply to one of its open posts: once per talent and post.
CREATE TABLE invitations (
  id TEXT PRIMARY KEY,
  employer_id TEXT NOT NULL REFERENCES employers(id),
  position_id TEXT NOT NULL REFERENCES positions(id),
  talent_id TEXT NOT NULL REFERENCES talents(id),
  invited_by TEXT NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  UNIQUE (position_id, talent_id)
);
CREATE INDEX invitations_talent ON invitations(talent_id, created_at);
-- The daily limit counts an employer's invitations since the start of the day.
CREATE INDEX invitations_employer ON invitations(employer_id, created_at);
