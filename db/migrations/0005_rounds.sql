-- Placement rounds backed by the database (issue #4 part 5): what a run stores beside its proposals,
-- and a revision that every change of a round's inputs bumps, so that a run whose inputs changed
-- while it was computing stores nothing (src/rounds/rounds.run.ts).
ALTER TABLE rounds ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
-- JSON: the matching core's RoundStats and the phase timings of the last run.
ALTER TABLE rounds ADD COLUMN run_stats TEXT;
ALTER TABLE rounds ADD COLUMN closed_at INTEGER;

-- Per position, from the last run: the seats it used (round seats capped by the seats still free at
-- run time), the reserved seats held by directed talents, and the cut-offs (src/matching/round.ts).
ALTER TABLE round_positions ADD COLUMN run_seats INTEGER;
ALTER TABLE round_positions ADD COLUMN reserved_filled INTEGER;
ALTER TABLE round_positions ADD COLUMN general_cutoff REAL;
ALTER TABLE round_positions ADD COLUMN reserved_cutoff REAL;

-- Per talent, from the last run: whether the list was submitted or derived from scores, and for an
-- unassigned talent the JSON explanation ({ listSource, list, above: Refusal[] }).
ALTER TABLE round_talents ADD COLUMN list_source TEXT CHECK (list_source IN ('submitted', 'derived'));
ALTER TABLE round_talents ADD COLUMN explanation TEXT;

-- The holder's place in the position's order (0 = best), so a position's holders list in the
-- order the matching used (score, then directed first, then talent id). No index of its own: the
-- holders of a page of positions come through round_proposals_position (position_id), and every
-- index on this table is paid for by each run's tens of thousands of inserts.
ALTER TABLE round_proposals ADD COLUMN position_rank INTEGER;

CREATE INDEX round_talents_talent ON round_talents(talent_id);
