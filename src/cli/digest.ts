import { writeFileSync } from "node:fs";
import { extname } from "node:path";
import type { webApi } from "@slack/bolt";
import type { AppContext } from "../context.ts";
import { type PostOutcome, postTeamDigest } from "../delivery/digest-post.ts";
import { interactiveClient } from "../delivery/web-clients.ts";
import { claimFromRow } from "../domain/digest-schedule.ts";
import { isMonthKey, localDateTimeIn, monthAt, resolveTimeZone } from "../domain/time.ts";
import {
  driftChartInputFromDigest,
  missingFontWarning,
  renderDriftChartPng,
} from "../messages/chart/drift-chart.ts";
import {
  type BuiltDigest,
  buildTeamDigest,
  digestText,
  EARLIEST_DIGEST_MONTH,
  plainName,
} from "../services/digest.ts";
import { CliError } from "./context.ts";

export type DigestCliOptions = {
  month: string | undefined;
  channel: string | undefined;
  png: string | undefined;
  dryRun: boolean;
  /** Take over any claim and post without looking in the channel (the operator has looked). */
  forceClaim: boolean;
};

export const DIGEST_USAGE =
  "rolecall digest --month YYYY-MM [--channel C…] [--png out.png] [--dry-run] [--force-claim]";

/**
 * `rolecall digest`: prints each team's digest for a month as text (all teams, or one channel), writes
 * the chart with `--png`, and without `--dry-run` posts it exactly as the monthly job does (same claim
 * in `digest_posts`, so a digest the job already posted is never posted twice). A dry run never calls
 * Slack: team size then comes from the configured headcount only.
 */
export async function digestCommand(
  ctx: AppContext,
  teamId: string,
  opts: DigestCliOptions,
  io: { write: (s: string) => void },
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const month = opts.month;
  if (!month || !isMonthKey(month)) {
    throw new CliError(
      `${month ? `"${month}" is not a month.` : "Say which month."} Usage: ${DIGEST_USAGE} (e.g. --month 2026-11)`,
    );
  }
  if (opts.channel !== undefined && !/^[CG][A-Z0-9]+$/.test(opts.channel)) {
    throw new CliError(`--channel must be a Slack channel id such as C0123ABCD, not "${opts.channel}".`);
  }
  const tz = resolveTimeZone(ctx.stores.workspaces.get(teamId)?.timezone);
  const now = ctx.clock();
  if (month > monthAt(now, tz))
    throw new CliError(`${month} has not started yet; there is nothing to digest.`);
  if (month < EARLIEST_DIGEST_MONTH)
    throw new CliError(`rolecall has nothing before ${EARLIEST_DIGEST_MONTH}; there is nothing to digest.`);
  const asOf = localDateTimeIn(now, tz).date;

  const teams = ctx.stores.teams.list(teamId);
  const channels = opts.channel ? [opts.channel] : teams.map((t) => t.channelId);
  if (opts.channel && !teams.some((t) => t.channelId === opts.channel)) {
    throw new CliError(`No team uses channel ${opts.channel} in this database (workspace ${teamId}).`);
  }
  if (channels.length === 0) {
    throw new CliError(`Workspace ${teamId} has no teams yet: a team is a channel where /role was used.`);
  }

  let client: webApi.WebClient | undefined;
  if (!opts.dryRun) {
    const token = env.SLACK_BOT_TOKEN;
    if (!token) {
      throw new CliError(
        "Posting needs SLACK_BOT_TOKEN (the bot token, xoxb-…) in the environment or .env. " +
          "Add --dry-run to print the digest without posting.",
      );
    }
    client = interactiveClient(token, env.SLACK_API_URL || "https://slack.com/api/");
  }

  let failures = 0;
  for (const [i, channelId] of channels.entries()) {
    if (i > 0) io.write(`\n${"─".repeat(72)}\n\n`);
    let built: BuiltDigest | undefined;
    if (client) {
      const outcome = await post(ctx, client, { teamId, channelId, month, asOf, now }, opts.forceClaim);
      io.write(`${outcomeLine(outcome)}\n\n`);
      if (outcome.outcome === "failed") failures++;
      built = outcome.built;
    }
    built ??= await buildTeamDigest(ctx, { teamId, channelId, month, asOf });
    io.write(`${digestText(built)}\n`);
    if (opts.png) {
      const path = channels.length > 1 ? pathFor(opts.png, channelId) : opts.png;
      const input = driftChartInputFromDigest(built.digest, plainName);
      if (input.series.length === 0) {
        io.write(`\nNo chart for ${channelId}: no lead's figures may be shown in the channel.\n`);
      } else {
        writeFileSync(path, await renderDriftChartPng(input));
        io.write(`\nChart written to ${path}\n`);
        const warning = missingFontWarning();
        if (warning) io.write(`Warning: ${warning}\n`);
      }
    }
  }
  return failures > 0 ? 1 : 0;
}

async function post(
  ctx: AppContext,
  client: webApi.WebClient,
  req: { teamId: string; channelId: string; month: string; asOf: string; now: Date },
  force: boolean,
): Promise<PostOutcome> {
  const existing = ctx.stores.digests.get(req.teamId, req.channelId, req.month);
  const base = { teamId: req.teamId, channelId: req.channelId, month: req.month };
  if (existing?.state === "posted" || existing?.state === "skipped") {
    return { ...base, outcome: "already-claimed", error: describe(existing) };
  }
  // A claim past its grace period is reconciled as the job would: looked for in the channel first.
  const stale = existing?.state === "claimed" ? claimFromRow(existing, req.now) : null;
  if (existing?.state === "claimed" && !force && !stale) {
    return { ...base, outcome: "already-claimed", error: describe(existing) };
  }
  // By hand, a failed post is retried at once rather than after the job's back-off.
  const from = force
    ? ("force" as const)
    : existing?.state === "failed"
      ? { state: "failed" as const, attempts: existing.attempts }
      : (stale ?? claimFromRow(existing, req.now) ?? { state: "none" as const });
  return postTeamDigest(ctx, client, { ...req, from });
}

function describe(post: { state: string; postedAt: string | null; claimedAt: string | null }): string {
  if (post.state === "posted") return `already posted on ${post.postedAt ?? "?"}`;
  if (post.state === "skipped") return "skipped: no hybrid lead that month";
  return `claimed at ${post.claimedAt ?? "?"} and not finished yet (in flight, or the bot stopped mid-post; after a few minutes it is checked against the channel); --force-claim posts it without checking`;
}

function outcomeLine(o: PostOutcome): string {
  switch (o.outcome) {
    case "posted":
      return `Posted to ${o.postedTo}${o.chartError ? ` (chart upload failed: ${o.chartError})` : " with its chart"}.`;
    case "reconciled":
      return `Already in ${o.postedTo} from an earlier attempt: recorded as posted, not posted again${o.chartError ? ` (chart upload failed: ${o.chartError})` : ""}.`;
    case "skipped":
      return "Not posted: no hybrid lead that month (recorded as skipped).";
    case "failed":
      return `Posting failed: ${o.error}`;
    default:
      return `Not posted for ${o.channelId}: ${o.error ?? "another process holds the claim"}.`;
  }
}

function pathFor(png: string, channelId: string): string {
  const ext = extname(png);
  return ext ? `${png.slice(0, -ext.length)}-${channelId}${ext}` : `${png}-${channelId}.png`;
}
