-- Mail (issue #11 §1): an outbox written in the same atomic write as the event that causes it, sent
-- with retries by the server's mail drain (src/mail). The body is sealed with the data key (it can
-- carry a single-use link) and cleared once sent.
CREATE TABLE mail_outbox (
  id TEXT PRIMARY KEY,
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  -- AES-GCM sealed text of the message; NULL once sent.
  body_sealed TEXT,
  kind TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('waiting', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  sent_at INTEGER
);
CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);

-- Password reset links: only the SHA-256 of the token is kept; single use (claim marks the use that
-- won), 30 minutes.
CREATE TABLE password_resets (
  token_hash BLOB PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  claim TEXT
);
CREATE INDEX password_resets_user ON password_resets (user_id);

-- The account page (issue #11 §1): which browser a session is (its User-Agent, ≤ 300 characters,
-- shown as "Chrome · Android"), and changes of email verified by a link sent to the new address.
ALTER TABLE sessions ADD COLUMN user_agent TEXT;

CREATE TABLE email_changes (
  token_hash BLOB PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  new_email TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  claim TEXT
);
CREATE INDEX email_changes_user ON email_changes (user_id);
