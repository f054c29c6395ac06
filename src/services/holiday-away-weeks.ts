/**
 * Weeks that public holidays make away, added to a digest's inputs: the check-in job sends nothing
 * for a week whose check-in day is a holiday with no earlier working day left (domain/holiday-shift.ts),
 * so the digest and the export must count that week as away, not missed.
 */
import { checkinDateOf } from "../domain/checkin-slot.ts";
import type { TeamDigestInput } from "../domain/digest.ts";
import { checkinDayAround } from "../domain/holiday-shift.ts";
import type { DigestInputs } from "../store/digest-inputs.ts";
import { holidayCalendar } from "./public-holidays.ts";

export function withHolidayAwayWeeks({ input, holidayChecks }: DigestInputs): TeamDigestInput {
  if (holidayChecks.length === 0) return input;
  const extra = new Map<string, string[]>();
  for (const check of holidayChecks) {
    const calendar = holidayCalendar(check.place);
    if (!calendar) continue;
    const weeks = check.weeks.filter(
      (w) => checkinDayAround(checkinDateOf(w, check.slot), calendar).kind === "holiday-away",
    );
    if (weeks.length > 0) extra.set(check.userId, weeks);
  }
  if (extra.size === 0) return input;
  return {
    ...input,
    leads: input.leads.map((lead) => {
      const weeks = extra.get(lead.userId);
      return weeks ? { ...lead, awayWeeks: [...new Set([...(lead.awayWeeks ?? []), ...weeks])] } : lead;
    }),
  };
}
