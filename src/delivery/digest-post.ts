/**
 * Posting one team's monthly digest (the job, and `rolecall digest` without `--dry-run`): claim,
 * build, render, post, upload the chart, and DM private leads. What is owed when, and how failures
 * are retried: jobs/monthly-digest.ts.
 *
 * Exactly once: the team's row is claimed before Slack is called, and the post carries metadata
 * (`rolecall_digest`: workspace, team channel, month). When the outcome of an earlier attempt is in
 * doubt (a claim a crash left behind, taken over after its grace period, or a retry after a failure
 * that may have been a reply lost after Slack posted), the channel's history is read first
 * (delivery/digest-lookup.ts): a post found there is recorded, not posted again, and its chart is
 * uploaded only if the chart's file is not there too. If the history cannot be read at all
 * (`missing_scope` on an install older than `channels:history`/`groups:history`, or
 * `not_in_channel`), nothing is posted: the month is recorded failed and the log says what to do.
 * See docs/exactly-once.md.
 */
import type { webApi } from "@slack/bolt";
import type { AppContext } from "../context.ts";
import { DIGEST_MAX_ATTEMPTS, type DigestClaimFrom, isDigestSettled } from "../domain/digest-schedule.ts";
import { monthLabel } from "../domain/digest-text.ts";
import type { MonthKey } from "../domain/time.ts";
import {
  driftChartAltText,
  driftChartInputFromDigest,
  missingFontWarning,
  renderDriftChartPng,
} from "../messages/chart/drift-chart.ts";
import { digestMessage, leadDmMessage, mentionName } from "../messages/digest.ts";
import { type BuiltDigest, buildTeamDigest, digestFindings, plainName } from "../services/digest.ts";
import { owedLeadDms } from "../services/monthly-digest.ts";
import { uploadPng } from "./chart-upload.ts";
import { DIGEST_EVENT, type DigestMark, findPostedDigest, HISTORY_REFUSALS } from "./digest-lookup.ts";
import { digestSlackReads } from "./digest-slack-reads.ts";
import { slackErrorCode } from "./slack-errors.ts";

export type PostOutcome = {
  teamId: string;
  channelId: string;
  month: MonthKey;
  /** `reconciled`: a post in doubt was found already in the channel, recorded and not posted again. */
  outcome: "posted" | "reconciled" | "skipped" | "failed" | "already-claimed";
  /**
   * The channel's history could not be read to check for an earlier post (`missing_scope`,
   * `not_in_channel`), so nothing was posted.
   */
  unverified?: boolean;
  postedTo?: string;
  messageTs?: string;
  error?: string;
  chartError?: string;
  built?: BuiltDigest;
};

export type PostRequest = {
  teamId: string;
  channelId: string;
  month: MonthKey;
  asOf: string;
  from: DigestClaimFrom | "force";
  now: Date;
};

/**
 * Claims, builds and posts one team's digest for one month; never throws. Used by the job and by
 * `rolecall digest` without `--dry-run`.
 */
export async function postTeamDigest(
  ctx: AppContext,
  client: webApi.WebClient,
  req: PostRequest,
): Promise<PostOutcome> {
  const { teamId, channelId, month, now } = req;
  const base = { teamId, channelId, month };
  const posts = ctx.stores.digests;
  // A stale claim may be a crash after Slack posted, and a failure a reply lost after it posted: both
  // look in the channel before posting. A forced claim is the operator's word that it is not there.
  let lookSince: string | null | undefined;
  if (req.from !== "force" && req.from.state === "claimed") lookSince = req.from.claimedAt;
  else if (req.from !== "force" && req.from.state === "failed") {
    lookSince = posts.get(teamId, channelId, month)?.claimedAt;
  }
  const claimed =
    req.from === "force"
      ? posts.forceClaim(teamId, channelId, month, now) ||
        posts.claim(teamId, channelId, month, { state: "none" }, now)
      : posts.claim(teamId, channelId, month, req.from, now);
  if (!claimed) return { ...base, outcome: "already-claimed" };

  let built: BuiltDigest;
  let message: ReturnType<typeof digestMessage>;
  let hasChart: boolean;
  try {
    built = await buildTeamDigest(ctx, {
      teamId,
      channelId,
      month,
      asOf: req.asOf,
      slack: digestSlackReads(ctx, client, teamId),
    });
    if (built.digest.leads.length === 0) {
      posts.markSkipped(teamId, channelId, month);
      return { ...base, outcome: "skipped", built };
    }
    hasChart = driftChartInputFromDigest(built.digest).series.length > 0;
    message = digestMessage(built, {
      findings: digestFindings(built, mentionName),
      chart: hasChart ? "below" : "none",
    });
  } catch (err) {
    return settleFailure(
      ctx,
      client,
      req,
      fail(ctx, base, err, "could not be built", lookSince ?? undefined),
    );
  }

  const mark: DigestMark = { team: teamId, channel: channelId, month };
  if (lookSince) {
    let found: Awaited<ReturnType<typeof findPostedDigest>>;
    try {
      found = await findPostedDigest(client, {
        channel: built.digestChannelId,
        mark,
        chartFile: chartFilename(built),
        since: new Date(lookSince),
      });
    } catch (err) {
      const failed = HISTORY_REFUSALS.includes(slackErrorCode(err))
        ? unverified(ctx, base, built, err, lookSince)
        : fail(ctx, base, err, `could not be checked against ${built.digestChannelId}'s history`, lookSince);
      return settleFailure(ctx, client, req, failed, built);
    }
    if (found) return reconciled(ctx, client, req, built, found, hasChart);
  }

  let messageTs: string | undefined;
  try {
    const res = await client.chat.postMessage({
      channel: built.digestChannelId,
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      unfurl_media: false,
      metadata: { event_type: DIGEST_EVENT, event_payload: mark },
    });
    messageTs = res.ts;
  } catch (err) {
    // The reply may be lost after Slack posted: a retry looks from the earliest attempt in doubt.
    const failed = fail(
      ctx,
      base,
      err,
      `could not be posted to ${built.digestChannelId}`,
      lookSince ?? undefined,
    );
    return settleFailure(ctx, client, req, failed, built);
  }
  try {
    posts.markPosted(teamId, channelId, month, messageTs ?? null, now);
  } catch (err) {
    // Posted but not recorded: the month stays claimed, and a later tick finds the post by its
    // metadata and records it; the other teams go on.
    ctx.logger.error(
      `The ${month} digest of ${channelId} was posted to ${built.digestChannelId} but not recorded; a later tick reconciles it`,
      err,
    );
    return {
      ...base,
      outcome: "posted",
      postedTo: built.digestChannelId,
      built,
      ...(messageTs ? { messageTs } : {}),
    };
  }
  ctx.logger.info(`Posted the ${month} digest of ${channelId} to ${built.digestChannelId}`);

  const outcome: PostOutcome = {
    ...base,
    outcome: "posted",
    postedTo: built.digestChannelId,
    built,
    ...(messageTs ? { messageTs } : {}),
  };
  if (hasChart) {
    const chartError = await uploadChart(ctx, client, built, messageTs);
    if (chartError) outcome.chartError = chartError;
  }
  await sendPrivateLeadDms(ctx, client, req, built);
  return outcome;
}

/**
 * A post in doubt found in the channel: recorded as posted with its ts. Its chart is uploaded only
 * when the chart's file is not in the channel too (the crash came before the upload finished), so a
 * reconciled post never gets two charts.
 */
async function reconciled(
  ctx: AppContext,
  client: webApi.WebClient,
  req: PostRequest,
  built: BuiltDigest,
  found: { ts: string; chart: boolean },
  hasChart: boolean,
): Promise<PostOutcome> {
  const { teamId, channelId, month, now } = req;
  try {
    ctx.stores.digests.markPosted(teamId, channelId, month, found.ts, now);
  } catch (err) {
    // Found but not recorded: it stays in doubt and a later tick finds it again; the other teams go on.
    ctx.logger.error(
      `The ${month} digest of ${channelId} was found in ${built.digestChannelId} but not recorded`,
      err,
    );
    return {
      teamId,
      channelId,
      month,
      outcome: "reconciled",
      postedTo: built.digestChannelId,
      built,
      messageTs: found.ts,
    };
  }
  ctx.logger.info(
    `The ${month} digest of ${channelId} reconciled: already posted to ${built.digestChannelId} (${found.ts}), not posted again` +
      (hasChart ? (found.chart ? "; its chart is there too" : "; uploading its missing chart") : ""),
  );
  const outcome: PostOutcome = {
    teamId,
    channelId,
    month,
    outcome: "reconciled",
    postedTo: built.digestChannelId,
    messageTs: found.ts,
    built,
  };
  if (hasChart && !found.chart) {
    const chartError = await uploadChart(ctx, client, built, found.ts);
    if (chartError) outcome.chartError = chartError;
  }
  await sendPrivateLeadDms(ctx, client, req, built);
  return outcome;
}

/**
 * The channel's history cannot be read with this install, so whether the post in doubt went out is
 * unknown: record the attempt failed and tell the operator how to settle it, rather than post blindly.
 */
function unverified(
  ctx: AppContext,
  base: { teamId: string; channelId: string; month: MonthKey },
  built: BuiltDigest,
  err: unknown,
  since: string,
): PostOutcome {
  const code = slackErrorCode(err);
  const where = built.digestChannelId;
  const error = `${code} reading ${where}'s history: cannot check for an earlier post`;
  recordFailed(ctx, base, error, since);
  const fix =
    code === "not_in_channel"
      ? `invite @rolecall to ${where}`
      : "reinstall rolecall so it is granted channels:history and groups:history";
  ctx.logger.error(
    `The ${base.month} digest of ${base.channelId} may already be in ${where} (an attempt since ${since} never ` +
      `finished), and Slack refused to show that channel's history (${code}), so it was not posted again. ` +
      `To settle it: ${fix}, and a later tick checks and posts it; or look in ${where} and, if it is not ` +
      `there, post it with \`rolecall digest --month ${base.month} --channel ${base.channelId} --force-claim\`.`,
  );
  return { ...base, outcome: "failed", unverified: true, error };
}

/** After a failed attempt: once it was the last one, the team's private leads get their DM anyway. */
async function settleFailure(
  ctx: AppContext,
  client: webApi.WebClient,
  req: PostRequest,
  outcome: PostOutcome,
  built?: BuiltDigest,
): Promise<PostOutcome> {
  const post = ctx.stores.digests.get(req.teamId, req.channelId, req.month);
  if (post && isDigestSettled(post)) await sendPrivateLeadDms(ctx, client, req, built);
  return outcome;
}

/** Records the month failed for a later retry; a store error is logged, never thrown. */
function recordFailed(
  ctx: AppContext,
  base: { teamId: string; channelId: string; month: MonthKey },
  error: string,
  stillInDoubtSince: string | undefined,
): void {
  try {
    ctx.stores.digests.markFailed(base.teamId, base.channelId, base.month, error, stillInDoubtSince);
  } catch (storeErr) {
    ctx.logger.error("Could not record a failed digest", storeErr);
  }
}

function fail(
  ctx: AppContext,
  base: { teamId: string; channelId: string; month: MonthKey },
  err: unknown,
  what: string,
  stillInDoubtSince?: string,
): PostOutcome {
  const code = slackErrorCode(err);
  const hint =
    code === "not_in_channel" || code === "channel_not_found"
      ? " (invite @rolecall to the channel, or fix the team's digest channel)"
      : "";
  const error = `${code}${hint}`;
  recordFailed(ctx, base, error, stillInDoubtSince);
  const post = ctx.stores.digests.get(base.teamId, base.channelId, base.month);
  const final = post && post.attempts >= DIGEST_MAX_ATTEMPTS ? "; giving up" : "; will retry";
  ctx.logger.error(`The ${base.month} digest of ${base.channelId} ${what}: ${error}${final}`);
  return { ...base, outcome: "failed", error };
}

/** The chart's file name: one per team and month, which is how a reconcile finds it in the channel. */
function chartFilename(built: BuiltDigest): string {
  return `rolecall-drift-${built.month}-${built.teamName ?? built.channelId}.png`;
}

/** Whether this process has already logged that the chart has no font (once is enough). */
let fontWarningLogged = false;

/** Renders and uploads the chart; on failure logs, records and notes it, and returns the error. */
async function uploadChart(
  ctx: AppContext,
  client: webApi.WebClient,
  built: BuiltDigest,
  messageTs: string | undefined,
): Promise<string | undefined> {
  const input = driftChartInputFromDigest(built.digest, plainName);
  const fontWarning = missingFontWarning();
  if (fontWarning && !fontWarningLogged) {
    fontWarningLogged = true;
    ctx.logger.warn(fontWarning);
  }
  try {
    const png = await renderDriftChartPng(input);
    await uploadPng(client, {
      channelId: built.digestChannelId,
      png,
      filename: chartFilename(built),
      title: `Technical share, stated vs actual — ${monthLabel(built.month)}`,
      altText: driftChartAltText(input),
    });
    return undefined;
  } catch (err) {
    const error = slackErrorCode(err);
    ctx.logger.warn(`The ${built.month} digest chart of ${built.channelId} was not uploaded: ${error}`);
    ctx.stores.digests.recordChartError(built.teamId, built.channelId, built.month, error);
    if (messageTs) {
      // The message promised a chart below; say it is missing rather than leave readers looking.
      try {
        const message = digestMessage(built, {
          findings: digestFindings(built, mentionName),
          chart: "failed",
        });
        await client.chat.update({
          channel: built.digestChannelId,
          ts: messageTs,
          text: message.text,
          blocks: message.blocks,
        });
      } catch (updateErr) {
        ctx.logger.warn(
          `Could not note the missing chart on ${built.channelId}: ${slackErrorCode(updateErr)}`,
        );
      }
    }
    return error;
  }
}

/**
 * Sends the private leads of a team whose digest just settled their own figures by DM
 * (services/monthly-digest.ts says whose are ready), each claimed in `digest_dms` first.
 */
async function sendPrivateLeadDms(
  ctx: AppContext,
  client: webApi.WebClient,
  req: Pick<PostRequest, "teamId" | "channelId" | "month" | "asOf" | "now">,
  settled?: BuiltDigest,
): Promise<void> {
  try {
    for (const { userId, parts } of await owedLeadDms(ctx, req, mentionName, settled)) {
      if (!ctx.stores.digests.claimLeadDm(req.teamId, userId, req.month, req.now)) continue;
      try {
        const dm = await client.conversations.open({ users: userId });
        const channel = dm.channel?.id;
        if (!channel) throw new Error("conversations.open returned no channel");
        const message = leadDmMessage(parts);
        await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks });
      } catch (err) {
        ctx.logger.warn(`Could not DM ${userId} their ${req.month} figures: ${slackErrorCode(err)}`);
      }
    }
  } catch (err) {
    // The team's digest is done; a store failure here must not turn its outcome into a throw.
    ctx.logger.error(`The ${req.month} private-figure DMs after ${req.channelId} failed`, err);
  }
}
