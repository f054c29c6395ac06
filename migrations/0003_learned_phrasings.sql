-- Questions a workspace taught rolecall: an asker picked an area from "Did you mean?", so the same
-- question (in its normalised form) is answered with that area from then on, for everyone there.
-- Only the area comes from here; the decider is still the channel's role map and overrides.
CREATE TABLE learned_phrasings (
  team_id    TEXT NOT NULL,
  phrasing   TEXT NOT NULL, -- normalised: lower case, Slack markup and stop words dropped, words sorted
  question   TEXT NOT NULL, -- as the asker wrote it, for admins to recognise
  area_id    TEXT NOT NULL,
  learned_by TEXT NOT NULL,
  learned_at TEXT NOT NULL,
  PRIMARY KEY (team_id, phrasing),
  -- A deleted area takes what was learned for it along.
  FOREIGN KEY (team_id, area_id) REFERENCES areas (team_id, area_id) ON DELETE CASCADE
);
CREATE INDEX learned_phrasings_area ON learned_phrasings (team_id, area_id);
