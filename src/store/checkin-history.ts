import type { Db } from "./db.ts";

/** One week a check-in was due, as the check-in flow stored it (store/checkins.ts writes the table). */
export type CheckinWeek = {
  week: string;
  state: "claimed" | "sent" | "failed" | "answered";
  /** Null until the lead answers. */
  kind: "as-planned" | "split" | "away" | null;
  /** The split the lead reported, when they gave one. */
  actualSplit: Record<string, number> | null;
  note: string | null;
  answeredAt: string | null;
};

type Row = {
  week: string;
  state: CheckinWeek["state"];
  answer_kind: "as-planned" | "split" | "away" | null;
  actual_split: string | null;
  note: string | null;
  answered_at: string | null;
};

/** Read-only questions over `checkins` for the views (whois, App Home); never writes. */
export class CheckinHistoryStore {
  private readonly lastWeeksStmt;

  constructor(db: Db) {
    // The primary key (team_id, user_id, week) serves this as one backwards index scan.
    this.lastWeeksStmt = db.prepare(
      `SELECT week, state, answer_kind, actual_split, note, answered_at FROM checkins
       WHERE team_id = ? AND user_id = ? ORDER BY week DESC LIMIT ?`,
    );
  }

  /**
   * A person's last `limit` check-ins, newest first, answered or not: a week nobody answered is part
   * of the record too. Weeks without a row (paused, away, not yet a hybrid lead) were never asked.
   */
  lastWeeks(teamId: string, userId: string, limit: number): CheckinWeek[] {
    return (this.lastWeeksStmt.all(teamId, userId, limit) as Row[]).map((r) => ({
      week: r.week,
      state: r.state,
      kind: r.state === "answered" ? r.answer_kind : null,
      actualSplit: r.actual_split ? (JSON.parse(r.actual_split) as Record<string, number>) : null,
      note: r.note,
      answeredAt: r.answered_at,
    }));
  }
}
