-- Facts about this installation (issue 9, C3 and B5): the data key's fingerprint, a flag asking for
-- the search index to be rebuilt (set by a restore), and the row /health rewrites to prove the
-- database takes writes.
CREATE TABLE instance_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
