-- Indexes for recommendations (issue #4 item 4; test/bench/MATCHING.md, "Recommendations").

-- A position's candidates: the talents living in the post's city, first by id, come from walking
-- this index in order and stopping at the cap — keyed by city then id, holding visibility and
-- every column scoring reads — so no talent row is read and nothing is sorted
-- (src/recommendations/recommendations.repository.ts, candidateRows). The city is spelled
-- substr(region_code, 1, 4), as the query spells it.
CREATE INDEX talents_candidates ON talents(substr(region_code, 1, 4), id, visibility, region_code, education_level, qualification_level, service_areas, languages, preferred_regions);

-- Active employment per post: free seats of every open post (one GROUP BY over active rows only)
-- and the per-post count behind it.
CREATE INDEX placements_active_employment ON placements(position_id) WHERE kind = 'employment' AND end_on IS NULL;
