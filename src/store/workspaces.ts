import type { Db } from "./db.ts";

export type WorkspaceSettings = {
  teamId: string;
  timezone: string;
  checkinWeekday: number;
  checkinTime: string;
  reminderAfterHours: number;
  driftThresholdPp: number;
  digestTime: string;
  catalogSeededAt: string | null;
};

type Row = {
  team_id: string;
  timezone: string;
  checkin_weekday: number;
  checkin_time: string;
  reminder_after_hours: number;
  drift_threshold_pp: number;
  digest_time: string;
  catalog_seeded_at: string | null;
};

export class WorkspaceStore {
  constructor(private readonly db: Db) {}

  /** Creates the workspace row on first sight; returns whether it was new. */
  ensure(teamId: string, now: Date): boolean {
    const r = this.db
      .prepare("INSERT INTO workspaces (team_id, created_at) VALUES (?, ?) ON CONFLICT (team_id) DO NOTHING")
      .run(teamId, now.toISOString());
    return r.changes > 0;
  }

  get(teamId: string): WorkspaceSettings | undefined {
    const row = this.db.prepare("SELECT * FROM workspaces WHERE team_id = ?").get(teamId) as Row | undefined;
    return row && toSettings(row);
  }

  list(): WorkspaceSettings[] {
    return (this.db.prepare("SELECT * FROM workspaces ORDER BY team_id").all() as Row[]).map(toSettings);
  }

  update(teamId: string, patch: Partial<Omit<WorkspaceSettings, "teamId" | "catalogSeededAt">>): void {
    const columns: Record<string, string> = {
      timezone: "timezone",
      checkinWeekday: "checkin_weekday",
      checkinTime: "checkin_time",
      reminderAfterHours: "reminder_after_hours",
      driftThresholdPp: "drift_threshold_pp",
      digestTime: "digest_time",
    };
    const entries = Object.entries(patch).filter(([k, v]) => v !== undefined && columns[k]);
    if (entries.length === 0) return;
    const sets = entries.map(([k]) => `${columns[k]} = ?`).join(", ");
    this.db
      .prepare(`UPDATE workspaces SET ${sets} WHERE team_id = ?`)
      .run(...entries.map(([, v]) => v), teamId);
  }

  markCatalogSeeded(teamId: string, now: Date): void {
    this.db
      .prepare("UPDATE workspaces SET catalog_seeded_at = ? WHERE team_id = ?")
      .run(now.toISOString(), teamId);
  }
}

function toSettings(row: Row): WorkspaceSettings {
  return {
    teamId: row.team_id,
    timezone: row.timezone,
    checkinWeekday: row.checkin_weekday,
    checkinTime: row.checkin_time,
    reminderAfterHours: row.reminder_after_hours,
    driftThresholdPp: row.drift_threshold_pp,
    digestTime: row.digest_time,
    catalogSeededAt: row.catalog_seeded_at,
  };
}
