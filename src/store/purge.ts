import type { Db } from "./db.ts";

/** Every table that holds a workspace's rows: each one with a team_id column, read from the schema. */
export function workspaceTables(db: Db): string[] {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  // Read from the schema rather than listed, so a table added by a later migration is purged too.
  return tables.filter((table) =>
    (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).some(
      (c) => c.name === "team_id",
    ),
  );
}

/** Deletes every row of one workspace, in every table, in one transaction; returns the rows deleted per table. */
export function purgeWorkspace(db: Db, teamId: string): Record<string, number> {
  return db.transaction(() => {
    // Foreign keys are checked at commit, when the workspace's rows are all gone, so order does not matter.
    db.pragma("defer_foreign_keys = ON");
    const deleted: Record<string, number> = {};
    for (const table of workspaceTables(db)) {
      deleted[table] = db.prepare(`DELETE FROM "${table}" WHERE team_id = ?`).run(teamId).changes;
    }
    return deleted;
  })();
}
