-- Public holidays: the country (ISO 3166-1 alpha-2) and optional region (the date-holidays package's
-- state code) whose holidays move a check-in. A person's own place wins over the workspace's.
ALTER TABLE workspaces ADD COLUMN holiday_country TEXT;
ALTER TABLE workspaces ADD COLUMN holiday_region TEXT;
ALTER TABLE people ADD COLUMN holiday_country TEXT;
ALTER TABLE people ADD COLUMN holiday_region TEXT;
