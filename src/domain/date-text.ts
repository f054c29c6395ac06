/** Dates as people read them in messages: "November 2026", "2 Nov", "Fri 25 Dec 2026". Pure. */
import { type LocalDate, type MonthKey, weekdayOf } from "./time.ts";

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

/** Monday first, as ISO weekdays count. */
export const WEEKDAY_SHORT = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

const monthIndex = (isoDateOrMonth: string) => Number(isoDateOrMonth.slice(5, 7)) - 1;

/** `"2026-11"` → `"November 2026"`; anything else is returned as is. */
export function monthLabel(month: MonthKey): string {
  const name = MONTH_NAMES[monthIndex(month)];
  return name ? `${name} ${month.slice(0, 4)}` : month;
}

/** `"2026-11-02"` → `"2 Nov"`; with the year when asked: `"2 Nov 2026"`. */
export function dayLabel(date: LocalDate, withYear = false): string {
  const label = `${Number(date.slice(8, 10))} ${MONTH_NAMES[monthIndex(date)]?.slice(0, 3) ?? "?"}`;
  return withYear ? `${label} ${date.slice(0, 4)}` : label;
}

/** `"2026-12-25"` → `"Fri 25 Dec"`, or `"Fri 25 Dec 2026"` with the year. */
export function weekdayDayLabel(date: LocalDate, withYear = false): string {
  return `${WEEKDAY_SHORT[weekdayOf(date) - 1]} ${dayLabel(date, withYear)}`;
}
