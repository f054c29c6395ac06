import type { DecisionArea } from "../domain/catalog.ts";
import { areaContentHash, type CatalogSyncPlan, type CopiedArea } from "../domain/catalog-sync.ts";
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

type CopyRow = Row & { default_hash: string | null; edits: number; in_use: number };

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

  /** Copies default areas into a workspace's catalog; existing ids are left as they are. */
  seed(teamId: string, areas: readonly DecisionArea[], now: Date): number {
    const insert = prepared(
      this.db,
      `INSERT INTO areas (team_id, area_id, title, description, keywords, decider_role, consulted, informed, source, is_custom, created_at, default_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) ON CONFLICT (team_id, area_id) DO NOTHING`,
    );
    let added = 0;
    this.db.transaction(() => {
      for (const a of areas) {
        added += insert.run(
          teamId,
          a.id,
          ...contentColumns(a),
          a.source,
          now.toISOString(),
          areaContentHash(a),
        ).changes;
      }
    })();
    return added;
  }

  /** The workspace's catalog with what a sync with the default catalog needs to know of each area. */
  listCopies(teamId: string): CopiedArea[] {
    return mapAll(
      prepared(
        this.db,
        `SELECT a.*,
           EXISTS (SELECT 1 FROM decider_overrides o WHERE o.team_id = a.team_id AND o.area_id = a.area_id)
             OR EXISTS (SELECT 1 FROM learned_phrasings l WHERE l.team_id = a.team_id AND l.area_id = a.area_id)
             AS in_use
         FROM areas a WHERE a.team_id = ? ORDER BY a.is_custom, a.rowid`,
      ),
      (row: CopyRow) => ({
        ...toArea(row),
        defaultHash: row.default_hash,
        edits: row.edits,
        inUse: row.in_use === 1,
      }),
      teamId,
    );
  }

  /** Ids of default areas the workspace deleted. */
  removedDefaults(teamId: string): Set<string> {
    const ids = prepared(this.db, "SELECT area_id FROM removed_default_areas WHERE team_id = ?")
      .pluck()
      .all(teamId) as string[];
    return new Set(ids);
  }

  /**
   * Writes a sync's plan. Updated rows count as edits, so every process's matcher cache rebuilds;
   * areas the sync removes are not recorded as deleted on purpose, so a default catalog that brings
   * one back brings it back here too. The caller holds the transaction.
   */
  applySync(teamId: string, plan: CatalogSyncPlan, now: Date): void {
    const update = prepared(
      this.db,
      `UPDATE areas SET title = ?, description = ?, keywords = ?, decider_role = ?, consulted = ?, informed = ?,
           source = ?, default_hash = ?, edits = edits + 1
         WHERE team_id = ? AND area_id = ? AND is_custom = 0`,
    );
    for (const a of plan.update) {
      update.run(...contentColumns(a), a.source, areaContentHash(a), teamId, a.id);
    }
    const rebase = prepared(
      this.db,
      "UPDATE areas SET default_hash = ? WHERE team_id = ? AND area_id = ? AND is_custom = 0",
    );
    for (const a of plan.rebase) rebase.run(areaContentHash(a), teamId, a.id);
    const remove = prepared(this.db, "DELETE FROM areas WHERE team_id = ? AND area_id = ? AND is_custom = 0");
    for (const id of plan.remove) remove.run(teamId, id);
    this.seed(teamId, plan.add, now);
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

  /**
   * Deletes an area with the channel deciders set for it; what the workspace learned for it goes
   * too (the foreign key cascades). A default area is remembered as deleted, so that bringing the
   * catalog up to date does not add it back. False when there was no such area.
   */
  remove(teamId: string, areaId: string): boolean {
    let removed = false;
    this.db.transaction(() => {
      const area = this.get(teamId, areaId);
      if (!area) return;
      prepared(this.db, "DELETE FROM decider_overrides WHERE team_id = ? AND area_id = ?").run(
        teamId,
        areaId,
      );
      prepared(this.db, "DELETE FROM areas WHERE team_id = ? AND area_id = ?").run(teamId, areaId);
      if (!area.isCustom) {
        prepared(
          this.db,
          "INSERT INTO removed_default_areas (team_id, area_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
        ).run(teamId, areaId);
      }
      removed = true;
    })();
    return removed;
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
