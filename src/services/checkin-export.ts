/**
 * The check-in history, one row per lead per counted week, for `rolecall export --checkins`. Each
 * week is taken from the digest's own walk (`leadWeeksOf` over the digest's inputs), so a week the
 * digest counts as away or missed is exported as such and drift is the digest's drift.
 *
 * A lead of several teams has one row per week naming every team; their figures are the same on
 * each, since an allocation and an answer belong to the person, not to a team.
 *
 * Private leads (`people.digest_private`) are left out entirely unless `includePrivate`: even a
 * row with blank figures would tell when they answered and when they were away, which the digest
 * never shows either.
 */

import type { AppContext } from "../context.ts";
import type { Split } from "../domain/allocation.ts";
import { type LeadWeekState, leadWeeksOf } from "../domain/digest.ts";
import { addMonths, type IsoWeekKey, type LocalDate, type MonthKey } from "../domain/time.ts";
import { withHolidayAwayWeeks } from "./holiday-away-weeks.ts";

export type CheckinExportRequest = {
  teamId: string;
  /** First and last month, inclusive (a week belongs to the month of its Thursday). */
  from: MonthKey;
  to: MonthKey;
  /** Workspace-local today: weeks not over by then count only when already answered. */
  asOf: LocalDate;
  includePrivate: boolean;
};

export type CheckinExportRow = {
  workspace: string;
  /** Every team channel the person was a lead of that week, sorted. */
  teamChannels: string[];
  lead: string;
  leadName: string | null;
  week: IsoWeekKey;
  month: MonthKey;
  state: LeadWeekState;
  stated: Split | null;
  actual: Split | null;
  drift: Split | null;
};

export function checkinExportRows(ctx: AppContext, req: CheckinExportRequest): CheckinExportRow[] {
  const channels = ctx.stores.teams
    .list(req.teamId)
    .map((t) => t.channelId)
    .sort();
  const rows = new Map<string, CheckinExportRow>();
  for (let month = req.from; month <= req.to; month = addMonths(month, 1)) {
    for (const channelId of channels) {
      const input = withHolidayAwayWeeks(
        ctx.stores.digests.inputs.load({ teamId: req.teamId, channelId, month, asOf: req.asOf }),
      );
      for (const lead of input.leads) {
        if (lead.isPrivate && !req.includePrivate) continue;
        for (const w of leadWeeksOf(lead, month, req.asOf)) {
          const key = `${w.week} ${lead.userId}`;
          const seen = rows.get(key);
          if (seen) {
            seen.teamChannels.push(channelId);
            continue;
          }
          rows.set(key, {
            workspace: req.teamId,
            teamChannels: [channelId],
            lead: lead.userId,
            leadName: lead.displayName ?? null,
            ...w,
          });
        }
      }
    }
  }
  // Keys are "week lead": weeks sort as text ("2026-W05" < "2026-W47"), then leads.
  return [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}
