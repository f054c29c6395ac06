import { type Db, prepared } from "./db.ts";

export type Profile = {
  teamId: string;
  userId: string;
  displayName: string | null;
  tz: string | null;
  isSlackAdmin: boolean;
  profileFetchedAt: string | null;
  checkinWeekday: number | null;
  checkinTime: string | null;
  checkinPaused: boolean;
  digestPrivate: boolean;
};

type Row = {
  team_id: string;
  user_id: string;
  display_name: string | null;
  tz: string | null;
  is_slack_admin: number;
  profile_fetched_at: string | null;
  checkin_weekday: number | null;
  checkin_time: string | null;
  checkin_paused: number;
  digest_private: number;
};

export class PeopleStore {
  constructor(private readonly db: Db) {}

  get(teamId: string, userId: string): Profile | undefined {
    const row = prepared(this.db, "SELECT * FROM people WHERE team_id = ? AND user_id = ?").get(
      teamId,
      userId,
    ) as Row | undefined;
    return row && toProfile(row);
  }

  /** Records the Slack profile fields we cache (time zone, admin flag, name). */
  saveSlackProfile(
    teamId: string,
    userId: string,
    p: { displayName: string | null; tz: string | null; isSlackAdmin: boolean },
    fetchedAt: Date,
  ): void {
    prepared(
      this.db,
      `INSERT INTO people (team_id, user_id, display_name, tz, is_slack_admin, profile_fetched_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (team_id, user_id) DO UPDATE SET display_name = excluded.display_name, tz = excluded.tz,
           is_slack_admin = excluded.is_slack_admin, profile_fetched_at = excluded.profile_fetched_at`,
    ).run(teamId, userId, p.displayName, p.tz, p.isSlackAdmin ? 1 : 0, fetchedAt.toISOString());
  }

  /** Ensures a row exists so per-person settings can be updated. */
  ensure(teamId: string, userId: string): void {
    prepared(
      this.db,
      "INSERT INTO people (team_id, user_id) VALUES (?, ?) ON CONFLICT (team_id, user_id) DO NOTHING",
    ).run(teamId, userId);
  }

  setCheckinPaused(teamId: string, userId: string, paused: boolean): void {
    this.ensure(teamId, userId);
    prepared(this.db, "UPDATE people SET checkin_paused = ? WHERE team_id = ? AND user_id = ?").run(
      paused ? 1 : 0,
      teamId,
      userId,
    );
  }

  setCheckinSlot(teamId: string, userId: string, weekday: number, time: string): void {
    this.ensure(teamId, userId);
    prepared(
      this.db,
      "UPDATE people SET checkin_weekday = ?, checkin_time = ? WHERE team_id = ? AND user_id = ?",
    ).run(weekday, time, teamId, userId);
  }

  setDigestPrivate(teamId: string, userId: string, isPrivate: boolean): void {
    this.ensure(teamId, userId);
    prepared(this.db, "UPDATE people SET digest_private = ? WHERE team_id = ? AND user_id = ?").run(
      isPrivate ? 1 : 0,
      teamId,
      userId,
    );
  }
}

function toProfile(row: Row): Profile {
  return {
    teamId: row.team_id,
    userId: row.user_id,
    displayName: row.display_name,
    tz: row.tz,
    isSlackAdmin: row.is_slack_admin === 1,
    profileFetchedAt: row.profile_fetched_at,
    checkinWeekday: row.checkin_weekday,
    checkinTime: row.checkin_time,
    checkinPaused: row.checkin_paused === 1,
    digestPrivate: row.digest_private === 1,
  };
}
