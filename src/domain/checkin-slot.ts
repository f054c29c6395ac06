/**
 * A lead's weekly check-in slot: a weekday and a time on their own wall clock, how `/role checkin at`
 * reads one, and where it falls in a given ISO week. Pure.
 */
import { CHECKIN_AT_USAGE } from "./command.ts";
import { WEEKDAY_SHORT } from "./date-text.ts";
import type { ParseResult } from "./parse-result.ts";
import {
  dateInIsoWeek,
  type IsoWeekKey,
  isLocalTime,
  type LocalDate,
  type LocalTime,
  type Weekday,
  zonedTimeToInstant,
} from "./time.ts";

export type CheckinSlot = { weekday: Weekday; time: LocalTime };

/** Friday 15:00 on the lead's wall clock, unless the workspace or the lead says otherwise. */
export const DEFAULT_CHECKIN_SLOT: CheckinSlot = { weekday: 5, time: "15:00" };

const WEEKDAY_NAMES: Record<string, Weekday> = {
  mo: 1,
  mon: 1,
  monday: 1,
  tu: 2,
  tue: 2,
  tues: 2,
  tuesday: 2,
  we: 3,
  wed: 3,
  weds: 3,
  wednesday: 3,
  th: 4,
  thu: 4,
  thur: 4,
  thurs: 4,
  thursday: 4,
  fr: 5,
  fri: 5,
  friday: 5,
  sa: 6,
  sat: 6,
  saturday: 6,
  su: 7,
  sun: 7,
  sunday: 7,
};

function weekdayFromWord(word: string): Weekday | undefined {
  const w = word.replace(/\.$/, "");
  return WEEKDAY_NAMES[w] ?? (w.endsWith("days") ? WEEKDAY_NAMES[w.slice(0, -1)] : undefined);
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/**
 * Reads a time of day: `16:00`, `9:30`, `09.30`, `9` (= 09:00), `1600`, `16h`, `16h30`, `4pm`,
 * `4:30 pm`, `4 p.m.`, `noon`, `midnight`. `undefined` when it is not one.
 */
export function parseTimeOfDay(text: string): LocalTime | undefined {
  const s = text
    .toLowerCase()
    .replace(/\s+/g, "")
    .replace(/a\.m\.?$/, "am")
    .replace(/p\.m\.?$/, "pm");
  if (s === "noon" || s === "midday") return "12:00";
  if (s === "midnight") return "00:00";
  const m = /^(\d{1,2})(?:[:.h](\d{2})|h)?(am|pm)?$/.exec(s) ?? /^(\d{2})(\d{2})()$/.exec(s);
  if (!m) return undefined;
  let hour = Number(m[1]);
  const minute = m[2] ? Number(m[2]) : 0;
  const meridiem = m[3];
  if (minute > 59) return undefined;
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (meridiem === "pm" ? 12 : 0);
  } else if (hour > 23) {
    return undefined;
  }
  return `${pad2(hour)}:${pad2(minute)}`;
}

/**
 * Parses the slot of `/role checkin at …`: a weekday and a time in either order, e.g. `fri 16:00`,
 * `Friday 4pm`, `thu 09:30`, `mon 9`, `16:00 friday`, `at fri, 4:30 pm`. Case and a leading `at`
 * are ignored. The time is on the lead's own wall clock.
 */
export function parseCheckinSlot(text: string): ParseResult<CheckinSlot> {
  const fail = (error: string): ParseResult<CheckinSlot> => ({ ok: false, error, usage: CHECKIN_AT_USAGE });
  const words = text
    .toLowerCase()
    .replace(/,/g, " ")
    .trim()
    .replace(/\.$/, "")
    .split(/\s+/)
    .filter((w) => w !== "" && w !== "at");
  if (words.length === 0) return fail("Tell me a weekday and a time for your check-in.");

  const weekdays: Weekday[] = [];
  const rest: string[] = [];
  for (const w of words) {
    const wd = weekdayFromWord(w);
    if (wd !== undefined) weekdays.push(wd);
    else rest.push(w);
  }
  const timeText = rest.join(" ");
  const weekday = weekdays[0];
  if (weekdays.length > 1) return fail("Give one weekday, not several.");
  if (weekday === undefined) {
    return fail(
      parseTimeOfDay(timeText) !== undefined
        ? "Add a weekday (mon, tue, wed, thu, fri, sat or sun)."
        : `I couldn't find a weekday in "${text.trim()}".`,
    );
  }
  if (rest.length === 0) return fail("Add a time of day, e.g. 16:00 or 4pm.");
  const time = parseTimeOfDay(timeText);
  if (time === undefined) return fail(`"${timeText}" is not a time of day (use 16:00, 4pm or 9).`);
  return { ok: true, value: { weekday, time } };
}

/** `{ weekday: 5, time: "16:00" }` → `"Fri 16:00"`. */
export function formatCheckinSlot(slot: CheckinSlot): string {
  return `${WEEKDAY_SHORT[slot.weekday - 1] ?? "?"} ${slot.time}`;
}

export function isValidCheckinSlot(slot: CheckinSlot): boolean {
  return Number.isInteger(slot.weekday) && slot.weekday >= 1 && slot.weekday <= 7 && isLocalTime(slot.time);
}

/** The local date of a week's check-in day. */
export function checkinDateOf(week: IsoWeekKey, slot: CheckinSlot): LocalDate {
  return dateInIsoWeek(week, slot.weekday);
}

/** The instant a week's check-in becomes due on the lead's wall clock (see `zonedTimeToInstant`). */
export function checkinSlotInstant(week: IsoWeekKey, slot: CheckinSlot, tz: string): Date {
  return zonedTimeToInstant(checkinDateOf(week, slot), slot.time, tz);
}
