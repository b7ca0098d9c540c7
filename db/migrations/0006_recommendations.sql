-- Indexes for recommendations (issue #4 item 4; test/bench/MATCHING.md, "Recommendations").

-- A position's candidates: the talents living in the post's city, best by id, come from a range of
-- this index alone (visibility and id covered), without reading a talent row or sorting the table.
CREATE INDEX talents_candidates ON talents(region_code, visibility, id);

-- Active employment per post: free seats of every open post (one GROUP BY over active rows only)
-- and the per-post count behind it.
CREATE INDEX placements_active_employment ON placements(position_id) WHERE kind = 'employment' AND end_on IS NULL;
