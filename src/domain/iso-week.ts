/**
 * The few ISO-week helpers the drift digest needs, kept small and private to it so the digest does
 * not depend on the wider calendar module (`time.ts`). Names and semantics match `time.ts`, so the
 * two can be merged later without changing callers' results.
 *
 * Conventions (see DESIGN.md): dates `"YYYY-MM-DD"`, ISO weeks `"YYYY-Www"` (Monday..Sunday, numbered
 * in the ISO year of their Thursday), months `"YYYY-MM"`. A week belongs to the month of its
 * Thursday. All three sort chronologically as strings. Pure; no clock reads. Malformed input throws
 * a `RangeError` naming the value.
 */

export type IsoDate = string;
export type IsoWeekKey = string;
export type MonthKey = string;

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEK_RE = /^(\d{4})-W(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function dateToMs(date: IsoDate): number {
  const m = DATE_RE.exec(date);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  if (!m || msToDate(ms) !== date)
    throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return ms;
}

function msToDate(ms: number): IsoDate {
  if (!Number.isFinite(ms)) return "";
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

function parseMonth(month: MonthKey): { year: number; month: number } {
  const m = MONTH_RE.exec(month);
  const mm = m ? Number(m[2]) : 0;
  if (!m || mm < 1 || mm > 12) throw new RangeError(`Not a month (YYYY-MM): ${JSON.stringify(month)}`);
  return { year: Number(m[1]), month: mm };
}

/** ISO weekday of a UTC-midnight timestamp: 1 = Monday … 7 = Sunday. */
function isoWeekday(ms: number): number {
  const d = new Date(ms).getUTCDay();
  return d === 0 ? 7 : d;
}

export function addDays(date: IsoDate, n: number): IsoDate {
  return msToDate(dateToMs(date) + n * DAY_MS);
}

/** The key of the ISO week containing `date`, e.g. `"2026-11-26"` → `"2026-W48"`. */
export function isoWeekKeyOf(date: IsoDate): IsoWeekKey {
  const ms = dateToMs(date);
  const thursday = new Date(ms + (4 - isoWeekday(ms)) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return `${year}-W${pad2(week)}`;
}

/** The Monday of an ISO week. Throws when the week does not exist (e.g. `"2026-W53"`). */
export function isoWeekMonday(week: IsoWeekKey): IsoDate {
  const m = WEEK_RE.exec(week);
  if (m) {
    const year = Number(m[1]);
    const jan4 = Date.UTC(year, 0, 4); // 4 January is always in week 1
    const monday = msToDate(jan4 - (isoWeekday(jan4) - 1) * DAY_MS + (Number(m[2]) - 1) * 7 * DAY_MS);
    if (Number(m[2]) >= 1 && isoWeekKeyOf(monday) === week) return monday;
  }
  throw new RangeError(`Not an ISO week (YYYY-Www): ${JSON.stringify(week)}`);
}

/** The Thursday of an ISO week: the day that decides the week's month (and, in the digest, more). */
export function isoWeekThursday(week: IsoWeekKey): IsoDate {
  return addDays(isoWeekMonday(week), 3);
}

/** The month a week belongs to: the month of its Thursday. */
export function monthOfWeek(week: IsoWeekKey): MonthKey {
  return isoWeekThursday(week).slice(0, 7);
}

/** The weeks belonging to `month` (those whose Thursday falls in it), oldest first: 4 or 5 of them. */
export function weeksOfMonth(month: MonthKey): IsoWeekKey[] {
  const { year, month: mm } = parseMonth(month);
  const first = Date.UTC(year, mm - 1, 1);
  const weeks: IsoWeekKey[] = [];
  for (let ms = first + ((4 - isoWeekday(first) + 7) % 7) * DAY_MS; ; ms += 7 * DAY_MS) {
    const date = msToDate(ms);
    if (date.slice(0, 7) !== month) break;
    weeks.push(isoWeekKeyOf(date));
  }
  return weeks;
}

/** `month` shifted by `n` months (negative goes back). */
export function addMonths(month: MonthKey, n: number): MonthKey {
  const { year, month: mm } = parseMonth(month);
  const index = year * 12 + (mm - 1) + n;
  return `${Math.floor(index / 12)}-${pad2((index % 12) + 1)}`;
}
