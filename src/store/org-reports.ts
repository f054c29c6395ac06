/**
 * `org_report_dms`: one row per admin and month. The org report's DM is claimed here before Slack is
 * called (insert-or-nothing on the primary key), so it goes out at most once per admin and month.
 */
import { type Db, prepared } from "./db.ts";

export class OrgReportStore {
  constructor(private readonly db: Db) {}

  /** True once per admin and month, ever: the caller may send. */
  claimAdminDm(teamId: string, userId: string, month: string, now: Date): boolean {
    return (
      prepared(
        this.db,
        `INSERT INTO org_report_dms (team_id, user_id, month, claimed_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (team_id, user_id, month) DO NOTHING`,
      ).run(teamId, userId, month, now.toISOString()).changes === 1
    );
  }

  /** The admins already claimed for `month`. */
  claimedFor(teamId: string, month: string): Set<string> {
    const rows = prepared(this.db, "SELECT user_id FROM org_report_dms WHERE team_id = ? AND month = ?").all(
      teamId,
      month,
    ) as { user_id: string }[];
    return new Set(rows.map((r) => r.user_id));
  }
}
