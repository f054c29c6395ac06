/**
 * The weekly check-in schedule, as pure functions of stored state and an injected `now`.
 *
 * node-cron only ticks; each tick asks `dueCheckins(leads, stateOf, now, opts)` what is due and the
 * job claims and sends exactly that. Because the answer depends only on the stored state and `now`,
 * restarts, downtime and DST changes neither skip nor duplicate a check-in.
 *
 * The rules (one lead, at instant `now`):
 *
 * 1. **Week.** The week considered is the lead's current ISO week on their own wall clock
 *    (`isoWeekAt(now, lead.tz)`); an unknown zone is read as UTC (noted in `explainLead`). Older weeks
 *    are never considered, so nothing is ever sent for a week that has closed.
 * 2. **Due window.** The check-in of week W is due from the slot instant (slot weekday and time of W on
 *    the lead's wall clock, via `zonedTimeToInstant`: a slot inside a DST gap moves forward by the
 *    gap, a slot inside an overlap uses the earlier instant) until the week closes (Sunday 24:00
 *    local, i.e. the next Monday 00:00). A bot that was down at the slot sends on its first tick back
 *    inside that window; back after it, the old week is gone and the new week's slot is awaited.
 * 3. **Exactly once.** A week with a stored state of `sent`, `answered` or `skipped` is not sent
 *    again. A `claimed` week is in flight; once claimed for `claimGraceMinutes` (when set) it is
 *    presumed abandoned by a crash and a `reconcile` action is due: the sender takes the claim over
 *    (compare-and-set on its claim time), looks in Slack for the DM and sends it only if it is not
 *    there. `failed` is retried by a later
 *    tick in the same week while `attempts < maxAttempts` (and, when `retryBackoffMinutes` is set,
 *    once `lastAttemptAt + retryBackoffMinutes × 2^(attempts−1)` has passed). The sender must claim
 *    with a compare-and-set from the state the action was computed from (`action.from`: no row, or
 *    `failed` with the same `attempts`), setting `claimed` and `attempts = action.attempt`, and only
 *    then call Slack: a second tick (or a second process) then finds `claimed` and sends nothing.
 * 4. **Paused.** A paused lead gets nothing: no check-in, no retry, no reminder.
 * 5. **Away.** Week W is an *away week* when its check-in day (the local date of the slot weekday
 *    in W, e.g. the Friday) lies inside one of the lead's away ranges, both ends included. An away
 *    week gets no check-in and no reminder, and digests count it as away, not missing
 *    (`isAwayWeek` in away-range.ts). Away days elsewhere in the week do not matter: away Mon–Wed
 *    with a Friday slot still gets a check-in; away Friday only does not.
 * 5a. **Public holidays.** When the lead has a holiday calendar and the check-in day is a public
 *    holiday, the check-in moves to the latest earlier working day of the same week, at the slot's
 *    time (`checkinDayAround` in holiday-shift.ts); with none left the week is away, as in rule 5.
 * 6. **Reminder.** Once per week, due at `sentAt + reminderAfterHours` while the state is still
 *    `sent` (not answered or skipped) and `remindedAt` is unset, and only if that instant is before
 *    the week closes; a reminder that would fall after the close is never sent. `Infinity` disables
 *    reminders. Exactly once, like the check-in: the sender claims it with a compare-and-set from the
 *    reminder's own state (`action.from`: never claimed, `failed` with `attempt - 1` attempts, or a
 *    `stale` claim made at `action.claimedAt`) before calling Slack. A claim unconfirmed for
 *    `claimGraceMinutes` is reconciled (looked for in Slack, sent only if absent); a failed reminder
 *    is retried with the check-in's back-off and `maxAttempts`.
 * 7. **Manual.** `/role checkin now` (`manualSendAllowed`) sends the current week's check-in at once
 *    unless it is in flight, sent or answered; it ignores the slot, pause, away and `maxAttempts`
 *    (the lead asked), and a week the lead skipped can be asked for again.
 */

import { type DateRange, isAwayOn } from "./away-range.ts";
import {
  type CheckinSlot,
  checkinDateOf,
  DEFAULT_CHECKIN_SLOT,
  formatCheckinSlot,
  isValidCheckinSlot,
} from "./checkin-slot.ts";
import { WEEKDAY_SHORT } from "./date-text.ts";
import { checkinDayAround, type HolidayCalendar } from "./holiday-shift.ts";
import {
  addDays,
  addWeeks,
  type IsoWeekKey,
  isoWeekOf,
  isValidTimeZone,
  type LocalDate,
  localDateTimeIn,
  zonedTimeToInstant,
} from "./time.ts";

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

export type LeadSchedule = {
  userId: string;
  /** IANA zone of the lead (Slack profile, else the workspace default). Unknown zones read as UTC. */
  tz: string;
  /** Invalid slots fall back to `DEFAULT_CHECKIN_SLOT` (noted in `explainLead`). */
  slot: CheckinSlot;
  paused: boolean;
  away: readonly DateRange[];
  /** The lead's public holidays (their own country, else the workspace's); none when unset. */
  holidays?: HolidayCalendar | undefined;
};

export type WeekStateKind = "claimed" | "sent" | "failed" | "answered" | "skipped";

/** What is stored for one lead and one ISO week (of the lead's wall clock). */
export type WeekState = {
  week: IsoWeekKey;
  state: WeekStateKind;
  /** Send attempts made so far, the in-flight one included. */
  attempts: number;
  /** When the check-in DM was posted. */
  sentAt?: Date;
  /** When the reminder was delivered (recorded sent). */
  remindedAt?: Date;
  /** A reminder claimed and not yet confirmed, or failed; unset once delivered or never claimed. */
  reminder?: ReminderState | undefined;
  /** When the latest send attempt was claimed (used only by `retryBackoffMinutes`). */
  lastAttemptAt?: Date;
};

/** The reminder's own delivery state while it is in flight or failed. */
export type ReminderState = { state: "claimed" | "failed"; attempts: number; claimedAt?: Date | undefined };

/** The reminder state a claim must still find: never claimed, failed, or a stale claim to take over. */
export type ReminderClaimFrom = "none" | "failed" | "stale";

export type StateLookup = (userId: string, week: IsoWeekKey) => WeekState | undefined;

export type ScheduleOptions = {
  /** Hours after `sentAt` the one reminder is due (default in config: 24). `Infinity` disables. */
  reminderAfterHours: number;
  /** Total send attempts per week, the first included; `1` means never retry. */
  maxAttempts: number;
  /** Base delay between retries, doubled per failed attempt; 0 or unset retries on the next tick. */
  retryBackoffMinutes?: number;
  /** How long a claim may stay unconfirmed before it is reconciled; unset never reconciles. */
  claimGraceMinutes?: number;
};

/** The state a claim must still find for the claim to succeed (compare-and-set). */
export type ClaimFrom = "none" | "failed" | "skipped";

export type SendAction = {
  kind: "send";
  userId: string;
  week: IsoWeekKey;
  /** The slot instant of the week (the same for a first attempt and for retries). */
  dueAt: Date;
  reason: string;
  /** The attempt number this send is (1 for the first); store it as `attempts` when claiming. */
  attempt: number;
  from: ClaimFrom;
  /** Set when the slot's day was a public holiday and the check-in came earlier (the DM says so). */
  holidayMove?: HolidayMove;
};

export type HolidayMove = { from: LocalDate; to: LocalDate; placeName: string };

export type RemindAction = {
  kind: "remind";
  userId: string;
  week: IsoWeekKey;
  /** `sentAt + reminderAfterHours`. */
  dueAt: Date;
  reason: string;
  sentAt: Date;
  /** The attempt this is (1 for the first); a stale claim keeps its attempt number. */
  attempt: number;
  from: ReminderClaimFrom;
  /** The previous claim's time: a `stale` takeover is a compare-and-set on it; a retry looks from it. */
  claimedAt?: Date;
};

/** A send claimed long ago and never confirmed: find the DM in Slack, else send it. */
export type ReconcileAction = {
  kind: "reconcile";
  userId: string;
  week: IsoWeekKey;
  dueAt: Date;
  reason: string;
  /** The stale claim's time: the takeover is a compare-and-set on it. */
  claimedAt: Date;
  attempt: number;
};

export type DueAction = SendAction | RemindAction | ReconcileAction;

export type CheckinStatus =
  | "send-due"
  | "retry-due"
  | "remind-due"
  | "paused"
  | "away"
  | "not-yet-due"
  | "in-flight"
  | "reconcile-due"
  | "retry-waiting"
  | "gave-up"
  | "awaiting-answer"
  | "reminded"
  | "no-reminder-this-week"
  | "answered"
  | "skipped";

export type PreviousWeekStatus =
  | "answered"
  | "skipped"
  | "unanswered"
  | "in-flight"
  | "failed"
  | "away"
  | "missed";

export type LeadExplanation = {
  userId: string;
  /** The zone actually used (`"UTC"` when the lead's is unknown). */
  tz: string;
  /** The slot actually used. */
  slot: CheckinSlot;
  /** Data problems worked around, e.g. an unknown time zone. */
  notes: string[];
  week: IsoWeekKey;
  checkinDate: LocalDate;
  slotAt: Date;
  weekClosesAt: Date;
  state: WeekState | undefined;
  status: CheckinStatus;
  /** The action due now, if any: exactly what `dueCheckins` returns for this lead. */
  action: DueAction | undefined;
  reason: string;
  /** The week before, which has closed: what became of it. */
  previousWeek: { week: IsoWeekKey; status: PreviousWeekStatus; reason: string };
};

function describeInstant(instant: Date, tz: string): string {
  const l = localDateTimeIn(instant, tz);
  return `${WEEKDAY_SHORT[l.weekday - 1]} ${l.date} ${l.time} ${tz} (${instant.toISOString().slice(0, 16)}Z)`;
}

function isValidInstant(d: unknown): d is Date {
  return d instanceof Date && Number.isFinite(d.getTime());
}

type Assessment = {
  userId: string;
  tz: string;
  slot: CheckinSlot;
  notes: string[];
  week: IsoWeekKey;
  monday: LocalDate;
  checkinDate: LocalDate;
  slotAt: Date;
  state: WeekState | undefined;
  status: CheckinStatus;
  /** Built only when asked for: `dueCheckins` renders reasons for due actions only. */
  reason: () => string;
  action: ((reason: string) => DueAction) | undefined;
};

/** The week's close (next local Monday 00:00), computed once per assessment and only when needed. */
function weekClose(monday: LocalDate, tz: string): () => Date {
  let closes: Date | undefined;
  return () => {
    closes ??= zonedTimeToInstant(addDays(monday, 7), "00:00", tz);
    return closes;
  };
}

function assess(lead: LeadSchedule, stateOf: StateLookup, now: Date, opts: ScheduleOptions): Assessment {
  const notes: string[] = [];
  let tz = lead.tz;
  if (!isValidTimeZone(tz)) {
    notes.push(`time zone ${JSON.stringify(lead.tz)} is unknown; using UTC`);
    tz = "UTC";
  }
  let slot = lead.slot;
  if (!isValidCheckinSlot(slot)) {
    notes.push(
      `check-in slot ${JSON.stringify(lead.slot)} is invalid; using ${formatCheckinSlot(DEFAULT_CHECKIN_SLOT)}`,
    );
    slot = DEFAULT_CHECKIN_SLOT;
  }
  const userId = lead.userId;
  const { key: week, monday } = isoWeekOf(localDateTimeIn(now, tz).date);
  const slotDate = addDays(monday, slot.weekday - 1);
  const day = checkinDayAround(slotDate, lead.holidays);
  const checkinDate = day.kind === "holiday-away" ? slotDate : day.date;
  const holidayMove: HolidayMove | undefined =
    day.kind === "moved" && lead.holidays
      ? { from: day.from, to: day.date, placeName: lead.holidays.placeName }
      : undefined;
  const slotAt = zonedTimeToInstant(checkinDate, slot.time, tz);
  const closesAt = weekClose(monday, tz);
  const state = stateOf(userId, week);
  const at = (d: Date) => describeInstant(d, tz);
  const stateNote = () => (state ? ` (this week: ${state.state})` : "");
  const base = { userId, tz, slot, notes, week, monday, checkinDate, slotAt, state };
  const result = (
    status: CheckinStatus,
    reason: () => string,
    action?: (reason: string) => DueAction,
  ): Assessment => ({ ...base, status, reason, action });

  if (lead.paused) return result("paused", () => `check-ins are paused${stateNote()}`);
  if (isAwayOn(lead.away, checkinDate)) {
    return result(
      "away",
      () => `away on the check-in day ${checkinDate}; the week counts as away${stateNote()}`,
    );
  }
  if (day.kind === "holiday-away") {
    return result(
      "away",
      () =>
        `the check-in day ${slotDate} is a public holiday in ${lead.holidays?.placeName} and no earlier working day is left this week; the week counts as away${stateNote()}`,
    );
  }
  const moved = holidayMove ? { holidayMove } : {};

  if (state === undefined) {
    if (now.getTime() < slotAt.getTime())
      return result("not-yet-due", () => `not yet due: due at ${at(slotAt)}`);
    return result(
      "send-due",
      () => `due since ${at(slotAt)}; the week is open until ${at(closesAt())}`,
      (reason) => ({ kind: "send", userId, week, dueAt: slotAt, reason, attempt: 1, from: "none", ...moved }),
    );
  }

  switch (state.state) {
    case "answered":
      return result("answered", () => "already answered this week");
    case "skipped":
      return result("skipped", () => "the lead skipped this week");
    case "claimed": {
      const claimedAt = state.lastAttemptAt;
      const grace = opts.claimGraceMinutes;
      if (
        grace !== undefined &&
        isValidInstant(claimedAt) &&
        now.getTime() >= claimedAt.getTime() + grace * MINUTE_MS
      ) {
        return result(
          "reconcile-due",
          () =>
            `a send was claimed at ${at(claimedAt)} and not confirmed for ${grace} min; ` +
            "looking for the DM in Slack, and sending it only if it is not there",
          (reason) => ({
            kind: "reconcile",
            userId,
            week,
            dueAt: slotAt,
            reason,
            claimedAt,
            attempt: state.attempts,
          }),
        );
      }
      return result(
        "in-flight",
        () =>
          `a send was claimed${claimedAt ? ` at ${at(claimedAt)}` : ""} and not confirmed yet; ` +
          (grace === undefined ? "it is not sent again" : `reconciled once claimed for ${grace} min`),
      );
    }
    case "failed": {
      if (!(state.attempts < opts.maxAttempts)) {
        return result(
          "gave-up",
          () =>
            `all ${state.attempts} attempt(s) failed (max ${opts.maxAttempts}); no more retries this week`,
        );
      }
      const backoff =
        Math.max(0, opts.retryBackoffMinutes ?? 0) * MINUTE_MS * 2 ** Math.max(0, state.attempts - 1);
      if (backoff > 0 && isValidInstant(state.lastAttemptAt)) {
        const retryAt = new Date(state.lastAttemptAt.getTime() + backoff);
        if (now.getTime() < retryAt.getTime()) {
          return result("retry-waiting", () => `attempt ${state.attempts} failed; retry at ${at(retryAt)}`);
        }
      }
      return result(
        "retry-due",
        () => `attempt ${state.attempts} of ${opts.maxAttempts} failed; retrying (due since ${at(slotAt)})`,
        (reason) => ({
          kind: "send",
          userId,
          week,
          dueAt: slotAt,
          reason,
          attempt: state.attempts + 1,
          from: "failed",
          ...moved,
        }),
      );
    }
    case "sent": {
      const sentAt = state.sentAt;
      if (state.remindedAt !== undefined)
        return result("reminded", () => "sent and reminded; waiting for the answer");
      if (!isValidInstant(sentAt)) {
        return result("awaiting-answer", () => "sent (no send time recorded, so no reminder)");
      }
      const remindAt = new Date(sentAt.getTime() + opts.reminderAfterHours * HOUR_MS);
      if (!(remindAt.getTime() < closesAt().getTime())) {
        return result(
          "no-reminder-this-week",
          () => `sent at ${at(sentAt)}; a reminder would fall after the week closes at ${at(closesAt())}`,
        );
      }
      if (now.getTime() < remindAt.getTime()) {
        return result("awaiting-answer", () => `sent at ${at(sentAt)}; reminder due at ${at(remindAt)}`);
      }
      const r = state.reminder;
      const remind = (from: ReminderClaimFrom, attempt: number, claimedAt?: Date) => (reason: string) =>
        ({
          kind: "remind",
          userId,
          week,
          dueAt: remindAt,
          reason,
          sentAt,
          attempt,
          from,
          ...(claimedAt ? { claimedAt } : {}),
        }) as const;
      if (r?.state === "claimed") {
        const grace = opts.claimGraceMinutes;
        const claimedAt = r.claimedAt;
        if (
          grace !== undefined &&
          isValidInstant(claimedAt) &&
          now.getTime() >= claimedAt.getTime() + grace * MINUTE_MS
        ) {
          return result(
            "remind-due",
            () =>
              `a reminder was claimed at ${at(claimedAt)} and not confirmed for ${grace} min; ` +
              "looking for it in Slack, and sending it only if it is not there",
            remind("stale", r.attempts, claimedAt),
          );
        }
        return result(
          "in-flight",
          () => `a reminder was claimed${claimedAt ? ` at ${at(claimedAt)}` : ""} and not confirmed yet`,
        );
      }
      if (r?.state === "failed") {
        if (!(r.attempts < opts.maxAttempts)) {
          return result(
            "no-reminder-this-week",
            () => `sent at ${at(sentAt)}; all ${r.attempts} reminder attempt(s) failed`,
          );
        }
        const backoff =
          Math.max(0, opts.retryBackoffMinutes ?? 0) * MINUTE_MS * 2 ** Math.max(0, r.attempts - 1);
        if (backoff > 0 && isValidInstant(r.claimedAt)) {
          const retryAt = new Date(r.claimedAt.getTime() + backoff);
          if (now.getTime() < retryAt.getTime()) {
            return result(
              "retry-waiting",
              () => `reminder attempt ${r.attempts} failed; retry at ${at(retryAt)}`,
            );
          }
        }
        return result(
          "remind-due",
          () => `reminder attempt ${r.attempts} of ${opts.maxAttempts} failed; retrying`,
          remind("failed", r.attempts + 1, r.claimedAt),
        );
      }
      return result(
        "remind-due",
        () => `sent at ${at(sentAt)} and unanswered for ${opts.reminderAfterHours} h`,
        remind("none", 1),
      );
    }
  }
}

/**
 * Why the lead would or would not be asked at `now` (for `--dry-run`), with the action due, if any:
 * exactly the one `dueCheckins` returns for this lead. Throws a `RangeError` only for an invalid `now`.
 */
export function explainLead(
  lead: LeadSchedule,
  stateOf: StateLookup,
  now: Date,
  opts: ScheduleOptions,
): LeadExplanation {
  if (!isValidInstant(now)) throw new RangeError("explainLead: now is an invalid Date");
  const a = assess(lead, stateOf, now, opts);
  const reason = a.reason();
  return {
    userId: a.userId,
    tz: a.tz,
    slot: a.slot,
    notes: a.notes,
    week: a.week,
    checkinDate: a.checkinDate,
    slotAt: a.slotAt,
    weekClosesAt: weekClose(a.monday, a.tz)(),
    state: a.state,
    status: a.status,
    action: a.action?.(reason),
    reason: a.notes.length > 0 ? `${reason} [${a.notes.join("; ")}]` : reason,
    previousWeek: explainPreviousWeek(lead, a.slot, a.tz, addWeeks(a.week, -1), stateOf),
  };
}

function explainPreviousWeek(
  lead: LeadSchedule,
  slot: CheckinSlot,
  tz: string,
  week: IsoWeekKey,
  stateOf: StateLookup,
): LeadExplanation["previousWeek"] {
  const s = stateOf(lead.userId, week);
  const closed = "the week has closed";
  switch (s?.state) {
    case "answered":
      return { week, status: "answered", reason: "answered" };
    case "skipped":
      return { week, status: "skipped", reason: "skipped by the lead" };
    case "sent":
      return {
        week,
        status: "unanswered",
        reason: `sent${s.sentAt ? ` at ${describeInstant(s.sentAt, tz)}` : ""}${s.remindedAt ? " and reminded" : ""}; ${closed} unanswered`,
      };
    case "claimed":
      return { week, status: "in-flight", reason: `a send was claimed but never confirmed; ${closed}` };
    case "failed":
      return { week, status: "failed", reason: `${s.attempts} attempt(s) failed; ${closed}` };
    case undefined:
      if (isAwayOn(lead.away, checkinDateOf(week, slot))) {
        return { week, status: "away", reason: "away on the check-in day" };
      }
      if (checkinDayAround(checkinDateOf(week, slot), lead.holidays).kind === "holiday-away") {
        return { week, status: "away", reason: "public holidays left no working day for the check-in" };
      }
      return {
        week,
        status: "missed",
        reason: `no check-in was sent before ${closed} (paused, bot down all the rest of the week, or not a lead yet)`,
      };
  }
}

/**
 * Everything due at `now`, ordered by `dueAt`, then user, then kind. At most one action per lead:
 * a check-in (first attempt or retry) or a reminder for the lead's current week.
 * Pure and total: returns `[]` for an invalid `now`; never throws for bad lead data.
 */
export function dueCheckins(
  leads: readonly LeadSchedule[],
  stateOf: StateLookup,
  now: Date,
  opts: ScheduleOptions,
): DueAction[] {
  if (!isValidInstant(now)) return [];
  const out: DueAction[] = [];
  for (const lead of leads) {
    const a = assess(lead, stateOf, now, opts);
    if (a.action) out.push(a.action(a.reason()));
  }
  return out.sort(
    (a, b) =>
      a.dueAt.getTime() - b.dueAt.getTime() ||
      (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0) ||
      (a.kind < b.kind ? 1 : a.kind > b.kind ? -1 : 0),
  );
}

export type ManualSendDecision =
  | { allowed: true; week: IsoWeekKey; attempt: number; from: ClaimFrom }
  /** `state` says why, for the caller to phrase; `reason` is the dry-run's wording. */
  | {
      allowed: false;
      week: IsoWeekKey;
      state: "claimed" | "sent" | "answered";
      sentAt?: Date;
      reason: string;
    };

/**
 * `/role checkin now`: may the lead's current-week check-in be sent at once? Yes unless it is in
 * flight (`claimed`), already `sent` or `answered`. Slot, pause, away and `maxAttempts` do not
 * apply: the lead asked. Claim with the same compare-and-set as `SendAction` (`from`, `attempt`).
 */
export function manualSendAllowed(
  lead: Pick<LeadSchedule, "userId" | "tz">,
  stateOf: StateLookup,
  now: Date,
): ManualSendDecision {
  if (!isValidInstant(now)) throw new RangeError("manualSendAllowed: now is an invalid Date");
  const tz = isValidTimeZone(lead.tz) ? lead.tz : "UTC";
  const week = isoWeekOf(localDateTimeIn(now, tz).date).key;
  const s = stateOf(lead.userId, week);
  switch (s?.state) {
    case undefined:
      return { allowed: true, week, attempt: 1, from: "none" };
    case "failed":
      return { allowed: true, week, attempt: s.attempts + 1, from: "failed" };
    case "skipped":
      return { allowed: true, week, attempt: s.attempts + 1, from: "skipped" };
    case "claimed":
      return {
        allowed: false,
        week,
        state: "claimed",
        reason: `This week's check-in (${week}) is already being sent.`,
      };
    case "sent":
      return {
        allowed: false,
        week,
        state: "sent",
        ...(isValidInstant(s.sentAt) ? { sentAt: s.sentAt } : {}),
        reason: `This week's check-in (${week}) was already sent${s.sentAt ? ` at ${describeInstant(s.sentAt, tz)}` : ""}: answer it in our DM.`,
      };
    case "answered":
      return {
        allowed: false,
        week,
        state: "answered",
        reason: `You already answered this week's check-in (${week}).`,
      };
  }
}
