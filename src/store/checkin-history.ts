import type { Db } from "./db.ts";

/** One answered weekly check-in, as stored by the check-in flow (store/checkins.ts writes the table). */
export type AnsweredWeek = {
  week: string;
  kind: "as-planned" | "split" | "away";
  /** The split the lead reported, when they gave one. */
  actualSplit: Record<string, number> | null;
  note: string | null;
  answeredAt: string | null;
};

type Row = {
  week: string;
  answer_kind: "as-planned" | "split" | "away";
  actual_split: string | null;
  note: string | null;
  answered_at: string | null;
};

/** Read-only questions over `checkins` for the views (whois, App Home); never writes. */
export class CheckinHistoryStore {
  private readonly lastStmt;

  constructor(db: Db) {
    // The primary key (team_id, user_id, week) serves this as one backwards index scan.
    this.lastStmt = db.prepare(
      `SELECT week, answer_kind, actual_split, note, answered_at FROM checkins
       WHERE team_id = ? AND user_id = ? AND state = 'answered' AND answer_kind IS NOT NULL
       ORDER BY week DESC LIMIT ?`,
    );
  }

  /** A person's last `limit` answered weeks, newest first. */
  lastAnswered(teamId: string, userId: string, limit: number): AnsweredWeek[] {
    return (this.lastStmt.all(teamId, userId, limit) as Row[]).map((r) => ({
      week: r.week,
      kind: r.answer_kind,
      actualSplit: r.actual_split ? (JSON.parse(r.actual_split) as Record<string, number>) : null,
      note: r.note,
      answeredAt: r.answered_at,
    }));
  }
}
