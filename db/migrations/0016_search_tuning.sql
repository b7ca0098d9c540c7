-- Search tuning by admins (issue #12 item 6): synonym groups and dictionary words, applied to
-- Meilisearch's settings and to the query analysis both engines share; and the zero-result report
-- (query text, index and day only — never who asked).
CREATE TABLE search_synonyms (
  id TEXT PRIMARY KEY,
  -- JSON array of 2..10 normalised words (simplified characters, lower case), each ≤ 20 characters.
  words TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL
);

CREATE TABLE search_dictionary (
  id TEXT PRIMARY KEY,
  word TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL
);

-- One row per normalised query text, index and China date; count grows by upsert. Bounded rows per
-- day and pruned after 8 weeks (search/zero-results.ts).
CREATE TABLE search_zero_results (
  query TEXT NOT NULL,
  entity TEXT NOT NULL CHECK (entity IN ('talent', 'position')),
  day TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (day, entity, query)
);
