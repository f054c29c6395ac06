import { camelRow, type Db, mapOne, prepared, UntilWriteCache } from "./db.ts";

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
  /** Their own public-holiday place (`/role checkin country`); null: the workspace's. */
  holidayCountry: string | null;
  holidayRegion: string | null;
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
  holiday_country: string | null;
  holiday_region: string | null;
};

const COLUMNS =
  "team_id, user_id, display_name, tz, is_slack_admin, profile_fetched_at, checkin_weekday, checkin_time, checkin_paused, digest_private, holiday_country, holiday_region";

export class PeopleStore {
  /** Read on every "Did you mean?" (the deciders' names) and every admin check; re-read after a write. */
  private readonly profiles: UntilWriteCache<Profile | undefined>;

  constructor(private readonly db: Db) {
    this.profiles = new UntilWriteCache(db, 5000);
  }

  get(teamId: string, userId: string): Profile | undefined {
    const profile = this.profiles.get(`${teamId} ${userId}`, () =>
      mapOne(
        prepared(this.db, `SELECT ${COLUMNS} FROM people WHERE team_id = ? AND user_id = ?`),
        toProfile,
        teamId,
        userId,
      ),
    );
    return profile && { ...profile };
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
    this.setFlag(teamId, userId, "checkin_paused", paused);
  }

  setCheckinSlot(teamId: string, userId: string, weekday: number, time: string): void {
    this.ensure(teamId, userId);
    prepared(
      this.db,
      "UPDATE people SET checkin_weekday = ?, checkin_time = ? WHERE team_id = ? AND user_id = ?",
    ).run(weekday, time, teamId, userId);
  }

  /** Their own public-holiday place; null country clears it (back to the workspace's). */
  setHolidayPlace(teamId: string, userId: string, country: string | null, region: string | null): void {
    this.ensure(teamId, userId);
    prepared(
      this.db,
      "UPDATE people SET holiday_country = ?, holiday_region = ? WHERE team_id = ? AND user_id = ?",
    ).run(country, country ? region : null, teamId, userId);
  }

  setDigestPrivate(teamId: string, userId: string, isPrivate: boolean): void {
    this.setFlag(teamId, userId, "digest_private", isPrivate);
  }

  private setFlag(
    teamId: string,
    userId: string,
    column: "checkin_paused" | "digest_private",
    on: boolean,
  ): void {
    this.ensure(teamId, userId);
    prepared(this.db, `UPDATE people SET ${column} = ? WHERE team_id = ? AND user_id = ?`).run(
      on ? 1 : 0,
      teamId,
      userId,
    );
  }
}

function toProfile(row: Row): Profile {
  return {
    ...camelRow(row),
    isSlackAdmin: row.is_slack_admin === 1,
    checkinPaused: row.checkin_paused === 1,
    digestPrivate: row.digest_private === 1,
  };
}
