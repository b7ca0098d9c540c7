-- The public position list (GET /api/v1/positions) without a join per candidate row and without
-- sorting every match (test/bench/README.md has the numbers). Derived columns, written by the
-- positions repository in the same atomic write as region_code and the service areas:
--   service_area_mask  bit i set = the i-th code of SERVICE_AREAS (src/lib/vocab.ts) is required;
--                      position_service_areas stays the source for everything else
--   city_code          first 4 digits of region_code (NULL above city level)
--   county_code        first 6 digits of region_code (NULL above county level)
-- A city or county filter is then an equality, and its index is already in published_at order,
-- so a page reads LIMIT + OFFSET entries newest-first; a province or no region filter walks
-- positions_open_recent the same way.
ALTER TABLE positions ADD COLUMN service_area_mask INTEGER NOT NULL DEFAULT 0;
ALTER TABLE positions ADD COLUMN city_code TEXT;
ALTER TABLE positions ADD COLUMN county_code TEXT;

UPDATE positions SET
  city_code = CASE WHEN length(region_code) >= 4 THEN substr(region_code, 1, 4) END,
  county_code = CASE WHEN length(region_code) >= 6 THEN substr(region_code, 1, 6) END,
  service_area_mask = coalesce((
    SELECT sum(CASE psa.area
      WHEN 'children' THEN 1 WHEN 'youth' THEN 2 WHEN 'elderly' THEN 4 WHEN 'disability' THEN 8
      WHEN 'community' THEN 16 WHEN 'school' THEN 32 WHEN 'medical' THEN 64 WHEN 'mental_health' THEN 128
      WHEN 'drug_rehab' THEN 256 WHEN 'corrections' THEN 512 WHEN 'assistance' THEN 1024 WHEN 'family' THEN 2048
      WHEN 'veterans' THEN 4096 WHEN 'volunteer' THEN 8192 ELSE 0 END)
    FROM position_service_areas psa WHERE psa.position_id = positions.id), 0);

DROP INDEX positions_open_list;
CREATE INDEX positions_open_list ON positions(status, region_code, closes_on, kind, employer_type, service_area_mask, published_at);
CREATE INDEX positions_open_city ON positions(status, city_code, published_at, closes_on, kind, employer_type, service_area_mask);
CREATE INDEX positions_open_county ON positions(status, county_code, published_at, closes_on, kind, employer_type, service_area_mask);
CREATE INDEX positions_open_recent ON positions(status, published_at, closes_on, kind, employer_type, service_area_mask, region_code);
