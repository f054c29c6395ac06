/**
 * Writes answered check-ins and away ranges directly, in the shape the check-in flow stores them
 * (`checkins.state = 'answered'`, `answer_kind`, `actual_split` JSON; `away_ranges`). For seeding
 * the demo workspace, the benchmark's synthetic workspace and tests only: the bot's own writes go
 * through the check-in flow, which also claims, sends and reminds.
 */
import type { Db } from "./db.ts";

export type SeededAnswer =
  | { kind: "as-planned" }
  | { kind: "away" }
  | { kind: "split"; split: Readonly<Record<string, number>> };

export class CheckinSeedStore {
  // Prepared once: the benchmark seeds about 200,000 weeks through here.
  private readonly answerStmt;
  private readonly awayStmt;

  constructor(db: Db) {
    this.answerStmt = db.prepare(
      `INSERT INTO checkins (team_id, user_id, week, state, attempts, claimed_at, sent_at, answer_kind, actual_split, answered_at)
       VALUES (?, ?, ?, 'answered', 1, ?, ?, ?, ?, ?)
       ON CONFLICT (team_id, user_id, week) DO UPDATE SET state = 'answered', answer_kind = excluded.answer_kind,
         actual_split = excluded.actual_split, answered_at = excluded.answered_at`,
    );
    this.awayStmt = db.prepare(
      "INSERT INTO away_ranges (team_id, user_id, start_date, end_date, created_at) VALUES (?, ?, ?, ?, ?)",
    );
  }

  /** Records one week's answer (replacing any earlier row for that week). */
  answer(teamId: string, userId: string, week: string, answer: SeededAnswer, answeredAt: Date): void {
    const at = answeredAt.toISOString();
    const split = answer.kind === "split" ? JSON.stringify(answer.split) : null;
    this.answerStmt.run(teamId, userId, week, at, at, answer.kind, split, at);
  }

  /** Records days away, both ends included. */
  away(teamId: string, userId: string, start: string, end: string, createdAt: Date): void {
    this.awayStmt.run(teamId, userId, start, end, createdAt.toISOString());
  }
}
