-- Indexes for recommendations (issue #4 item 4; test/bench/MATCHING.md, "Recommendations").

-- A position's candidates: the talents living in the post's city, first by id, come from a range of
-- this index alone — visibility, id and every column scoring reads are in it — so no talent row is
-- read and the table is not sorted (src/recommendations/recommendations.repository.ts, candidateRows).
CREATE INDEX talents_candidates ON talents(region_code, visibility, id, education_level, qualification_level, service_areas, languages, preferred_regions);

-- Active employment per post: free seats of every open post (one GROUP BY over active rows only)
-- and the per-post count behind it.
CREATE INDEX placements_active_employment ON placements(position_id) WHERE kind = 'employment' AND end_on IS NULL;
