/**
 * `/role checkin away`: which away ranges a lead may record, and which weeks one suppresses. Pure.
 *
 * - Away days start today or later (on the lead's own calendar). Like a stated split, an away range
 *   never rewrites weeks already measured: a week that went unanswered stays missing.
 * - A range ends by `LAST_AWAY_DAY`, late in 9999, where the calendar's weeks run out.
 * - A range covers at most `MAX_AWAY_DAYS` days; longer leave is what `/role checkin pause` is for,
 *   and a typo such as 2062 for 2026 must not silence someone for decades.
 * - A week is away when its check-in day lies in the range (`isAwayWeek` in away-range.ts), so
 *   the confirmation lists exactly those weeks.
 */
import type { DateRange } from "./away-range.ts";
import { type CheckinSlot, checkinDateOf } from "./checkin-slot.ts";
import { CHECKIN_AWAY_USAGE } from "./command.ts";
import {
  addDays,
  daysBetween,
  type IsoWeekKey,
  isoWeekOf,
  LAST_WHOLE_WEEK_SUNDAY,
  type LocalDate,
  weekKeysBetween,
} from "./time.ts";

export const MAX_AWAY_DAYS = 366;

/**
 * The last day an away range may cover: the schedule looks one week past a range's last week (the
 * next check-in), and that week must still end within the calendar.
 */
export const LAST_AWAY_DAY: LocalDate = addDays(LAST_WHOLE_WEEK_SUNDAY, -7);

export type AwayWeek = { week: IsoWeekKey; checkinDate: LocalDate };

export type AwayCheck =
  | { ok: true; range: DateRange; weeks: AwayWeek[] }
  | { ok: false; error: string; usage: string };

/** The weeks whose check-in day lies in the range, in order. */
export function awayWeeksInRange(range: DateRange, slot: CheckinSlot): AwayWeek[] {
  const weeks = weekKeysBetween(isoWeekOf(range.start).key, isoWeekOf(range.end).key);
  return weeks.flatMap((week) => {
    const checkinDate = checkinDateOf(week, slot);
    return range.start <= checkinDate && checkinDate <= range.end ? [{ week, checkinDate }] : [];
  });
}

/** Decides whether a parsed range may be recorded as of the lead's `today`. */
export function checkAwayRange(range: DateRange, today: LocalDate, slot: CheckinSlot): AwayCheck {
  const fail = (error: string): AwayCheck => ({ ok: false, error, usage: CHECKIN_AWAY_USAGE });
  if (range.start < today) {
    const suggestion = range.end >= today ? ` Try \`${today}..${range.end}\`.` : "";
    return fail(
      `${range.start} is in the past. Away days start today (${today}) or later, so weeks already measured keep their record.${suggestion}`,
    );
  }
  if (range.end > LAST_AWAY_DAY) {
    return fail(
      `${range.end} is too far ahead: rolecall's calendar ends in 9999, so away days end by ${LAST_AWAY_DAY}.`,
    );
  }
  const days = daysBetween(range.start, range.end) + 1;
  if (days > MAX_AWAY_DAYS) {
    return fail(
      `That is ${days} days; a range can be at most ${MAX_AWAY_DAYS}. For longer leave, use \`/role checkin pause\` and \`resume\` when you are back.`,
    );
  }
  return { ok: true, range, weeks: awayWeeksInRange(range, slot) };
}
