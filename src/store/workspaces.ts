import { camelRow, type Db, mapAll, mapOne, prepared, UntilWriteCache } from "./db.ts";

export type WorkspaceSettings = {
  teamId: string;
  timezone: string;
  checkinWeekday: number;
  checkinTime: string;
  reminderAfterHours: number;
  driftThresholdPp: number;
  digestTime: string;
  catalogSeededAt: string | null;
  /** Public holidays for check-ins (roles file `settings.holidays`); null: none. */
  holidayCountry: string | null;
  holidayRegion: string | null;
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
  holiday_country: string | null;
  holiday_region: string | null;
};

const COLUMNS =
  "team_id, timezone, checkin_weekday, checkin_time, reminder_after_hours, drift_threshold_pp, digest_time, catalog_seeded_at, holiday_country, holiday_region";

export class WorkspaceStore {
  private readonly known = new Set<string>();
  private readonly settings;

  constructor(private readonly db: Db) {
    this.settings = new UntilWriteCache<WorkspaceSettings | undefined>(db);
  }

  /** Creates the workspace row on first sight; returns whether it was new. */
  ensure(teamId: string, now: Date): boolean {
    // Rows are deleted only by a purge (which calls forget): a workspace seen once needs no write on every later command.
    if (this.known.has(teamId)) return false;
    const r = prepared(
      this.db,
      "INSERT INTO workspaces (team_id, created_at) VALUES (?, ?) ON CONFLICT (team_id) DO NOTHING",
    ).run(teamId, now.toISOString());
    // Inside a transaction the row may yet be rolled back: only a committed row is known.
    if (!this.db.inTransaction) this.known.add(teamId);
    return r.changes > 0;
  }

  /** After a purge: the workspace must be created again if it comes back. */
  forget(teamId: string): void {
    this.known.delete(teamId);
  }

  get(teamId: string): WorkspaceSettings | undefined {
    // Read by nearly every command (time zone, defaults); re-read only after a write.
    const settings = this.settings.get(teamId, () => {
      return mapOne(
        prepared(this.db, `SELECT ${COLUMNS} FROM workspaces WHERE team_id = ?`),
        camelRow<Row>,
        teamId,
      );
    });
    return settings && { ...settings };
  }

  list(): WorkspaceSettings[] {
    return mapAll(prepared(this.db, `SELECT ${COLUMNS} FROM workspaces ORDER BY team_id`), camelRow<Row>);
  }

  update(teamId: string, patch: Partial<Omit<WorkspaceSettings, "teamId" | "catalogSeededAt">>): void {
    const columns: Record<string, string> = {
      timezone: "timezone",
      checkinWeekday: "checkin_weekday",
      checkinTime: "checkin_time",
      reminderAfterHours: "reminder_after_hours",
      driftThresholdPp: "drift_threshold_pp",
      digestTime: "digest_time",
      holidayCountry: "holiday_country",
      holidayRegion: "holiday_region",
    };
    // null is a value here: it clears the holiday place.
    const entries = Object.entries(patch).filter(([k, v]) => v !== undefined && columns[k]);
    if (entries.length === 0) return;
    const sets = entries.map(([k]) => `${columns[k]} = ?`).join(", ");
    prepared(this.db, `UPDATE workspaces SET ${sets} WHERE team_id = ?`).run(
      ...entries.map(([, v]) => v),
      teamId,
    );
  }

  markCatalogSeeded(teamId: string, now: Date): void {
    prepared(this.db, "UPDATE workspaces SET catalog_seeded_at = ? WHERE team_id = ?").run(
      now.toISOString(),
      teamId,
    );
  }
}
