-- Placement rounds that can be audited (issue #13): frozen inputs, a reserve policy setting and
-- follow-up rounds.
--
-- The first run snapshots every input it reads: per talent the attributes used in scoring and
-- eligibility, the directed target and the history factors (round_talents.input); per post the
-- requirements, the seats in the round and the seats free at snapshot time (round_positions.input);
-- the resolved weights and the reserve policy (rounds.input_settings). Re-runs read the snapshot
-- only. "Refresh inputs" (before publication) takes a new snapshot and bumps inputs_version; a
-- result may be published only if it was computed from the current snapshot (run_inputs_version).
ALTER TABLE rounds ADD COLUMN reserve_policy TEXT NOT NULL DEFAULT 'reserved_first' CHECK (reserve_policy IN ('reserved_first', 'general_first'));
ALTER TABLE rounds ADD COLUMN inputs_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rounds ADD COLUMN inputs_at INTEGER;
ALTER TABLE rounds ADD COLUMN input_settings TEXT;
ALTER TABLE rounds ADD COLUMN run_inputs_version INTEGER;
-- A follow-up round (补录) names the published round it follows.
ALTER TABLE rounds ADD COLUMN follows_round_id TEXT REFERENCES rounds(id);
CREATE INDEX rounds_follows ON rounds(follows_round_id) WHERE follows_round_id IS NOT NULL;

ALTER TABLE round_talents ADD COLUMN input TEXT;
ALTER TABLE round_positions ADD COLUMN input TEXT;
-- How many lists (submitted or derived) named the post in the last run, for the public report.
ALTER TABLE round_positions ADD COLUMN lists_naming INTEGER;
