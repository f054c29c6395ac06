-- Distribution mode: one row per workspace that installed rolecall through Slack OAuth.
-- Not tied to workspaces (team_id): the install comes before the workspace's first command.
CREATE TABLE installations (
  team_id              TEXT PRIMARY KEY,
  enterprise_id        TEXT,               -- the Enterprise Grid org of a workspace install, if any
  team_name            TEXT,
  app_id               TEXT,
  bot_token            TEXT,               -- NULL once uninstalled or revoked
  bot_user_id          TEXT NOT NULL,
  bot_id               TEXT NOT NULL,
  bot_scopes           TEXT NOT NULL,      -- comma-separated, as Slack granted them
  installer_user_id    TEXT NOT NULL,
  bot_token_expires_at INTEGER,            -- unix seconds; only with token rotation
  bot_refresh_token    TEXT,               -- only with token rotation; NULL once uninstalled
  installed_at         TEXT NOT NULL,
  uninstalled_at       TEXT                -- set by app_uninstalled or tokens_revoked
);
