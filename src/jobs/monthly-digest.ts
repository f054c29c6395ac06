/**
 * The monthly drift digest job. On every tick, for each workspace: once `now` has passed the digest's
 * due instant for the current month (the first working day at `digest_time`, 10:00 by default, on the
 * workspace's wall clock), last month's digest is owed to every team. Each team is claimed in
 * `digest_posts` before anything is sent, so double ticks, two processes and restarts post it once.
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
 *   failed DM is logged, not retried. A team stuck mid-post (a crash; see store/digests.ts) holds
 *   its leads' DM back until `rolecall digest --force-claim` settles it.
 */
import type { webApi } from "@slack/bolt";
import { driftChartInputFromDigest, missingFontWarning, renderDriftChartPng } from "../chart/drift-chart.ts";
import type { AppContext } from "../context.ts";
import { monthLabel } from "../domain/digest-text.ts";
import {
  digestDueInstant,
  isLocalTime,
  localDateTimeIn,
  type MonthKey,
  monthAt,
  previousMonth,
  resolveTimeZone,
} from "../domain/time.ts";
import {
  type BuiltDigest,
  buildTeamDigest,
  digestFindings,
  plainName,
  slackErrorCode,
} from "../services/digest.ts";
import { digestMessage, leadDmMessage, mentionName } from "../slack/blocks/digest.ts";
import type { ClaimFrom, DigestPost } from "../store/digests.ts";
import type { Job } from "./scheduler.ts";

export const DEFAULT_DIGEST_TIME = "10:00";
export const DIGEST_MAX_ATTEMPTS = 5;
export const DIGEST_RETRY_BASE_MINUTES = 15;

export type DigestDue = { month: MonthKey; asOf: string; dueAt: Date };

/** Which month's digest is owed at `now` (the month just ended), or null before the due instant. */
export function digestDueAt(
  now: Date,
  workspace: { timezone: string; digestTime: string },
): DigestDue | null {
  const tz = resolveTimeZone(workspace.timezone);
  const time = isLocalTime(workspace.digestTime) ? workspace.digestTime : DEFAULT_DIGEST_TIME;
  const current = monthAt(now, tz);
  const dueAt = digestDueInstant(current, time, tz);
  if (now.getTime() < dueAt.getTime()) return null;
  return { month: previousMonth(current), asOf: localDateTimeIn(now, tz).date, dueAt };
}

/** Whether (and how) a team's row may be claimed now; null while waiting or after giving up. */
export function claimFromRow(post: DigestPost | undefined, now: Date): ClaimFrom | null {
  if (!post) return { state: "none" };
  if (post.state !== "failed" || post.attempts >= DIGEST_MAX_ATTEMPTS) return null;
  const last = post.claimedAt ? Date.parse(post.claimedAt) : 0;
  const waitMs = DIGEST_RETRY_BASE_MINUTES * 60_000 * 2 ** Math.max(0, post.attempts - 1);
  return now.getTime() >= last + waitMs ? { state: "failed", attempts: post.attempts } : null;
}

export type PostOutcome = {
  teamId: string;
  channelId: string;
  month: MonthKey;
  outcome: "posted" | "skipped" | "failed" | "already-claimed";
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
  from: ClaimFrom | "force";
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
    built = await buildTeamDigest(ctx, { teamId, channelId, month, asOf: req.asOf, client });
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
    return settleFailure(ctx, client, req, fail(ctx, base, err, "could not be built"));
  }

  let messageTs: string | undefined;
  try {
    const res = await client.chat.postMessage({
      channel: built.digestChannelId,
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
    messageTs = res.ts;
  } catch (err) {
    const failed = fail(ctx, base, err, `could not be posted to ${built.digestChannelId}`);
    return settleFailure(ctx, client, req, failed, built);
  }
  posts.markPosted(teamId, channelId, month, messageTs ?? null, now);
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

/** After a failed attempt: once it was the last one, the team's private leads get their DM anyway. */
async function settleFailure(
  ctx: AppContext,
  client: webApi.WebClient,
  req: PostRequest,
  outcome: PostOutcome,
  built?: BuiltDigest,
): Promise<PostOutcome> {
  const post = ctx.stores.digests.get(req.teamId, req.channelId, req.month);
  if (post && isSettled(post)) await sendPrivateLeadDms(ctx, client, req, built);
  return outcome;
}

/** Posted, skipped, or failed for the last time: nothing more will happen to this team's digest. */
function isSettled(post: DigestPost | undefined): boolean {
  if (!post) return false;
  return post.state === "failed" ? post.attempts >= DIGEST_MAX_ATTEMPTS : post.state !== "claimed";
}

function fail(
  ctx: AppContext,
  base: { teamId: string; channelId: string; month: MonthKey },
  err: unknown,
  what: string,
): PostOutcome {
  const code = slackErrorCode(err);
  const hint =
    code === "not_in_channel" || code === "channel_not_found"
      ? " (invite @rolecall to the channel, or fix the team's digest channel)"
      : "";
  const error = `${code}${hint}`;
  try {
    ctx.stores.digests.markFailed(base.teamId, base.channelId, base.month, error);
  } catch (storeErr) {
    ctx.logger.error("Could not record a failed digest", storeErr);
  }
  const post = ctx.stores.digests.get(base.teamId, base.channelId, base.month);
  const final = post && post.attempts >= DIGEST_MAX_ATTEMPTS ? "; giving up" : "; will retry";
  ctx.logger.error(`The ${base.month} digest of ${base.channelId} ${what}: ${error}${final}`);
  return { ...base, outcome: "failed", error };
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
    await client.filesUploadV2({
      channel_id: built.digestChannelId,
      file: png,
      filename: `rolecall-drift-${built.month}-${built.teamName ?? built.channelId}.png`,
      title: `Technical share, stated vs actual — ${monthLabel(built.month)}`,
      alt_text: chartAltText(input),
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

function chartAltText(input: ReturnType<typeof driftChartInputFromDigest>): string {
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? "no data" : `${v}%`);
  const lines = input.series.map((s) => {
    const last = s.points[s.points.length - 1];
    return `${s.label}: stated ${pct(last?.stated)}, actual ${pct(last?.actual)}`;
  });
  const text = `Line chart of technical share per lead, stated vs actual, by month. Latest month — ${lines.join("; ")}.`;
  return text.length > 1000 ? `${text.slice(0, 999)}…` : text;
}

/**
 * Sends the private leads of a team whose digest just settled their own figures by DM: one DM per lead
 * and month (claimed in `digest_dms`), covering every team they lead, so it waits until each of
 * those teams' digests has settled too (the last of them to settle sends it). A team whose post was
 * given up still counts: the figures are the lead's own, and the DM says the channel post failed.
 */
async function sendPrivateLeadDms(
  ctx: AppContext,
  client: webApi.WebClient,
  req: Pick<PostRequest, "teamId" | "channelId" | "month" | "asOf" | "now">,
  settled?: BuiltDigest,
): Promise<void> {
  try {
    await sendDueLeadDms(ctx, client, req, settled);
  } catch (err) {
    // The team's digest is done; a store failure here must not turn its outcome into a throw.
    ctx.logger.error(`The ${req.month} private-figure DMs after ${req.channelId} failed`, err);
  }
}

async function sendDueLeadDms(
  ctx: AppContext,
  client: webApi.WebClient,
  req: Pick<PostRequest, "teamId" | "channelId" | "month" | "asOf" | "now">,
  settled?: BuiltDigest,
): Promise<void> {
  const { teamId, month, asOf } = req;
  const build = async (channelId: string): Promise<BuiltDigest | null> => {
    try {
      // No client: the lead's figures need no Slack call (team size only feeds a team-wide rule).
      return await buildTeamDigest(ctx, { teamId, channelId, month, asOf });
    } catch (err) {
      ctx.logger.warn(
        `The ${month} digest of ${channelId} could not be built for DMs: ${slackErrorCode(err)}`,
      );
      return null;
    }
  };
  const here = settled ?? (await build(req.channelId));
  const candidates = here?.digest.leads.filter((l) => l.isPrivate) ?? [];
  if (!here || candidates.length === 0) return;

  const posts = ctx.stores.digests.ofMonth(teamId, month);
  // In the workspace's team order, so the DM names a lead's teams the same way every month.
  const builds: BuiltDigest[] = [];
  for (const team of ctx.stores.teams.list(teamId)) {
    if (team.channelId === here.channelId) builds.push(here);
    else if (posts.get(team.channelId)?.state !== "skipped") {
      const other = await build(team.channelId);
      if (other) builds.push(other);
    }
  }
  if (!builds.includes(here)) builds.unshift(here);
  for (const candidate of candidates) {
    const parts = builds.flatMap((built) => {
      const lead = built.digest.leads.find((l) => l.userId === candidate.userId);
      if (!lead) return [];
      const posted = posts.get(built.channelId)?.state === "posted";
      return [{ built, lead, posted, findings: digestFindings(built, mentionName) }];
    });
    if (!parts.every((p) => isSettled(posts.get(p.built.channelId)))) continue;
    if (!ctx.stores.digests.claimLeadDm(teamId, candidate.userId, month, req.now)) continue;
    try {
      const dm = await client.conversations.open({ users: candidate.userId });
      const channel = dm.channel?.id;
      if (!channel) throw new Error("conversations.open returned no channel");
      const message = leadDmMessage(parts);
      await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks });
    } catch (err) {
      ctx.logger.warn(`Could not DM ${candidate.userId} their ${month} figures: ${slackErrorCode(err)}`);
    }
  }
}

/**
 * Every workspace whose digest is due: post last month's to each team still owed one. Once `signal`
 * aborts, the team being posted finishes and no further team is claimed.
 */
export async function runMonthlyDigest(
  ctx: AppContext,
  client: webApi.WebClient,
  now: Date,
  signal?: AbortSignal,
): Promise<PostOutcome[]> {
  const outcomes: PostOutcome[] = [];
  for (const ws of ctx.stores.workspaces.list()) {
    try {
      const due = digestDueAt(now, ws);
      if (!due) continue;
      for (const { channelId, post } of ctx.stores.digests.pending(ws.teamId, due.month)) {
        if (signal?.aborted) return outcomes;
        const from = claimFromRow(post, now);
        if (!from) continue;
        outcomes.push(
          await postTeamDigest(ctx, client, {
            teamId: ws.teamId,
            channelId,
            month: due.month,
            asOf: due.asOf,
            from,
            now,
          }),
        );
      }
    } catch (err) {
      ctx.logger.error(`The monthly digest for workspace ${ws.teamId} failed`, err);
    }
  }
  return outcomes;
}

export function monthlyDigestJob(client: webApi.WebClient, ctx: AppContext): Job {
  return { name: "monthly-digest", run: (now, signal) => runMonthlyDigest(ctx, client, now, signal) };
}
