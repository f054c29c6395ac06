/**
 * Calendar and time-zone helpers on plain values. Pure: nothing here reads the clock.
 *
 * Value formats (all plain strings, so they compare, store and log as-is):
 * - local date  `"YYYY-MM-DD"` (`LocalDate`)
 * - local time  `"HH:MM"`, 24-hour, `"00:00"`..`"23:59"` (`LocalTime`)
 * - ISO week    `"YYYY-Www"`, e.g. `"2026-W48"` (`IsoWeekKey`); ISO 8601 weeks run Monday..Sunday and
 *   belong to the ISO year of their Thursday, so `"2027-W53"`-style keys exist only in long years
 * - month       `"YYYY-MM"` (`MonthKey`)
 *
 * All four sort correctly as strings (for 4-digit years), so `a < b` compares them chronologically.
 *
 * Time zones are IANA names as Slack reports them (`users.info` → `tz`); conversions use
 * `Intl.DateTimeFormat` and so the ICU data of the running Node.
 *
 * Errors: helpers that take a date, time, week, month or time zone throw a `RangeError` naming the
 * bad value when it is malformed; callers holding unvalidated input use the `is…`/`parse…` guards
 * first. (The check-in due-function in `checkin-schedule.ts` never throws.)
 */

export type LocalDate = string;
export type LocalTime = string;
export type IsoWeekKey = string;
export type MonthKey = string;
/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export type LocalDateTime = { date: LocalDate; time: LocalTime; weekday: Weekday };

export type IsoWeek = {
  key: IsoWeekKey;
  /** ISO week-numbering year (the calendar year of the week's Thursday). */
  year: number;
  week: number;
  monday: LocalDate;
  sunday: LocalDate;
};

/**
 * The Sunday that ends the last ISO week lying wholly in year 9999. Dates have four-digit years, and
 * the week of any later day ends in year 10000, so week arithmetic on it fails: inputs that would
 * lead past this day are refused where they are read.
 */
export const LAST_WHOLE_WEEK_SUNDAY: LocalDate = "9999-12-26";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

// ---------------------------------------------------------------------------------------------
// Parsing and formatting of the plain values
// ---------------------------------------------------------------------------------------------

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})$/;
const WEEK_RE = /^(\d{4})-W(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** UTC milliseconds of a civil date-time; safe for years 0–99 too (where `Date.UTC` means 19xx). */
function civilToMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second);
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}

/**
 * Memoises a pure function of a string key. The scheduler asks the same questions every minute
 * (this week's slot instant, this week's bounds), and each answer costs `Intl` calls; results never
 * change, so a bounded cache is safe. Cleared wholesale when full.
 */
function memo<T>(limit: number, compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const value = compute(key);
    if (cache.size >= limit) cache.clear();
    cache.set(key, value);
    return value;
  };
}

function msToDate(ms: number): LocalDate {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Parses a real calendar date (`"2026-02-30"` is rejected); `undefined` when malformed. */
export function parseLocalDate(text: string): { year: number; month: number; day: number } | undefined {
  const m = DATE_RE.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return undefined;
  if (day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

export function isLocalDate(text: string): boolean {
  return parseLocalDate(text) !== undefined;
}

/** `"HH:MM"` with 00 ≤ HH ≤ 23 and 00 ≤ MM ≤ 59. */
export function isLocalTime(text: string): boolean {
  const m = TIME_RE.exec(text);
  return m !== null && Number(m[1]) <= 23 && Number(m[2]) <= 59;
}

export function isIsoWeekKey(text: string): boolean {
  const m = WEEK_RE.exec(text);
  if (!m) return false;
  const week = Number(m[2]);
  return week >= 1 && week <= isoWeeksInYear(Number(m[1]));
}

export function isMonthKey(text: string): boolean {
  const m = MONTH_RE.exec(text);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

function requireDate(date: LocalDate): { year: number; month: number; day: number } {
  const p = parseLocalDate(date);
  if (!p) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return p;
}

function requireTime(time: LocalTime): { hour: number; minute: number } {
  if (!isLocalTime(time))
    throw new RangeError(`Not a local time (HH:MM, 00:00–23:59): ${JSON.stringify(time)}`);
  return { hour: Number(time.slice(0, 2)), minute: Number(time.slice(3, 5)) };
}

function requireMonth(month: MonthKey): { year: number; month: number } {
  if (!isMonthKey(month)) throw new RangeError(`Not a month (YYYY-MM): ${JSON.stringify(month)}`);
  return { year: Number(month.slice(0, 4)), month: Number(month.slice(5, 7)) };
}

function requireWeek(key: IsoWeekKey): { year: number; week: number } {
  if (!isIsoWeekKey(key)) throw new RangeError(`Not an ISO week (YYYY-Www): ${JSON.stringify(key)}`);
  return { year: Number(key.slice(0, 4)), week: Number(key.slice(6, 8)) };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// ---------------------------------------------------------------------------------------------
// Time zones
// ---------------------------------------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    // Throws RangeError for an unknown zone.
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(tz, f);
  }
  return f;
}

/** True when the running Node knows this IANA time zone (e.g. `"Europe/Berlin"`, `"UTC"`). */
export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== "string" || tz.trim() === "") return false;
  try {
    formatterFor(tz);
    return true;
  } catch {
    return false;
  }
}

/** The first valid time zone among the candidates (e.g. user tz, workspace default), else `"UTC"`. */
export function resolveTimeZone(...candidates: (string | null | undefined)[]): string {
  for (const c of candidates) if (c && isValidTimeZone(c)) return c;
  return "UTC";
}

function requireInstant(instant: Date): number {
  const t = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (!Number.isFinite(t)) throw new RangeError("Invalid Date");
  return t;
}

type Civil = { year: number; month: number; day: number; hour: number; minute: number; second: number };

// `format` plus a regex is about three times faster than `formatToParts`; the parts are the fallback
// should some ICU build print the en-US pattern differently.
const FORMAT_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{1,6}),?\s+(\d{1,2}):(\d{2}):(\d{2})$/;

function civilAt(ms: number, tz: string): Civil {
  const f = formatterFor(tz);
  const date = new Date(ms);
  const m = FORMAT_RE.exec(f.format(date));
  if (m) {
    return {
      year: Number(m[3]),
      month: Number(m[1]),
      day: Number(m[2]),
      hour: Number(m[4]) % 24, // some ICU versions print midnight as "24"
      minute: Number(m[5]),
      second: Number(m[6]),
    };
  }
  const parts = f.formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes): number => {
    const p = parts.find((x) => x.type === type);
    return p ? Number(p.value) : 0;
  };
  return {
    year: get("year"),
    month: get("month"),
    day: get("day"),
    hour: get("hour") % 24,
    minute: get("minute"),
    second: get("second"),
  };
}

/** The zone's UTC offset at an instant, in milliseconds (local = UTC + offset). */
function offsetMsAt(ms: number, tz: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const c = civilAt(whole, tz);
  return civilToMs(c.year, c.month, c.day, c.hour, c.minute, c.second) - whole;
}

/** The zone's UTC offset at an instant in minutes, e.g. `-300` for New York in winter. */
export function utcOffsetMinutes(instant: Date, tz: string): number {
  const ms = requireInstant(instant);
  formatterFor(tz);
  return Math.round(offsetMsAt(ms, tz) / MINUTE_MS);
}

/** Wall-clock date, time (minutes, seconds dropped) and ISO weekday of an instant in a zone. */
export function localDateTimeIn(instant: Date, tz: string): LocalDateTime {
  const ms = requireInstant(instant);
  // Zone offsets are whole seconds, so the answer changes at most once a second; a busy bot asks
  // for "today" on every slash command, and formatting the instant costs ~10 µs.
  const second = Math.floor(ms / 1000);
  const last = lastLocal.get(tz);
  if (last && last.second === second) return { ...last.value };
  const c = civilAt(ms, tz);
  const date = `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)}`;
  const value: LocalDateTime = { date, time: `${pad(c.hour)}:${pad(c.minute)}`, weekday: weekdayOf(date) };
  lastLocal.set(tz, { second, value });
  return { ...value };
}

/** Per zone, the last instant's wall clock (bounded by the number of zones in use). */
const lastLocal = new Map<string, { second: number; value: LocalDateTime }>();

/**
 * The instant at which the wall clock in `tz` shows `date` `time`.
 *
 * - DST gap (the local time does not exist, e.g. 02:30 on the spring-forward night): the time is
 *   moved forward by the length of the gap, i.e. read with the offset in force before the
 *   transition: New York 2026-03-08 02:30 → 07:30Z (= 03:30 EDT). This is the "compatible"
 *   disambiguation of Temporal and of RFC 5545.
 * - DST overlap (the local time happens twice on the fall-back night): the earlier instant is
 *   chosen: Berlin 2026-10-25 02:30 → 00:30Z (02:30 CEST), not 01:30Z (02:30 CET).
 *
 * Assumes no zone changes its offset twice within 24 hours (true of the tz database since 1970).
 */
export function zonedTimeToInstant(date: LocalDate, time: LocalTime, tz: string): Date {
  requireDate(date);
  requireTime(time);
  formatterFor(tz);
  return new Date(zonedMs(`${tz}|${date}|${time}`));
}

const zonedMs = memo(20_000, (key: string): number => {
  const [tz = "", date = "", time = ""] = key.split("|");
  const d = requireDate(date);
  const t = requireTime(time);
  const wall = civilToMs(d.year, d.month, d.day, t.hour, t.minute);
  const before = offsetMsAt(wall - DAY_MS, tz);
  const after = offsetMsAt(wall + DAY_MS, tz);
  // No transition near this wall time: the one offset applies.
  if (before === after) return wall - before;
  const candidates = new Set<number>([wall - before, wall - after]);
  // A third guess in case a transition lies just outside the ±24 h probes.
  candidates.add(wall - offsetMsAt(wall - before, tz));
  const valid = [...candidates].filter((ms) => ms + offsetMsAt(ms, tz) === wall).sort((a, b) => a - b);
  // Overlap: the earlier instant. Gap (none valid): read the wall time with the pre-transition
  // offset, which lands `gap` later on the wall clock.
  return valid[0] ?? wall - before;
});

// ---------------------------------------------------------------------------------------------
// Days and ISO weeks
// ---------------------------------------------------------------------------------------------

/** ISO weekday of a local date: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: LocalDate): Weekday {
  const d = requireDate(date);
  const js = new Date(civilToMs(d.year, d.month, d.day)).getUTCDay(); // 0 = Sunday
  return (js === 0 ? 7 : js) as Weekday;
}

export function addDays(date: LocalDate, n: number): LocalDate {
  const d = requireDate(date);
  if (!Number.isInteger(n)) throw new RangeError(`addDays needs a whole number of days, got ${n}`);
  return msToDate(civilToMs(d.year, d.month, d.day) + n * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  const a = requireDate(from);
  const b = requireDate(to);
  return Math.round((civilToMs(b.year, b.month, b.day) - civilToMs(a.year, a.month, a.day)) / DAY_MS);
}

/** The ISO week containing a local date. `isoWeekOf("2027-01-01")` is `2026-W53`. */
export function isoWeekOf(date: LocalDate): IsoWeek {
  return { ...isoWeekOfMemo(date) };
}

const isoWeekOfMemo = memo(5_000, (date: LocalDate): IsoWeek => {
  const wd = weekdayOf(date);
  const monday = addDays(date, 1 - wd);
  const thursday = addDays(monday, 3);
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor(daysBetween(`${pad(year, 4)}-01-01`, thursday) / 7) + 1;
  return { key: `${pad(year, 4)}-W${pad(week)}`, year, week, monday, sunday: addDays(monday, 6) };
});

/** Number of ISO weeks (52 or 53) in an ISO week-numbering year. */
export function isoWeeksInYear(year: number): number {
  // 28 December is always in the last ISO week of its year.
  return isoWeekOf(`${pad(year, 4)}-12-28`).week;
}

// Digests ask for the same few hundred weeks over and over (every lead, every week of a year's
// window); the calendar arithmetic was a third of a digest's time before this memo.
const mondays = new Map<IsoWeekKey, LocalDate>();
const MONDAYS_KEPT = 5000;

/** Monday of an ISO week. */
export function isoWeekMonday(key: IsoWeekKey): LocalDate {
  const known = mondays.get(key);
  if (known !== undefined) return known;
  const { year, week } = requireWeek(key);
  // 4 January is always in week 1.
  const jan4 = `${pad(year, 4)}-01-04`;
  const monday = addDays(jan4, 1 - weekdayOf(jan4) + 7 * (week - 1));
  if (mondays.size >= MONDAYS_KEPT) mondays.clear();
  mondays.set(key, monday);
  return monday;
}

export function isoWeekSunday(key: IsoWeekKey): LocalDate {
  return addDays(isoWeekMonday(key), 6);
}

/** Thursday of an ISO week: the day that decides its year and (for digests) its month. */
export function isoWeekThursday(key: IsoWeekKey): LocalDate {
  return addDays(isoWeekMonday(key), 3);
}

/** The local date of `weekday` (1 = Monday … 7 = Sunday) in an ISO week. */
export function dateInIsoWeek(key: IsoWeekKey, weekday: Weekday): LocalDate {
  return addDays(isoWeekMonday(key), weekday - 1);
}

export function addWeeks(key: IsoWeekKey, n: number): IsoWeekKey {
  if (!Number.isInteger(n)) throw new RangeError(`addWeeks needs a whole number of weeks, got ${n}`);
  return isoWeekOf(addDays(isoWeekMonday(key), 7 * n)).key;
}

/** Every week key from `from` to `to`, both included, in order; empty when `from` is after `to`. */
export function weekKeysBetween(from: IsoWeekKey, to: IsoWeekKey): IsoWeekKey[] {
  requireWeek(from);
  requireWeek(to);
  const out: IsoWeekKey[] = [];
  for (let k = from; k <= to; k = addWeeks(k, 1)) out.push(k);
  return out;
}

/** The ISO week an instant falls in, on the wall clock of `tz`. */
export function isoWeekAt(instant: Date, tz: string): IsoWeek {
  return isoWeekOf(localDateTimeIn(instant, tz).date);
}

/**
 * The instants a local ISO week opens (Monday 00:00) and closes (the following Monday 00:00, i.e.
 * Sunday 24:00), on the wall clock of `tz`. `opensAt <= t < closesAt` for every `t` whose local date
 * lies in the week.
 */
export function isoWeekBounds(key: IsoWeekKey, tz: string): { opensAt: Date; closesAt: Date } {
  const monday = isoWeekMonday(key);
  return {
    opensAt: zonedTimeToInstant(monday, "00:00", tz),
    closesAt: zonedTimeToInstant(addDays(monday, 7), "00:00", tz),
  };
}

// ---------------------------------------------------------------------------------------------
// Months and the digest calendar
// ---------------------------------------------------------------------------------------------

export function monthOfDate(date: LocalDate): MonthKey {
  requireDate(date);
  return date.slice(0, 7);
}

/**
 * The month a week counts toward in digests: the month of its Thursday (ISO convention, the same
 * rule that gives a week its year). `2026-W40` (Mon 28 Sep – Sun 4 Oct, Thursday 1 Oct) → `"2026-10"`;
 * `2026-W53` (Thursday 31 Dec) → `"2026-12"`; `2027-W01` (Thursday 7 Jan) → `"2027-01"`.
 */
export function monthOfWeek(key: IsoWeekKey): MonthKey {
  return isoWeekThursday(key).slice(0, 7);
}

/** The weeks whose Thursday lies in `month`, in order (always 4 or 5). */
export function weeksOfMonth(month: MonthKey): IsoWeekKey[] {
  requireMonth(month);
  const first = `${month}-01`;
  let thursday = addDays(first, (4 - weekdayOf(first) + 7) % 7);
  const out: IsoWeekKey[] = [];
  while (thursday.startsWith(month)) {
    out.push(isoWeekOf(thursday).key);
    thursday = addDays(thursday, 7);
  }
  return out;
}

export function addMonths(month: MonthKey, n: number): MonthKey {
  const m = requireMonth(month);
  if (!Number.isInteger(n)) throw new RangeError(`addMonths needs a whole number of months, got ${n}`);
  const index = m.year * 12 + (m.month - 1) + n;
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}`;
}

export function previousMonth(month: MonthKey): MonthKey {
  return addMonths(month, -1);
}

export function nextMonth(month: MonthKey): MonthKey {
  return addMonths(month, 1);
}

/**
 * The `n` months ending with (and including) `month`, oldest first:
 * `monthsBack("2026-02", 3)` → `["2025-12", "2026-01", "2026-02"]`. `n <= 0` → `[]`.
 */
export function monthsBack(month: MonthKey, n: number): MonthKey[] {
  requireMonth(month);
  if (!Number.isInteger(n)) throw new RangeError(`monthsBack needs a whole number of months, got ${n}`);
  const out: MonthKey[] = [];
  for (let i = n - 1; i >= 0; i--) out.push(addMonths(month, -i));
  return out;
}

/** The month an instant falls in, on the wall clock of `tz`. */
export function monthAt(instant: Date, tz: string): MonthKey {
  return localDateTimeIn(instant, tz).date.slice(0, 7);
}

/** First Monday–Friday of the month (no holiday calendar): `"2026-11"` → `"2026-11-02"`. */
export function firstWorkingDay(month: MonthKey): LocalDate {
  requireMonth(month);
  const first = `${month}-01`;
  const wd = weekdayOf(first);
  return wd === 6 ? addDays(first, 2) : wd === 7 ? addDays(first, 1) : first;
}

/**
 * When the digest sent in `month` is due: `time` (e.g. `"10:00"`) on the first working day of
 * `month`, on the wall clock of the workspace zone `tz`. (It reports on `previousMonth(month)`.)
 */
export function digestDueInstant(month: MonthKey, time: LocalTime, tz: string): Date {
  return zonedTimeToInstant(firstWorkingDay(month), time, tz);
}
