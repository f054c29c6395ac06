-- rolecall's first schema. Every table holding workspace data is keyed by team_id
-- (the Slack workspace id) so one bot process can serve several workspaces.

CREATE TABLE workspaces (
  team_id              TEXT PRIMARY KEY,
  timezone             TEXT NOT NULL DEFAULT 'UTC',
  checkin_weekday      INTEGER NOT NULL DEFAULT 5 CHECK (checkin_weekday BETWEEN 1 AND 7),
  checkin_time         TEXT NOT NULL DEFAULT '15:00',
  reminder_after_hours INTEGER NOT NULL DEFAULT 24 CHECK (reminder_after_hours > 0),
  drift_threshold_pp   INTEGER NOT NULL DEFAULT 15 CHECK (drift_threshold_pp > 0),
  digest_time          TEXT NOT NULL DEFAULT '10:00',
  catalog_seeded_at    TEXT,
  created_at           TEXT NOT NULL
);

-- A team is a channel: the channel a command is used in is the team.
CREATE TABLE teams (
  team_id           TEXT NOT NULL REFERENCES workspaces (team_id),
  channel_id        TEXT NOT NULL,
  name              TEXT,
  digest_channel_id TEXT,
  headcount         INTEGER CHECK (headcount IS NULL OR headcount >= 0),
  created_at        TEXT NOT NULL,
  PRIMARY KEY (team_id, channel_id)
);

CREATE TABLE admins (
  team_id  TEXT NOT NULL REFERENCES workspaces (team_id),
  user_id  TEXT NOT NULL,
  added_by TEXT NOT NULL,
  added_at TEXT NOT NULL,
  PRIMARY KEY (team_id, user_id)
);

-- Per-person settings and a cache of the Slack profile fields we need (time zone, admin flag).
CREATE TABLE people (
  team_id            TEXT NOT NULL REFERENCES workspaces (team_id),
  user_id            TEXT NOT NULL,
  display_name       TEXT,
  tz                 TEXT,
  is_slack_admin     INTEGER NOT NULL DEFAULT 0,
  profile_fetched_at TEXT,
  checkin_weekday    INTEGER CHECK (checkin_weekday IS NULL OR checkin_weekday BETWEEN 1 AND 7),
  checkin_time       TEXT,
  checkin_paused     INTEGER NOT NULL DEFAULT 0,
  digest_private     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (team_id, user_id)
);

-- The decision catalog, copied from the default catalog on a workspace's first use.
CREATE TABLE areas (
  team_id      TEXT NOT NULL REFERENCES workspaces (team_id),
  area_id      TEXT NOT NULL,
  title        TEXT NOT NULL,
  description  TEXT NOT NULL,
  keywords     TEXT NOT NULL, -- JSON array of strings
  decider_role TEXT NOT NULL,
  consulted    TEXT NOT NULL, -- JSON array of role ids
  informed     TEXT NOT NULL, -- JSON array of role ids
  source       TEXT NOT NULL, -- seed file, or 'custom'
  is_custom    INTEGER NOT NULL DEFAULT 0,
  created_by   TEXT,
  created_at   TEXT NOT NULL,
  PRIMARY KEY (team_id, area_id)
);

-- A channel's own decider for an area: a role, or one named person.
CREATE TABLE decider_overrides (
  team_id         TEXT NOT NULL,
  channel_id      TEXT NOT NULL,
  area_id         TEXT NOT NULL,
  decider_role    TEXT,
  decider_user_id TEXT,
  set_by          TEXT NOT NULL,
  set_at          TEXT NOT NULL,
  PRIMARY KEY (team_id, channel_id, area_id),
  FOREIGN KEY (team_id, area_id) REFERENCES areas (team_id, area_id),
  CHECK ((decider_role IS NULL) <> (decider_user_id IS NULL))
);

-- Hats are history, never overwritten: the hats in force on a date are the latest change per
-- (channel, user, role) with effective_date on or before it.
CREATE TABLE hat_changes (
  id             INTEGER PRIMARY KEY,
  team_id        TEXT NOT NULL REFERENCES workspaces (team_id),
  channel_id     TEXT NOT NULL,
  user_id        TEXT NOT NULL,
  role           TEXT NOT NULL,
  action         TEXT NOT NULL CHECK (action IN ('assign', 'unassign')),
  effective_date TEXT NOT NULL, -- YYYY-MM-DD
  recorded_by    TEXT NOT NULL,
  recorded_at    TEXT NOT NULL
);
CREATE INDEX hat_changes_by_channel ON hat_changes (team_id, channel_id, user_id, role, effective_date, id);
CREATE INDEX hat_changes_by_user ON hat_changes (team_id, user_id, effective_date, id);

-- Stated allocations are history too; "in force for P on D" is one index seek.
CREATE TABLE allocation_changes (
  id             INTEGER PRIMARY KEY,
  team_id        TEXT NOT NULL REFERENCES workspaces (team_id),
  user_id        TEXT NOT NULL,
  effective_date TEXT NOT NULL, -- YYYY-MM-DD
  split          TEXT NOT NULL, -- JSON object: role id or 'other' -> whole percent, totalling 100
  recorded_by    TEXT NOT NULL,
  recorded_at    TEXT NOT NULL
);
CREATE INDEX allocation_in_force ON allocation_changes (team_id, user_id, effective_date, id);

CREATE TABLE away_ranges (
  id         INTEGER PRIMARY KEY,
  team_id    TEXT NOT NULL REFERENCES workspaces (team_id),
  user_id    TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date   TEXT NOT NULL CHECK (end_date >= start_date),
  created_at TEXT NOT NULL
);
CREATE INDEX away_ranges_by_user ON away_ranges (team_id, user_id, start_date);

-- One row per lead per ISO week (of the lead's own calendar). The primary key is the
-- exactly-once guarantee: the row is claimed before the DM is sent.
CREATE TABLE checkins (
  team_id      TEXT NOT NULL REFERENCES workspaces (team_id),
  user_id      TEXT NOT NULL,
  week         TEXT NOT NULL, -- e.g. 2026-W48
  state        TEXT NOT NULL CHECK (state IN ('claimed', 'sent', 'failed', 'answered')),
  attempts     INTEGER NOT NULL DEFAULT 0,
  claimed_at   TEXT,
  sent_at      TEXT,
  reminded_at  TEXT,
  dm_channel   TEXT,
  message_ts   TEXT,
  last_error   TEXT,
  answer_kind  TEXT CHECK (answer_kind IN ('as-planned', 'split', 'away')),
  actual_split TEXT, -- JSON object like allocation_changes.split
  note         TEXT,
  answered_at  TEXT,
  PRIMARY KEY (team_id, user_id, week)
);
CREATE INDEX checkins_by_week ON checkins (team_id, week);

CREATE TABLE digest_posts (
  team_id     TEXT NOT NULL REFERENCES workspaces (team_id),
  channel_id  TEXT NOT NULL,
  month       TEXT NOT NULL, -- YYYY-MM
  state       TEXT NOT NULL CHECK (state IN ('claimed', 'posted', 'failed')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  claimed_at  TEXT,
  posted_at   TEXT,
  message_ts  TEXT,
  chart_error TEXT,
  last_error  TEXT,
  PRIMARY KEY (team_id, channel_id, month)
);
