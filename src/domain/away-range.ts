/**
 * Away ranges: how `/role checkin away` reads one, and which weeks they suppress. A week is away when
 * its check-in day lies in a range; away days elsewhere in the week do not matter. Pure.
 */
import { type CheckinSlot, checkinDateOf, DEFAULT_CHECKIN_SLOT, isValidCheckinSlot } from "./checkin-slot.ts";
import { CHECKIN_AWAY_USAGE } from "./command.ts";
import type { ParseResult } from "./parse-result.ts";
import { type IsoWeekKey, isLocalDate, type LocalDate, parseLocalDate } from "./time.ts";

/** Inclusive range of local dates. */
export type DateRange = { start: LocalDate; end: LocalDate };

/**
 * Parses an away range `2026-12-20..2027-01-05` (both days included; spaces around `..` allowed) or a
 * single day `2026-12-24`. Both ends must be real calendar dates and start ≤ end.
 */
export function parseAwayRange(text: string): ParseResult<DateRange> {
  const fail = (error: string): ParseResult<DateRange> => ({ ok: false, error, usage: CHECKIN_AWAY_USAGE });
  const s = text.trim();
  if (s === "") return fail("Give the days you are away.");
  const parts = s.includes("..") ? s.split("..").map((p) => p.trim()) : [s];
  if (parts.length > 2) return fail(`"${s}" has more than one "..".`);
  const [start = "", end = start] = parts;
  for (const d of [start, end]) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return fail(`"${d}" is not a date in the form YYYY-MM-DD.`);
    if (!parseLocalDate(d)) return fail(`${d} is not a calendar date.`);
  }
  if (start > end) return fail(`The range ends (${end}) before it starts (${start}).`);
  return { ok: true, value: { start, end } };
}

/** True when `date` lies inside one of the ranges (both ends included; malformed ranges ignored). */
export function isAwayOn(away: readonly DateRange[], date: LocalDate): boolean {
  return insideAny(wellFormed(away), date);
}

function wellFormed(away: readonly DateRange[]): DateRange[] {
  return away.filter((r) => isLocalDate(r.start) && isLocalDate(r.end));
}

function insideAny(ranges: readonly DateRange[], date: LocalDate): boolean {
  return ranges.some((r) => r.start <= date && date <= r.end);
}

/**
 * True when week `week` is an away week for the lead: its check-in day lies inside an away range.
 * Digests count such weeks as away rather than missing.
 */
export function isAwayWeek(
  lead: { slot: CheckinSlot; away: readonly DateRange[] },
  week: IsoWeekKey,
): boolean {
  return awayWeeksOf(lead, [week]).length === 1;
}

/** The weeks of `weeks` that are away weeks for the lead (`isAwayWeek`), ranges checked once. */
export function awayWeeksOf(
  lead: { slot: CheckinSlot; away: readonly DateRange[] },
  weeks: readonly IsoWeekKey[],
): IsoWeekKey[] {
  const valid = wellFormed(lead.away);
  if (valid.length === 0) return [];
  const slot = isValidCheckinSlot(lead.slot) ? lead.slot : DEFAULT_CHECKIN_SLOT;
  return weeks.filter((week) => insideAny(valid, checkinDateOf(week, slot)));
}
