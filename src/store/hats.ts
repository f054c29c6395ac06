import type { RoleId } from "../domain/roles.ts";
import { type Db, prepared, UntilWriteCache } from "./db.ts";

export type HatChange = {
  channelId: string;
  userId: string;
  role: RoleId;
  action: "assign" | "unassign";
  effectiveDate: string;
  recordedBy: string;
  recordedAt: string;
};

export type Hat = { channelId: string; userId: string; role: RoleId };

type ChangeRow = {
  channel_id: string;
  user_id: string;
  role: string;
  action: "assign" | "unassign";
  effective_date: string;
  recorded_by: string;
  recorded_at: string;
};

// The latest change per (channel, user, role) on or before a date decides whether the hat is worn.
const IN_FORCE = `
  SELECT channel_id, user_id, role FROM (
    SELECT channel_id, user_id, role, action,
           row_number() OVER (PARTITION BY channel_id, user_id, role ORDER BY effective_date DESC, id DESC) AS rn
    FROM hat_changes WHERE team_id = @team AND effective_date <= @date AND %FILTER%
  ) WHERE rn = 1 AND action = 'assign' ORDER BY channel_id, role, user_id`;

/** Hats are history: every assign and unassign is kept with the date it takes effect. */
export class HatStore {
  private readonly byChannel;
  private readonly byUser;
  private readonly all;
  private readonly channelHats;

  constructor(private readonly db: Db) {
    this.byChannel = db.prepare(IN_FORCE.replace("%FILTER%", "channel_id = @key"));
    this.byUser = db.prepare(IN_FORCE.replace("%FILTER%", "user_id = @key"));
    this.all = db.prepare(IN_FORCE.replace("%FILTER%", "1 = 1"));
    this.channelHats = new UntilWriteCache<readonly Hat[]>(db);
  }

  record(teamId: string, c: HatChange): void {
    prepared(
      this.db,
      `INSERT INTO hat_changes (team_id, channel_id, user_id, role, action, effective_date, recorded_by, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(teamId, c.channelId, c.userId, c.role, c.action, c.effectiveDate, c.recordedBy, c.recordedAt);
  }

  /** The hats worn in one channel (team) on a date. */
  inChannel(teamId: string, channelId: string, date: string): Hat[] {
    // Every who-decides reads its channel's hats; they change only when someone writes.
    const hats = this.channelHats.get(`${teamId} ${channelId} ${date}`, () =>
      (this.byChannel.all({ team: teamId, date, key: channelId }) as ChangeRow[]).map(toHat),
    );
    return [...hats];
  }

  /** One person's hats across every team on a date. */
  ofUser(teamId: string, userId: string, date: string): Hat[] {
    return (this.byUser.all({ team: teamId, date, key: userId }) as ChangeRow[]).map(toHat);
  }

  /** Every hat in the workspace on a date. */
  allOn(teamId: string, date: string): Hat[] {
    return (this.all.all({ team: teamId, date, key: null }) as ChangeRow[]).map(toHat);
  }

  history(teamId: string): HatChange[] {
    return (
      prepared(this.db, "SELECT * FROM hat_changes WHERE team_id = ? ORDER BY effective_date, id").all(
        teamId,
      ) as ChangeRow[]
    ).map((r) => ({
      channelId: r.channel_id,
      userId: r.user_id,
      role: r.role as RoleId,
      action: r.action,
      effectiveDate: r.effective_date,
      recordedBy: r.recorded_by,
      recordedAt: r.recorded_at,
    }));
  }
}

function toHat(r: ChangeRow): Hat {
  return { channelId: r.channel_id, userId: r.user_id, role: r.role as RoleId };
}
