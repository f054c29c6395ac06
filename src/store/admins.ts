import { type Db, prepared } from "./db.ts";

export class AdminStore {
  constructor(private readonly db: Db) {}

  isListed(teamId: string, userId: string): boolean {
    return !!prepared(this.db, "SELECT 1 FROM admins WHERE team_id = ? AND user_id = ?").get(teamId, userId);
  }

  add(teamId: string, userId: string, addedBy: string, now: Date): boolean {
    const r = prepared(
      this.db,
      "INSERT INTO admins (team_id, user_id, added_by, added_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
    ).run(teamId, userId, addedBy, now.toISOString());
    return r.changes > 0;
  }

  remove(teamId: string, userId: string): boolean {
    return (
      prepared(this.db, "DELETE FROM admins WHERE team_id = ? AND user_id = ?").run(teamId, userId).changes >
      0
    );
  }

  list(teamId: string): string[] {
    return (
      prepared(this.db, "SELECT user_id FROM admins WHERE team_id = ? ORDER BY added_at").all(teamId) as {
        user_id: string;
      }[]
    ).map((r) => r.user_id);
  }
}
