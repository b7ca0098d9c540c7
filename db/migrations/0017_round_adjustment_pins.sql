-- Placement rounds (issue #13 items 3, 5 and 6): 服从调剂, pinned placements and the follow-up
-- notice.
--
-- 服从调剂: a talent of the round may be willing to take any eligible post within one region
-- (inside the round's region) once their own list is used up. Set while the round collects choices,
-- frozen with the choices once it has run. Kept apart from round_talents (which a change of the
-- round's talents rewrites), like round_choices.
CREATE TABLE round_adjustments (
  round_id TEXT NOT NULL REFERENCES rounds(id),
  talent_id TEXT NOT NULL REFERENCES talents(id),
  region_code TEXT NOT NULL REFERENCES regions(code),
  PRIMARY KEY (round_id, talent_id)
);

-- A department pins a talent of the round to a post of the round before publication (e.g. the
-- talent's agreement names the employer). One pin per talent; the pin takes a seat of the post.
CREATE TABLE round_pins (
  round_id TEXT NOT NULL REFERENCES rounds(id),
  talent_id TEXT NOT NULL REFERENCES talents(id),
  position_id TEXT NOT NULL REFERENCES positions(id),
  reason TEXT NOT NULL,
  created_by TEXT NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (round_id, talent_id)
);
CREATE INDEX round_pins_position ON round_pins(round_id, position_id);

-- Notices for talents, written in the same atomic write as what they announce (today: a follow-up
-- round was opened for them). Shown on the talent's rounds page until dismissed; a later message
-- centre can read and deliver the same rows.
CREATE TABLE round_notices (
  talent_id TEXT NOT NULL REFERENCES talents(id),
  round_id TEXT NOT NULL REFERENCES rounds(id),
  kind TEXT NOT NULL CHECK (kind IN ('follow_up')),
  created_at INTEGER NOT NULL,
  dismissed_at INTEGER,
  PRIMARY KEY (talent_id, round_id, kind)
);
