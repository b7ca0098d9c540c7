-- Roster imports (issue #5): a department uploads talents, employers or placements as xlsx or csv.
-- Upload parses and validates every row and stages the good ones here; nothing reaches talents,
-- employers or placements before an explicit commit, which applies the staged chunks one atomic
-- write each (with their search outbox rows) and deletes each chunk in that same write, so a
-- commit that stops part-way resumes where it stopped and a second commit finds nothing to do.

CREATE TABLE imports (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('talents', 'employers', 'placements')),
  format TEXT NOT NULL CHECK (format IN ('xlsx', 'csv')),
  file_name TEXT NOT NULL,
  -- The text encoding a csv was read with (utf-8, gb18030, utf-16le…); NULL for xlsx.
  encoding TEXT,
  -- The importer's region subtree when it was uploaded ('' = an admin, everywhere). Every staged
  -- row lies inside it; a department sees the imports whose scope lies inside its own.
  scope_code TEXT NOT NULL,
  created_by TEXT NOT NULL REFERENCES users(id),
  status TEXT NOT NULL CHECK (status IN ('staging', 'previewed', 'committing', 'committed', 'failed', 'discarded')),
  -- Why an upload or a commit failed (no personal data: a reason, a line or row number).
  failure TEXT,
  total_rows INTEGER NOT NULL DEFAULT 0,
  good_rows INTEGER NOT NULL DEFAULT 0,
  bad_rows INTEGER NOT NULL DEFAULT 0,
  new_rows INTEGER NOT NULL DEFAULT 0,
  update_rows INTEGER NOT NULL DEFAULT 0,
  error_count INTEGER NOT NULL DEFAULT 0,
  -- Commit progress: staged rows applied so far, and those the write-time conditions turned away
  -- (e.g. a matching record moved out of the region between preview and commit).
  rows_done INTEGER NOT NULL DEFAULT 0,
  rows_skipped INTEGER NOT NULL DEFAULT 0,
  -- A running commit holds the import until this time (ms); another commit waits it out.
  lease_until INTEGER,
  -- The import's own AES key for its staged chunks, sealed with the field key (src/imports/imports.seal.ts);
  -- NULL once the import is committed, discarded or failed, so nothing staged stays readable.
  payload_key TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  committed_at INTEGER
);
CREATE INDEX imports_scope ON imports(scope_code, created_at);

-- Validated rows, a chunk at a time, as one encrypted JSON array (AES-GCM with the import's key,
-- iv first): names, phones and the rest are never here in plain text; talent ID numbers are inside
-- only as their ciphertext, HMAC and masked form.
CREATE TABLE import_chunks (
  import_id TEXT NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
  first_row INTEGER NOT NULL,
  last_row INTEGER NOT NULL,
  row_count INTEGER NOT NULL,
  payload BLOB NOT NULL,
  PRIMARY KEY (import_id, first_row)
);

-- One line per problem found in a row: the row number as the spreadsheet shows it, the column's
-- header as written in the file, a reason code and its parameters (never an ID number or phone).
CREATE TABLE import_errors (
  import_id TEXT NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  row_number INTEGER NOT NULL,
  column_name TEXT NOT NULL,
  code TEXT NOT NULL,
  params TEXT,
  PRIMARY KEY (import_id, seq)
);
