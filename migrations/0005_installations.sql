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

-- Each OAuth state is accepted once: a state already used (a replayed redirect) is refused.
-- Rows older than the state's lifetime are pruned as new ones are added.
CREATE TABLE oauth_states_used (
  state_hash TEXT PRIMARY KEY, -- sha256 of the state, so the table holds nothing replayable
  used_at    TEXT NOT NULL
);
