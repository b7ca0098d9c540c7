-- Talents per region and service area, kept by triggers (issue #5: "talents by service area" counted
-- index entries of every talent–area pair, about 2.5M at a million talents, over the 200 ms target).
-- A talent counts once per distinct area listed in its service_areas (a JSON array of codes); a talent
-- without a region counts under region_code ''. Rows may reach n = 0 and stay.
CREATE TABLE talent_area_counts (
  region_code TEXT NOT NULL,
  area TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (region_code, area)
) WITHOUT ROWID;

INSERT INTO talent_area_counts (region_code, area, n)
SELECT region_code, area, count(*) FROM (
  SELECT DISTINCT t.id, coalesce(t.region_code, '') AS region_code, j.value AS area
  FROM talents t, json_each(CASE WHEN json_valid(t.service_areas) AND json_type(t.service_areas) = 'array' THEN t.service_areas ELSE '[]' END) j
  WHERE j.type = 'text'
)
GROUP BY region_code, area;

CREATE TRIGGER talent_area_counts_insert AFTER INSERT ON talents BEGIN
  INSERT INTO talent_area_counts (region_code, area, n)
  SELECT DISTINCT coalesce(NEW.region_code, ''), j.value, 1
  FROM json_each(CASE WHEN json_valid(NEW.service_areas) AND json_type(NEW.service_areas) = 'array' THEN NEW.service_areas ELSE '[]' END) j
  WHERE j.type = 'text'
  ON CONFLICT (region_code, area) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER talent_area_counts_delete AFTER DELETE ON talents BEGIN
  UPDATE talent_area_counts SET n = n - 1
  WHERE region_code = coalesce(OLD.region_code, '')
    AND area IN (SELECT j.value FROM json_each(CASE WHEN json_valid(OLD.service_areas) AND json_type(OLD.service_areas) = 'array' THEN OLD.service_areas ELSE '[]' END) j WHERE j.type = 'text');
END;

CREATE TRIGGER talent_area_counts_update AFTER UPDATE OF region_code, service_areas ON talents BEGIN
  UPDATE talent_area_counts SET n = n - 1
  WHERE region_code = coalesce(OLD.region_code, '')
    AND area IN (SELECT j.value FROM json_each(CASE WHEN json_valid(OLD.service_areas) AND json_type(OLD.service_areas) = 'array' THEN OLD.service_areas ELSE '[]' END) j WHERE j.type = 'text');
  INSERT INTO talent_area_counts (region_code, area, n)
  SELECT DISTINCT coalesce(NEW.region_code, ''), j.value, 1
  FROM json_each(CASE WHEN json_valid(NEW.service_areas) AND json_type(NEW.service_areas) = 'array' THEN NEW.service_areas ELSE '[]' END) j
  WHERE j.type = 'text'
  ON CONFLICT (region_code, area) DO UPDATE SET n = n + 1;
END;
