-- Keeping each workspace's copy of the default catalog up to date (docs/who-decides.md, "The catalog").

-- The version of catalog/default.yml a workspace's copy was last brought up to date with: a hash of
-- the default areas as parsed, in file order. No row: copied before versions were recorded.
CREATE TABLE catalog_versions (
  team_id   TEXT PRIMARY KEY REFERENCES workspaces (team_id),
  version   TEXT NOT NULL,
  synced_at TEXT NOT NULL
);

-- For a copy of a default area, the hash of the default content it was last taken from: a copy that
-- no longer hashes to it was edited in the workspace, and keeps its edit. NULL for custom areas and
-- for copies made before this migration.
ALTER TABLE areas ADD COLUMN default_hash TEXT;

-- Default areas a workspace deleted on purpose: bringing its copy up to date does not add them back.
CREATE TABLE removed_default_areas (
  team_id TEXT NOT NULL REFERENCES workspaces (team_id),
  area_id TEXT NOT NULL,
  PRIMARY KEY (team_id, area_id)
);
