-- Indexes for the department statistics (issue #5, src/statistics/statistics.repository.ts).
-- At 1,000,000 talents a province-wide GROUP BY over the talents table costs 130–300 ms per
-- dimension even from a covering index (it sorts or compares every row's region code), and
-- json_each over service_areas costs seconds. The statistics instead count index ranges: for each
-- child region c of the region shown and each value v, count(*) over `(v, region_code in [c, c:))`,
-- which SQLite answers by walking index entries only (test/bench/STATISTICS.md has the numbers).
-- The queries must spell each indexed expression exactly as below, or SQLite will not use it.

-- Single-valued talent dimensions: value first, then the region range.
CREATE INDEX talents_stat_qualification ON talents(qualification_level, region_code);
CREATE INDEX talents_stat_education ON talents(education_level, region_code);
CREATE INDEX talents_stat_gender ON talents(gender, region_code);
CREATE INDEX talents_stat_ethnicity ON talents(ethnicity, region_code);
CREATE INDEX talents_stat_availability ON talents(availability, region_code);

-- Age bands are birth-date ranges; a child region is then an equality on the code's prefix of the
-- child level's length (2 province, 4 city, 6 county; townships are whole codes).
CREATE INDEX talents_stat_birth_province ON talents(substr(region_code, 1, 2), birth_date);
CREATE INDEX talents_stat_birth_city ON talents(substr(region_code, 1, 4), birth_date);
CREATE INDEX talents_stat_birth_county ON talents(substr(region_code, 1, 6), birth_date);
CREATE INDEX talents_stat_birth ON talents(region_code, birth_date);

-- Service areas and languages are JSON arrays of vocabulary codes (src/lib/vocab.ts), written by
-- JSON.stringify, so `instr(list, '"code"') > 0` is true exactly when the code is listed. One partial
-- index per code, led by availability: the supply side of supply and demand counts the talents
-- looking for work (two equalities), an area's total adds up every availability value.
CREATE INDEX talents_stat_area_children ON talents(availability, region_code) WHERE instr(service_areas, '"children"') > 0;
CREATE INDEX talents_stat_area_youth ON talents(availability, region_code) WHERE instr(service_areas, '"youth"') > 0;
CREATE INDEX talents_stat_area_elderly ON talents(availability, region_code) WHERE instr(service_areas, '"elderly"') > 0;
CREATE INDEX talents_stat_area_disability ON talents(availability, region_code) WHERE instr(service_areas, '"disability"') > 0;
CREATE INDEX talents_stat_area_community ON talents(availability, region_code) WHERE instr(service_areas, '"community"') > 0;
CREATE INDEX talents_stat_area_school ON talents(availability, region_code) WHERE instr(service_areas, '"school"') > 0;
CREATE INDEX talents_stat_area_medical ON talents(availability, region_code) WHERE instr(service_areas, '"medical"') > 0;
CREATE INDEX talents_stat_area_mental_health ON talents(availability, region_code) WHERE instr(service_areas, '"mental_health"') > 0;
CREATE INDEX talents_stat_area_drug_rehab ON talents(availability, region_code) WHERE instr(service_areas, '"drug_rehab"') > 0;
CREATE INDEX talents_stat_area_corrections ON talents(availability, region_code) WHERE instr(service_areas, '"corrections"') > 0;
CREATE INDEX talents_stat_area_assistance ON talents(availability, region_code) WHERE instr(service_areas, '"assistance"') > 0;
CREATE INDEX talents_stat_area_family ON talents(availability, region_code) WHERE instr(service_areas, '"family"') > 0;
CREATE INDEX talents_stat_area_veterans ON talents(availability, region_code) WHERE instr(service_areas, '"veterans"') > 0;
CREATE INDEX talents_stat_area_volunteer ON talents(availability, region_code) WHERE instr(service_areas, '"volunteer"') > 0;

-- Nearly everyone lists Mandarin: index those who do not, and count Mandarin as talents − them.
CREATE INDEX talents_stat_lang_no_mandarin ON talents(region_code) WHERE instr(languages, '"mandarin"') = 0;
CREATE INDEX talents_stat_lang_mongolian ON talents(region_code) WHERE instr(languages, '"mongolian"') > 0;
CREATE INDEX talents_stat_lang_uyghur ON talents(region_code) WHERE instr(languages, '"uyghur"') > 0;
CREATE INDEX talents_stat_lang_tibetan ON talents(region_code) WHERE instr(languages, '"tibetan"') > 0;
CREATE INDEX talents_stat_lang_kazakh ON talents(region_code) WHERE instr(languages, '"kazakh"') > 0;
CREATE INDEX talents_stat_lang_korean ON talents(region_code) WHERE instr(languages, '"korean"') > 0;
CREATE INDEX talents_stat_lang_zhuang ON talents(region_code) WHERE instr(languages, '"zhuang"') > 0;
CREATE INDEX talents_stat_lang_yi ON talents(region_code) WHERE instr(languages, '"yi"') > 0;
CREATE INDEX talents_stat_lang_english ON talents(region_code) WHERE instr(languages, '"english"') > 0;
CREATE INDEX talents_stat_lang_sign ON talents(region_code) WHERE instr(languages, '"sign"') > 0;

-- Certificate registrations lapsing soon: a date range, then the region.
CREATE INDEX talents_stat_registration ON talents(registration_valid_until, region_code) WHERE registration_valid_until IS NOT NULL;

-- Stations and schools of a region (coverage), a region's employers, and each employer's placements
-- by kind and date (active placement at an employer; placements per month), all covering.
CREATE INDEX employers_stat_type ON employers(type, region_code, status);
CREATE INDEX employers_stat_region ON employers(region_code, id);
CREATE INDEX placements_stat_employer ON placements(employer_id, kind, start_on, end_on);
-- Open posts of a region with their seats and areas, and the seats held at each (employment not
-- yet ended), covering.
CREATE INDEX positions_stat_open ON positions(status, region_code, closes_on, seats, service_areas, id);
CREATE INDEX placements_stat_position ON placements(position_id, kind, end_on) WHERE position_id IS NOT NULL;
-- Directed training: a region's agreements, their placements and their first move to serving, covering.
CREATE INDEX agreements_stat_target ON agreements(target_region_code, status, service_years, id);
CREATE INDEX placements_stat_agreement ON placements(agreement_id, start_on, end_on) WHERE agreement_id IS NOT NULL;
CREATE INDEX agreement_events_stat ON agreement_events(agreement_id, to_status, created_at);
