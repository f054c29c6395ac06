import type { DecisionArea } from "../domain/catalog.ts";
import type { RoleId } from "../domain/roles.ts";
import { type Db, mapAll, mapOne, prepared, UntilWriteCache } from "./db.ts";

export type StoredArea = DecisionArea & { isCustom: boolean };

type Row = {
  area_id: string;
  title: string;
  description: string;
  keywords: string;
  decider_role: string;
  consulted: string;
  informed: string;
  source: string;
  is_custom: number;
};

/** An area's editable content in the column order title, description, keywords, decider, consulted, informed. */
function contentColumns(area: Omit<DecisionArea, "id" | "source">) {
  return [
    area.title,
    area.description,
    JSON.stringify(area.keywords),
    area.decider,
    JSON.stringify(area.consulted),
    JSON.stringify(area.informed),
  ];
}

export class AreaStore {
  private readonly revisions;

  constructor(private readonly db: Db) {
    this.revisions = new UntilWriteCache<string>(db);
  }

  /** Copies areas into a workspace's catalog; existing ids are left as they are. */
  seed(teamId: string, areas: readonly DecisionArea[], now: Date): number {
    const insert = prepared(
      this.db,
      `INSERT INTO areas (team_id, area_id, title, description, keywords, decider_role, consulted, informed, source, is_custom, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?) ON CONFLICT (team_id, area_id) DO NOTHING`,
    );
    let added = 0;
    this.db.transaction(() => {
      for (const a of areas) {
        added += insert.run(teamId, a.id, ...contentColumns(a), a.source, now.toISOString()).changes;
      }
    })();
    return added;
  }

  list(teamId: string): StoredArea[] {
    return mapAll(
      prepared(this.db, "SELECT * FROM areas WHERE team_id = ? ORDER BY is_custom, rowid"),
      toArea,
      teamId,
    );
  }

  /**
   * Changes whenever an area is added, removed or edited: the matcher index is rebuilt only then. It
   * lives in the database because the bot's cache must notice an edit made by another process (the CLI).
   */
  revision(teamId: string): string {
    // Asked on every who-decides; the sum reads every area, so it is only re-read after a write.
    return this.revisions.get(teamId, () => {
      const r = prepared(
        this.db,
        "SELECT count(*) AS n, coalesce(max(rowid), 0) AS last, coalesce(sum(edits), 0) AS edits FROM areas WHERE team_id = ?",
      ).get(teamId) as { n: number; last: number; edits: number };
      return `${r.n}:${r.last}:${r.edits}`;
    });
  }

  get(teamId: string, areaId: string): StoredArea | undefined {
    return mapOne(
      prepared(this.db, "SELECT * FROM areas WHERE team_id = ? AND area_id = ?"),
      toArea,
      teamId,
      areaId,
    );
  }

  /** Finds an area by its id or its title, ignoring case. */
  findByName(teamId: string, name: string): StoredArea | undefined {
    return mapOne(
      prepared(
        this.db,
        "SELECT * FROM areas WHERE team_id = ? AND (area_id = lower(?) OR lower(title) = lower(?)) LIMIT 1",
      ),
      toArea,
      teamId,
      name,
      name,
    );
  }

  addCustom(teamId: string, area: DecisionArea, createdBy: string, now: Date): void {
    prepared(
      this.db,
      `INSERT INTO areas (team_id, area_id, title, description, keywords, decider_role, consulted, informed, source, is_custom, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'custom', 1, ?, ?)`,
    ).run(teamId, area.id, ...contentColumns(area), createdBy, now.toISOString());
  }

  /** Rewrites a custom area in place (the default catalog's areas are never edited); false if there is none. */
  updateCustom(teamId: string, area: Omit<DecisionArea, "source">): boolean {
    return (
      prepared(
        this.db,
        `UPDATE areas SET title = ?, description = ?, keywords = ?, decider_role = ?, consulted = ?, informed = ?,
             edits = edits + 1
           WHERE team_id = ? AND area_id = ? AND is_custom = 1`,
      ).run(...contentColumns(area), teamId, area.id).changes === 1
    );
  }
}

function toArea(row: Row): StoredArea {
  return {
    id: row.area_id,
    title: row.title,
    description: row.description,
    keywords: JSON.parse(row.keywords) as string[],
    decider: row.decider_role as RoleId,
    consulted: JSON.parse(row.consulted) as RoleId[],
    informed: JSON.parse(row.informed) as RoleId[],
    source: row.source,
    isCustom: row.is_custom === 1,
  };
}
