-- 0001 has been released, so its tables change here.

-- A digest month with no hybrid lead is recorded as skipped. SQLite cannot alter a CHECK constraint,
-- so the table is rebuilt with its rows (nothing references it).
CREATE TABLE digest_posts_next (
  team_id     TEXT NOT NULL REFERENCES workspaces (team_id),
  channel_id  TEXT NOT NULL,
  month       TEXT NOT NULL, -- YYYY-MM
  state       TEXT NOT NULL CHECK (state IN ('claimed', 'posted', 'failed', 'skipped')), -- skipped: no hybrid lead that month
  attempts    INTEGER NOT NULL DEFAULT 0,
  claimed_at  TEXT,
  posted_at   TEXT,
  message_ts  TEXT,
  chart_error TEXT,
  last_error  TEXT,
  PRIMARY KEY (team_id, channel_id, month)
);
INSERT INTO digest_posts_next SELECT * FROM digest_posts;
DROP TABLE digest_posts;
ALTER TABLE digest_posts_next RENAME TO digest_posts;

-- One private-figures DM per lead and month, however many teams they lead (claimed before sending).
CREATE TABLE digest_dms (
  team_id    TEXT NOT NULL REFERENCES workspaces (team_id),
  user_id    TEXT NOT NULL,
  month      TEXT NOT NULL, -- YYYY-MM
  claimed_at TEXT NOT NULL,
  PRIMARY KEY (team_id, user_id, month)
);

-- Bumped on every edit of an area, so each process's matcher cache rebuilds.
ALTER TABLE areas ADD COLUMN edits INTEGER NOT NULL DEFAULT 0;
