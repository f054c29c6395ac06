/**
 * `checkins` and `away_ranges`: the weekly check-in's state machine, one row per person and ISO week.
 *
 * The primary key (team_id, user_id, week) keeps one sender per week. A sender claims the row
 * (`claimed`) with a compare-and-set from the state it computed its action from, and only then calls
 * Slack; `sent` is written once Slack has accepted the DM. A crash between the Slack call and `sent`
 * leaves `claimed`; a later tick takes that stale claim over (`reclaimStale`) and asks Slack whether
 * the DM is there before sending it (delivery/checkin-dm.ts).
 *
 * The week's one reminder has the same shape in its own columns (`reminder_state` claimed → sent or
 * failed, `reminder_claimed_at`, `reminder_attempts`, `reminder_ts`): claimed before its Slack call,
 * reconciled against the bot's IM with the lead when a crash left the claim behind.
 *
 * An answer of kind `away` ("Skip this week") is stored as `answered`/`away` and reads as the schedule's
 * `skipped` state, so the lead can still ask for the week's check-in again with `/role checkin now`.
 */
import type { Split } from "../domain/allocation.ts";
import type { DateRange } from "../domain/away-range.ts";
import type {
  ClaimFrom,
  ReminderClaimFrom,
  ReminderState,
  StateLookup,
  WeekState,
} from "../domain/checkin-schedule.ts";
import { type Db, mapAll, mapOne, prepared } from "./db.ts";

export type CheckinAnswer =
  | { kind: "as-planned"; note?: string }
  | { kind: "away"; note?: string }
  | { kind: "split"; split: Split; note?: string };

export type DmMessage = { channel: string; ts: string };

export type CheckinRecord = {
  userId: string;
  week: string;
  state: "claimed" | "sent" | "failed" | "answered";
  attempts: number;
  claimedAt: Date | undefined;
  /** The earliest claim whose DM may have reached Slack unrecorded: a retry looks from there. */
  doubtSince: Date | undefined;
  sentAt: Date | undefined;
  /** When the reminder was recorded as delivered. */
  remindedAt: Date | undefined;
  reminderState: "claimed" | "sent" | "failed" | undefined;
  reminderAttempts: number;
  reminderClaimedAt: Date | undefined;
  reminderTs: string | undefined;
  reminderError: string | undefined;
  dmChannel: string | undefined;
  messageTs: string | undefined;
  lastError: string | undefined;
  answer: CheckinAnswer | undefined;
  answeredAt: Date | undefined;
};

type Row = {
  user_id: string;
  week: string;
  state: CheckinRecord["state"];
  attempts: number;
  claimed_at: string | null;
  doubt_since: string | null;
  sent_at: string | null;
  reminded_at: string | null;
  reminder_state: CheckinRecord["reminderState"] | null;
  reminder_attempts: number;
  reminder_claimed_at: string | null;
  reminder_ts: string | null;
  reminder_error: string | null;
  dm_channel: string | null;
  message_ts: string | null;
  last_error: string | null;
  answer_kind: "as-planned" | "split" | "away" | null;
  actual_split: string | null;
  note: string | null;
  answered_at: string | null;
};

const date = (s: string | null): Date | undefined => (s ? new Date(s) : undefined);

function toRecord(r: Row): CheckinRecord {
  let answer: CheckinAnswer | undefined;
  const note = r.note ?? undefined;
  if (r.answer_kind === "split") {
    answer = { kind: "split", split: JSON.parse(r.actual_split ?? "{}") as Record<string, number>, note };
  } else if (r.answer_kind) {
    answer = { kind: r.answer_kind, note };
  }
  return {
    userId: r.user_id,
    week: r.week,
    state: r.state,
    attempts: r.attempts,
    claimedAt: date(r.claimed_at),
    doubtSince: date(r.doubt_since),
    sentAt: date(r.sent_at),
    remindedAt: date(r.reminded_at),
    reminderState: r.reminder_state ?? undefined,
    reminderAttempts: r.reminder_attempts,
    reminderClaimedAt: date(r.reminder_claimed_at),
    reminderTs: r.reminder_ts ?? undefined,
    reminderError: r.reminder_error ?? undefined,
    dmChannel: r.dm_channel ?? undefined,
    messageTs: r.message_ts ?? undefined,
    lastError: r.last_error ?? undefined,
    answer,
    answeredAt: date(r.answered_at),
  };
}

/** The schedule's view of a stored row. */
export function weekStateOf(record: CheckinRecord): WeekState {
  return {
    week: record.week,
    state: record.state === "answered" && record.answer?.kind === "away" ? "skipped" : record.state,
    attempts: record.attempts,
    sentAt: record.sentAt,
    remindedAt: record.reminderState === "sent" ? record.remindedAt : undefined,
    reminder: reminderOf(record),
    lastAttemptAt: record.claimedAt,
  };
}

/** A reminder in flight or failed, as the schedule sees it; none once sent or never claimed. */
function reminderOf(record: CheckinRecord): ReminderState | undefined {
  const state = record.reminderState;
  if (state !== "claimed" && state !== "failed") return undefined;
  return { state, attempts: record.reminderAttempts, claimedAt: record.reminderClaimedAt };
}

export class CheckinStore {
  private readonly getStmt;

  constructor(private readonly db: Db) {
    this.getStmt = db.prepare("SELECT * FROM checkins WHERE team_id = ? AND user_id = ? AND week = ?");
  }

  get(teamId: string, userId: string, week: string): CheckinRecord | undefined {
    return mapOne(this.getStmt, toRecord, teamId, userId, week);
  }

  /** Every row of the given weeks (one indexed range per week), for one tick's schedule. */
  ofWeeks(teamId: string, weeks: readonly string[]): CheckinRecord[] {
    if (weeks.length === 0) return [];
    const marks = weeks.map(() => "?").join(", ");
    return mapAll(
      prepared(this.db, `SELECT * FROM checkins WHERE team_id = ? AND week IN (${marks})`),
      toRecord,
      teamId,
      ...weeks,
    );
  }

  /** A `StateLookup` for `dueCheckins`/`explainLead` over the given weeks, read once. */
  stateLookup(teamId: string, weeks: readonly string[]): StateLookup {
    const byKey = new Map<string, WeekState>();
    for (const r of this.ofWeeks(teamId, weeks)) byKey.set(`${r.userId} ${r.week}`, weekStateOf(r));
    return (userId, week) => byKey.get(`${userId} ${week}`);
  }

  /**
   * Claims a send with a compare-and-set from the state the action was computed from: no row,
   * `failed` with `attempt - 1` attempts, or (a manual re-ask) a week answered as away. True only for
   * the one caller that won; everyone else must not call Slack.
   */
  claimSend(
    teamId: string,
    userId: string,
    week: string,
    from: ClaimFrom,
    attempt: number,
    now: Date,
  ): boolean {
    const at = now.toISOString();
    if (from === "none") {
      return (
        prepared(
          this.db,
          `INSERT INTO checkins (team_id, user_id, week, state, attempts, claimed_at) VALUES (?, ?, ?, 'claimed', ?, ?)
             ON CONFLICT (team_id, user_id, week) DO NOTHING`,
        ).run(teamId, userId, week, attempt, at).changes === 1
      );
    }
    const where =
      from === "failed"
        ? "state = 'failed' AND attempts = ?"
        : "state = 'answered' AND answer_kind = 'away' AND attempts = ?";
    return (
      prepared(
        this.db,
        `UPDATE checkins SET state = 'claimed', attempts = ?, claimed_at = ?, last_error = NULL,
             answer_kind = NULL, actual_split = NULL, note = NULL, answered_at = NULL, reminded_at = NULL,
             reminder_state = NULL, reminder_attempts = 0, reminder_claimed_at = NULL, reminder_ts = NULL,
             reminder_error = NULL
           WHERE team_id = ? AND user_id = ? AND week = ? AND ${where}`,
      ).run(attempt, at, teamId, userId, week, attempt - 1).changes === 1
    );
  }

  /**
   * Takes over a claim left unconfirmed since `claimedAt` (a crash), restamping it so that a third
   * sender waits another grace period. True only for the one caller that won.
   */
  reclaimStale(teamId: string, userId: string, week: string, claimedAt: Date, now: Date): boolean {
    return (
      prepared(
        this.db,
        `UPDATE checkins SET claimed_at = ?
           WHERE team_id = ? AND user_id = ? AND week = ? AND state = 'claimed' AND claimed_at = ?`,
      ).run(now.toISOString(), teamId, userId, week, claimedAt.toISOString()).changes === 1
    );
  }

  /** Slack accepted the DM: remember where it is so the answer can update it in place. */
  markSent(teamId: string, userId: string, week: string, dm: DmMessage, now: Date): void {
    this.recordSent("state = 'claimed'", teamId, userId, week, dm, now);
  }

  /**
   * A DM the lead clicked although its send was never recorded as sent (a crash after Slack accepted
   * it, or a lost reply recorded as failed): the click says where it is. A later tick then finds the
   * week sent and never posts it again.
   */
  markDelivered(teamId: string, userId: string, week: string, dm: DmMessage, now: Date): void {
    this.recordSent("state IN ('claimed', 'failed') AND dm_channel IS NULL", teamId, userId, week, dm, now);
  }

  private recordSent(
    condition: string,
    teamId: string,
    userId: string,
    week: string,
    dm: DmMessage,
    now: Date,
  ) {
    prepared(
      this.db,
      `UPDATE checkins SET state = 'sent', sent_at = ?, dm_channel = ?, message_ts = ?, last_error = NULL,
           doubt_since = NULL
         WHERE team_id = ? AND user_id = ? AND week = ? AND ${condition}`,
    ).run(now.toISOString(), dm.channel, dm.ts, teamId, userId, week);
  }

  /**
   * Slack refused the DM (the error is kept for `--dry-run` and the logs); a later tick may retry.
   * `inDoubtSince`: the DM may already be in Slack from a claim made then (the call failed, or the
   * look for an earlier one did), so every later retry looks from there, not from its own claim.
   */
  markFailed(teamId: string, userId: string, week: string, error: string, inDoubtSince?: Date): void {
    prepared(
      this.db,
      `UPDATE checkins SET state = 'failed', last_error = ?,
           doubt_since = CASE WHEN ? IS NULL THEN doubt_since ELSE min(coalesce(doubt_since, ?), ?) END
         WHERE team_id = ? AND user_id = ? AND week = ? AND state = 'claimed'`,
    ).run(error.slice(0, 500), ...Array(3).fill(inDoubtSince?.toISOString() ?? null), teamId, userId, week);
  }

  /**
   * Claims the week's one reminder with a compare-and-set from the state the action was computed
   * from: never claimed, `failed` after `attempt - 1` attempts, or (`stale`) a claim made at
   * `claimedAt` that was never confirmed, which is restamped so a third sender waits another grace
   * period. Only while the check-in is `sent`: never once answered. True only for the caller that won.
   */
  claimReminder(
    teamId: string,
    userId: string,
    week: string,
    now: Date,
    claim: { from: ReminderClaimFrom; attempt: number; claimedAt?: Date } = { from: "none", attempt: 1 },
  ): boolean {
    const at = now.toISOString();
    const key = "team_id = ? AND user_id = ? AND week = ? AND state = 'sent'";
    if (claim.from === "stale") {
      if (!claim.claimedAt) return false;
      return (
        prepared(
          this.db,
          `UPDATE checkins SET reminder_claimed_at = ?
             WHERE ${key} AND reminder_state = 'claimed' AND reminder_claimed_at = ?`,
        ).run(at, teamId, userId, week, claim.claimedAt.toISOString()).changes === 1
      );
    }
    const from =
      claim.from === "failed"
        ? "reminder_state = 'failed' AND reminder_attempts = ?"
        : "reminder_state IS NULL AND reminded_at IS NULL AND reminder_attempts = ?";
    return (
      prepared(
        this.db,
        `UPDATE checkins SET reminder_state = 'claimed', reminder_attempts = ?, reminder_claimed_at = ?,
             reminder_error = NULL
           WHERE ${key} AND ${from}`,
      ).run(claim.attempt, at, teamId, userId, week, claim.attempt - 1).changes === 1
    );
  }

  /** Slack accepted the reminder (or it was found there): keep its ts. */
  markReminderSent(teamId: string, userId: string, week: string, ts: string, now: Date): void {
    prepared(
      this.db,
      `UPDATE checkins SET reminder_state = 'sent', reminded_at = ?, reminder_ts = ?, reminder_error = NULL
         WHERE team_id = ? AND user_id = ? AND week = ? AND reminder_state = 'claimed'`,
    ).run(now.toISOString(), ts, teamId, userId, week);
  }

  /**
   * Slack refused the reminder, or could not be asked whether it has it: a later tick may retry.
   * `stillInDoubtSince`: the look for an earlier reminder failed, so the retry must look from that
   * earlier claim again, not from this one.
   */
  markReminderFailed(
    teamId: string,
    userId: string,
    week: string,
    error: string,
    stillInDoubtSince?: Date,
  ): void {
    prepared(
      this.db,
      `UPDATE checkins SET reminder_state = 'failed', reminder_error = ?,
           reminder_claimed_at = coalesce(?, reminder_claimed_at)
         WHERE team_id = ? AND user_id = ? AND week = ? AND reminder_state = 'claimed'`,
    ).run(error.slice(0, 500), stillInDoubtSince?.toISOString() ?? null, teamId, userId, week);
  }

  /**
   * Records (or replaces, for an edit) the answer of a week whose DM was sent. A week never sent is
   * not answerable, so a click on a forged or foreign message records nothing. The caller decides
   * whether the month is still open for edits.
   */
  recordAnswer(teamId: string, userId: string, week: string, answer: CheckinAnswer, now: Date): boolean {
    return (
      prepared(
        this.db,
        `UPDATE checkins SET state = 'answered', answer_kind = ?, actual_split = ?, note = ?, answered_at = ?
           WHERE team_id = ? AND user_id = ? AND week = ? AND state IN ('sent', 'answered')`,
      ).run(
        answer.kind,
        answer.kind === "split" ? JSON.stringify(answer.split) : null,
        answer.note ?? null,
        now.toISOString(),
        teamId,
        userId,
        week,
      ).changes === 1
    );
  }

  /** Days away, both ends included. */
  addAway(teamId: string, userId: string, range: DateRange, now: Date): void {
    prepared(
      this.db,
      "INSERT INTO away_ranges (team_id, user_id, start_date, end_date, created_at) VALUES (?, ?, ?, ?, ?)",
    ).run(teamId, userId, range.start, range.end, now.toISOString());
  }

  /** A person's away ranges, earliest first. */
  awayOf(teamId: string, userId: string): DateRange[] {
    return prepared(
      this.db,
      "SELECT start_date AS start, end_date AS end FROM away_ranges WHERE team_id = ? AND user_id = ? ORDER BY start_date",
    ).all(teamId, userId) as DateRange[];
  }

  /** Every away range in the workspace, by person (one query per tick, not one per lead). */
  awayByUser(teamId: string): Map<string, DateRange[]> {
    const out = new Map<string, DateRange[]>();
    const rows = prepared(
      this.db,
      "SELECT user_id, start_date AS start, end_date AS end FROM away_ranges WHERE team_id = ? ORDER BY start_date",
    ).all(teamId) as (DateRange & { user_id: string })[];
    for (const { user_id, start, end } of rows) {
      const list = out.get(user_id) ?? [];
      list.push({ start, end });
      out.set(user_id, list);
    }
    return out;
  }
}
