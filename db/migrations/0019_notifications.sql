-- In-app notifications (issue #11 §2): written in the same atomic write as their cause; a kind and
-- its parameters (the pages and the mail word them), a link inside the site, read or not. People who
-- opt in (users.email_notifications) also get them by mail (mail_outbox, same write).
CREATE TABLE notifications (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  -- JSON object of the values the text needs (names, stages), ≤ 2,000 characters.
  params TEXT NOT NULL,
  link TEXT,
  created_at INTEGER NOT NULL,
  read_at INTEGER
);
CREATE INDEX notifications_user ON notifications (user_id, created_at);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;

ALTER TABLE users ADD COLUMN email_notifications INTEGER NOT NULL DEFAULT 0;
