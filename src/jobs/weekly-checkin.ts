import type { webApi } from "@slack/bolt";
import type { AppContext } from "../context.ts";
import { runWeeklyCheckin, summaryLine } from "../delivery/checkin-round.ts";
import { fetchSlackUser } from "../delivery/slack-users.ts";
import { fanOutClient } from "../delivery/web-clients.ts";
import { refreshingProfiles } from "../services/checkin-leads.ts";
import { recordCheckins } from "./job-metrics.ts";
import type { Job } from "./scheduler.ts";

/**
 * The weekly check-in job: every tick, one round (delivery/checkin-round.ts) on the fan-out client.
 * Once the scheduler's `signal` aborts, the round claims nothing new; the sends already claimed
 * finish and are recorded, so a clean stop leaves nothing `claimed`.
 */
export function weeklyCheckinJob(
  client: webApi.WebClient,
  ctx: AppContext,
  opts: { teamIds?: readonly string[] } = {},
): Job {
  const fanOut = fanOutClient(client, ctx);
  // Kept across ticks: who recently failed a profile refresh (see refreshingProfiles).
  const profiles = refreshingProfiles(ctx, fetchSlackUser(fanOut));
  return {
    name: "weekly-checkin",
    async run(now, signal) {
      const summary = await runWeeklyCheckin(ctx, fanOut, now, {
        profiles,
        // The scheduler reads `now` from the clock when the tick starts.
        clockAtNow: now.getTime(),
        ...opts,
        ...(signal ? { signal } : {}),
      });
      recordCheckins(ctx.metrics, summary.outcomes);
      const s = summary;
      if (s.sent + s.reconciled + s.reminded + s.failed + s.skipped + s.stopped > 0) {
        ctx.logger.info(summaryLine(summary));
      }
      return summary;
    },
  };
}
