import type { RoleId } from "../domain/roles.ts";
import { type Db, mapAll, prepared, UntilWriteCache } from "./db.ts";

export type DeciderOverride = {
  channelId: string;
  areaId: string;
  decider: { role: RoleId } | { userId: string };
  setBy: string;
  setAt: string;
};

type Row = {
  channel_id: string;
  area_id: string;
  decider_role: string | null;
  decider_user_id: string | null;
  set_by: string;
  set_at: string;
};

/** A channel's own decider for an area, replacing the catalog's role for that team only. */
export class OverrideStore {
  private readonly channelOverrides: UntilWriteCache<ReadonlyMap<string, DeciderOverride>>;

  constructor(private readonly db: Db) {
    this.channelOverrides = new UntilWriteCache(db);
  }

  set(teamId: string, o: DeciderOverride): void {
    const role = "role" in o.decider ? o.decider.role : null;
    const user = "userId" in o.decider ? o.decider.userId : null;
    prepared(
      this.db,
      `INSERT INTO decider_overrides (team_id, channel_id, area_id, decider_role, decider_user_id, set_by, set_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (team_id, channel_id, area_id) DO UPDATE SET decider_role = excluded.decider_role,
           decider_user_id = excluded.decider_user_id, set_by = excluded.set_by, set_at = excluded.set_at`,
    ).run(teamId, o.channelId, o.areaId, role, user, o.setBy, o.setAt);
  }

  /** Drops a channel's override so the catalog's decider applies again (used by roles-file import). */
  remove(teamId: string, channelId: string, areaId: string): boolean {
    return (
      prepared(
        this.db,
        "DELETE FROM decider_overrides WHERE team_id = ? AND channel_id = ? AND area_id = ?",
      ).run(teamId, channelId, areaId).changes > 0
    );
  }

  /** A channel's overrides by area id, read by every who-decides and `/role areas`; cached until the next write. */
  inChannel(teamId: string, channelId: string): ReadonlyMap<string, Readonly<DeciderOverride>> {
    return this.channelOverrides.get(
      `${teamId} ${channelId}`,
      () => new Map(this.listForChannel(teamId, channelId).map((o) => [o.areaId, o])),
    );
  }

  listForChannel(teamId: string, channelId: string): DeciderOverride[] {
    return mapAll(
      prepared(
        this.db,
        "SELECT * FROM decider_overrides WHERE team_id = ? AND channel_id = ? ORDER BY area_id",
      ),
      toOverride,
      teamId,
      channelId,
    );
  }

  listAll(teamId: string): DeciderOverride[] {
    return mapAll(
      prepared(this.db, "SELECT * FROM decider_overrides WHERE team_id = ? ORDER BY channel_id, area_id"),
      toOverride,
      teamId,
    );
  }
}

function toOverride(row: Row): DeciderOverride {
  return {
    channelId: row.channel_id,
    areaId: row.area_id,
    decider: row.decider_user_id ? { userId: row.decider_user_id } : { role: row.decider_role as RoleId },
    setBy: row.set_by,
    setAt: row.set_at,
  };
}
