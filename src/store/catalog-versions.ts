import { camelRow, type Db, mapAll, mapOne, prepared } from "./db.ts";

/** Which version of the default catalog a workspace's copy was last brought up to date with. */
export type CatalogVersion = { teamId: string; version: string; syncedAt: string };

/** A workspace whose catalog was copied, with the version its copy is at (null: from before versions were kept). */
export type SeededWorkspace = {
  teamId: string;
  catalogSeededAt: string;
  version: string | null;
  syncedAt: string | null;
};

type Row = { team_id: string; version: string; synced_at: string };
type SeededRow = {
  team_id: string;
  catalog_seeded_at: string;
  version: string | null;
  synced_at: string | null;
};

export class CatalogVersionStore {
  constructor(private readonly db: Db) {}

  get(teamId: string): CatalogVersion | undefined {
    return mapOne(
      prepared(this.db, "SELECT team_id, version, synced_at FROM catalog_versions WHERE team_id = ?"),
      camelRow<Row>,
      teamId,
    );
  }

  /** Every workspace whose catalog was copied, by team id: the ones a sync may have to bring up to date. */
  seeded(): SeededWorkspace[] {
    return mapAll(
      prepared(
        this.db,
        `SELECT w.team_id, w.catalog_seeded_at, v.version, v.synced_at
           FROM workspaces w LEFT JOIN catalog_versions v ON v.team_id = w.team_id
          WHERE w.catalog_seeded_at IS NOT NULL
          ORDER BY w.team_id`,
      ),
      camelRow<SeededRow>,
    );
  }

  record(teamId: string, version: string, now: Date): void {
    prepared(
      this.db,
      `INSERT INTO catalog_versions (team_id, version, synced_at) VALUES (?, ?, ?)
         ON CONFLICT (team_id) DO UPDATE SET version = excluded.version, synced_at = excluded.synced_at`,
    ).run(teamId, version, now.toISOString());
  }
}
