-- Long work run off the request loop (issue 9 B2): import upload and commit, round runs, exports and
-- reindexing run in worker threads on Node (inline on Workers), each tracked here with its progress.
-- `runner` names the process that runs a job (host:pid:start, or 'inline'): at start the server marks
-- the running jobs of a process that is gone as interrupted, so what they held can be resumed at once.
CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  -- Who started it: only they (and no one else) read it through GET /api/v1/jobs/{id}.
  owner_user_id TEXT NOT NULL REFERENCES users(id),
  -- What it works on (an import, a round …); NULL when nothing.
  subject_id TEXT,
  status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'interrupted')),
  progress_done INTEGER NOT NULL DEFAULT 0,
  progress_total INTEGER,
  runner TEXT NOT NULL,
  -- A short JSON summary (ids and counts, never personal data) and, when failed, the problem.
  result TEXT,
  error TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  finished_at INTEGER
);
CREATE INDEX jobs_owner ON jobs(owner_user_id, created_at);
CREATE INDEX jobs_running ON jobs(status) WHERE status = 'running';

-- The job that last took an import (its upload or its commit): a commit whose job is no longer
-- running can be resumed at once instead of waiting for its lease to run out.
ALTER TABLE imports ADD COLUMN job_id TEXT;
