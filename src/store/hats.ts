import type { RoleId } from "../domain/roles.ts";
import { camelRow, type Db, mapAll, prepared, UntilWriteCache } from "./db.ts";

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

// Roles are stored only by the stores' writers, from a RoleId.
type ChangeRow = {
  channel_id: string;
  user_id: string;
  role: RoleId;
  action: "assign" | "unassign";
  effective_date: string;
  recorded_by: string;
  recorded_at: string;
};

type HatRow = Pick<ChangeRow, "channel_id" | "user_id" | "role">;

const CHANGE_COLUMNS = "channel_id, user_id, role, action, effective_date, recorded_by, recorded_at";

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
      mapAll(this.byChannel, camelRow<HatRow>, { team: teamId, date, key: channelId }),
    );
    return [...hats];
  }

  /** One person's hats across every team on a date. */
  ofUser(teamId: string, userId: string, date: string): Hat[] {
    return mapAll(this.byUser, camelRow<HatRow>, { team: teamId, date, key: userId });
  }

  /** Every hat in the workspace on a date. */
  allOn(teamId: string, date: string): Hat[] {
    return mapAll(this.all, camelRow<HatRow>, { team: teamId, date, key: null });
  }

  history(teamId: string): HatChange[] {
    return mapAll(
      prepared(
        this.db,
        `SELECT ${CHANGE_COLUMNS} FROM hat_changes WHERE team_id = ? ORDER BY effective_date, id`,
      ),
      camelRow<ChangeRow>,
      teamId,
    );
  }
}
