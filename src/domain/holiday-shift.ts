/**
 * Public holidays and the check-in day. Pure: which days are holidays comes in as a function (the
 * lookup lives in services/public-holidays.ts), so the rule can be pinned to any calendar in tests.
 *
 * A check-in whose day is a public holiday for the lead moves to the latest earlier working day
 * (Monday–Friday, not a holiday) of the same ISO week. With none left (a Monday slot on a holiday,
 * or every working day before the slot a holiday) the week counts as away, like an away range.
 */
import { addDays, type LocalDate, weekdayOf } from "./time.ts";

/** A lead's public holidays: the lookup, and the place's name for the DM ("in Germany"). */
export type HolidayCalendar = {
  isHoliday(date: LocalDate): boolean;
  placeName: string;
};

export type CheckinDay =
  | { kind: "on"; date: LocalDate }
  /** Moved from `from`, a public holiday, to the earlier working day `date`. */
  | { kind: "moved"; date: LocalDate; from: LocalDate }
  /** The slot day is a holiday and no earlier working day of the week is left. */
  | { kind: "holiday-away"; from: LocalDate };

export function checkinDayAround(slotDate: LocalDate, calendar: HolidayCalendar | undefined): CheckinDay {
  if (!calendar?.isHoliday(slotDate)) return { kind: "on", date: slotDate };
  // ISO weeks start on Monday (weekday 1), so stepping back from the slot never leaves the week.
  for (let d = addDays(slotDate, -1), wd = weekdayOf(slotDate) - 1; wd >= 1; d = addDays(d, -1), wd--) {
    if (wd <= 5 && !calendar.isHoliday(d)) return { kind: "moved", date: d, from: slotDate };
  }
  return { kind: "holiday-away", from: slotDate };
}
