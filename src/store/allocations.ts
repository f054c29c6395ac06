import type { Split } from "../domain/allocation.ts";
import { camelRow, type Db, mapAll, mapOne, prepared } from "./db.ts";

export type AllocationChange = {
  userId: string;
  effectiveDate: string;
  split: Split;
  recordedBy: string;
  recordedAt: string;
};

type Row = {
  user_id: string;
  effective_date: string;
  split: string;
  recorded_by: string;
  recorded_at: string;
};

const COLUMNS = "user_id, effective_date, split, recorded_by, recorded_at";

/** Stated allocations as history: a change is a new row from its effective date; nothing is overwritten. */
export class AllocationStore {
  private readonly inForceStmt;

  constructor(private readonly db: Db) {
    // One seek on the allocation_in_force index.
    this.inForceStmt = db.prepare(
      `SELECT ${COLUMNS} FROM allocation_changes WHERE team_id = ? AND user_id = ? AND effective_date <= ?
       ORDER BY effective_date DESC, id DESC LIMIT 1`,
    );
  }

  record(teamId: string, c: AllocationChange): void {
    prepared(
      this.db,
      "INSERT INTO allocation_changes (team_id, user_id, effective_date, split, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
    ).run(teamId, c.userId, c.effectiveDate, JSON.stringify(c.split), c.recordedBy, c.recordedAt);
  }

  /** The allocation in force for a person on a date (the latest change on or before it). */
  inForce(teamId: string, userId: string, date: string): AllocationChange | undefined {
    return mapOne(this.inForceStmt, toChange, teamId, userId, date);
  }

  /** A person's changes in effective order (later recordings win on the same date). */
  history(teamId: string, userId: string): AllocationChange[] {
    return mapAll(
      prepared(
        this.db,
        `SELECT ${COLUMNS} FROM allocation_changes WHERE team_id = ? AND user_id = ? ORDER BY effective_date, id`,
      ),
      toChange,
      teamId,
      userId,
    );
  }

  /** Every change in the workspace, in effective order. */
  all(teamId: string): AllocationChange[] {
    return mapAll(
      prepared(
        this.db,
        `SELECT ${COLUMNS} FROM allocation_changes WHERE team_id = ? ORDER BY user_id, effective_date, id`,
      ),
      toChange,
      teamId,
    );
  }
}

function toChange(row: Row): AllocationChange {
  return { ...camelRow(row), split: JSON.parse(row.split) as Split };
}
