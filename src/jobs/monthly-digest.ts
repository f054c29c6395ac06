/**
 * The monthly drift digest job. On every tick, for each workspace: once `now` has passed the digest's
 * due instant for the current month (the first working day at `digest_time`, 10:00 by default, on the
 * workspace's wall clock), last month's digest is owed to every team. Each team is claimed in
 * `digest_posts` before anything is sent, so double ticks, two processes and restarts post it once;
 * a claim a crash left behind is reconciled against the channel after a grace period.
 *
 * - **Catch-up.** A bot that was down at the due instant posts on its first tick back, any time in
 *   that month. A digest more than a month late is not posted (the next one's chart covers the month).
 * - **Weeks.** A week counts in the month of its Thursday. The month's last week can still be running
 *   on the first working day (when the 1st is a Friday, its Friday to Sunday are left): it counts then
 *   only for leads who already answered it, is never counted as missing, is named in a footnote, and
 *   shows in full in later months' charts and streaks. It never moves to the next month.
 * - **Failures.** One team's failure never stops the others. A failed post is retried on later ticks
 *   after 15, 30, 60, 120 minutes, 5 attempts in all. If the chart cannot be rendered or uploaded the
 *   text digest still stands: the failure is logged, recorded in `digest_posts.chart_error`, and the
 *   message's chart line says so.
 * - **Privacy.** Private leads get their own figures by DM: one DM per lead and month, covering each
 *   team they lead, sent once every one of those teams' digests has posted or been given up (the
 *   figures are the lead's own, so a channel that cannot be posted to does not withhold them). A
 *   failed DM is logged, not retried. A team left mid-post by a crash holds its leads' DM back until
 *   a later tick reconciles it against the channel (delivery/digest-post.ts), or, when the channel's
 *   history cannot be read, until `rolecall digest --force-claim` settles it.
 */
import type { webApi } from "@slack/bolt";
import type { AppContext } from "../context.ts";
import { type PostOutcome, postTeamDigest } from "../delivery/digest-post.ts";
import { owedDigests } from "../services/monthly-digest.ts";
import { recordDigests } from "./job-metrics.ts";
import type { Job } from "./scheduler.ts";

/**
 * Every workspace whose digest is due: post last month's to each team still owed one. Once `signal`
 * aborts, the team being posted finishes and no further team is claimed.
 */
export async function runMonthlyDigest(
  ctx: AppContext,
  client: webApi.WebClient,
  now: Date,
  opts: { signal?: AbortSignal; teamIds?: readonly string[]; clockAtNow?: number } = {},
): Promise<PostOutcome[]> {
  const { signal, teamIds } = opts;
  // Each team's claim is stamped when it is made, not at the tick's start: the posts of a long run
  // must not look stale to another process before their grace period is over.
  const base = opts.clockAtNow ?? ctx.clock().getTime();
  const claimTime = () => new Date(now.getTime() + Math.max(0, ctx.clock().getTime() - base));
  const outcomes: PostOutcome[] = [];
  for (const ws of ctx.stores.workspaces.list()) {
    if (teamIds && !teamIds.includes(ws.teamId)) continue;
    try {
      for (const owed of owedDigests(ctx, ws, now)) {
        if (signal?.aborted) return outcomes;
        outcomes.push(await postTeamDigest(ctx, client, { ...owed, now: claimTime() }));
      }
    } catch (err) {
      ctx.logger.error(`The monthly digest for workspace ${ws.teamId} failed`, err);
    }
  }
  return outcomes;
}

export function monthlyDigestJob(
  client: webApi.WebClient,
  ctx: AppContext,
  opts: { teamIds?: readonly string[] } = {},
): Job {
  return {
    name: "monthly-digest",
    async run(now, signal) {
      const outcomes = await runMonthlyDigest(ctx, client, now, {
        clockAtNow: now.getTime(),
        ...(signal ? { signal } : {}),
        ...(opts.teamIds ? { teamIds: opts.teamIds } : {}),
      });
      recordDigests(ctx.metrics, outcomes);
      return outcomes;
    },
  };
}
