import { camelRow, type Db, mapAll, mapOne, prepared } from "./db.ts";

export type Team = {
  channelId: string;
  name: string | null;
  digestChannelId: string | null;
  headcount: number | null;
};

type Row = {
  channel_id: string;
  name: string | null;
  digest_channel_id: string | null;
  headcount: number | null;
};

const COLUMNS = "channel_id, name, digest_channel_id, headcount";

/** A team is a channel; the row carries its name and digest settings. */
export class TeamStore {
  constructor(private readonly db: Db) {}

  /** Records a channel on first use and keeps its name fresh. */
  ensure(teamId: string, channelId: string, name: string | null, now: Date): void {
    prepared(
      this.db,
      `INSERT INTO teams (team_id, channel_id, name, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (team_id, channel_id) DO UPDATE SET name = coalesce(excluded.name, teams.name)`,
    ).run(teamId, channelId, name, now.toISOString());
  }

  get(teamId: string, channelId: string): Team | undefined {
    return mapOne(
      prepared(this.db, `SELECT ${COLUMNS} FROM teams WHERE team_id = ? AND channel_id = ?`),
      camelRow<Row>,
      teamId,
      channelId,
    );
  }

  list(teamId: string): Team[] {
    return mapAll(
      prepared(this.db, `SELECT ${COLUMNS} FROM teams WHERE team_id = ? ORDER BY name, channel_id`),
      camelRow<Row>,
      teamId,
    );
  }

  update(
    teamId: string,
    channelId: string,
    patch: { name?: string | null; digestChannelId?: string | null; headcount?: number | null },
  ): void {
    const current = this.get(teamId, channelId);
    if (!current) return;
    const next = { ...current, ...patch };
    prepared(
      this.db,
      "UPDATE teams SET name = ?, digest_channel_id = ?, headcount = ? WHERE team_id = ? AND channel_id = ?",
    ).run(next.name, next.digestChannelId, next.headcount, teamId, channelId);
  }
}
