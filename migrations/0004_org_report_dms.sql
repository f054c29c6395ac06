-- The monthly org report DM: one per rolecall admin and month, claimed before it is sent, so double
-- ticks, two processes and restarts send it once.
CREATE TABLE org_report_dms (
  team_id    TEXT NOT NULL REFERENCES workspaces (team_id),
  user_id    TEXT NOT NULL,
  month      TEXT NOT NULL, -- YYYY-MM
  claimed_at TEXT NOT NULL,
  PRIMARY KEY (team_id, user_id, month)
);
