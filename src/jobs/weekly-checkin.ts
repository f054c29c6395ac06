/**
 * The weekly check-in job. Every tick, for every workspace: build the hybrid leads and their
 * schedules (services/checkin-leads.ts), ask `dueCheckins` what is due at `now` given what is stored,
 * and perform exactly that (claim, then DM) through a small pool. What is due depends only on the
 * database and `now`, so restarts, downtime, double ticks and DST neither skip nor repeat a check-in.
 *
 * Fan-out: its own WebClient (the bot's interactive one gives up fast; this one may wait), with
 * - `maxRequestConcurrency` bounded to the pool size, far below the default 100;
 * - a 429 waited out for its `Retry-After` by the WebClient (which pauses its whole queue, so the
 *   fan-out backs off together) and then retried;
 * - a 5xx or network error retried 3 times within about 2 s; after that (or after a fourth 429 in a
 *   row) the person's week is recorded `failed` and a later tick retries it after 15, 30, 60 and 120
 *   minutes, 5 attempts in all, while the week is open;
 * - a 30 s request timeout, so a hung connection cannot stall every later tick.
 *
 * Stopping: once `signal` aborts, no new claim is made; the sends already claimed finish and are
 * recorded, so a clean stop leaves nothing `claimed`.
 */
import { webApi } from "@slack/bolt";
import type { AppContext } from "../context.ts";
import { type DueAction, dueCheckins } from "../domain/checkin-schedule.ts";
import {
  type ProfileSource,
  refreshingProfiles,
  scheduleOptions,
  workspaceLeads,
} from "../services/checkin-leads.ts";
import { reconcileCheckin, type SendOutcome, sendCheckin, sendReminder } from "../services/checkin-send.ts";
import { mapPool } from "../services/pool.ts";
import type { Job } from "./scheduler.ts";

/** Leads handled at once, and Slack calls in flight at once. */
export const FANOUT_CONCURRENCY = 8;

/** In-call retries: a blip is ridden out here, anything longer is left to the next tick. */
export const FANOUT_RETRY = { retries: 3, factor: 2, minTimeout: 250, maxTimeout: 1000 };
export const FANOUT_TIMEOUT_MS = 30_000;

export type WeeklyCheckinSummary = {
  at: string;
  workspaces: number;
  leads: number;
  sent: number;
  /** Claimed by a crashed run and found already delivered in Slack: recorded, not sent again. */
  reconciled: number;
  reminded: number;
  failed: number;
  /** Due, but another tick or process had claimed it first: nothing was sent. */
  skipped: number;
  /** Due, but left for the next tick because the job was stopping. */
  stopped: number;
  outcomes: (SendOutcome & { teamId: string })[];
};

/** A WebClient for the fan-out, on the same token and API URL as the bot's. */
export function fanOutClient(client: webApi.WebClient, ctx: AppContext): webApi.WebClient {
  const fanOut = new webApi.WebClient(client.token, {
    slackApiUrl: client.slackApiUrl,
    retryConfig: FANOUT_RETRY,
    maxRequestConcurrency: FANOUT_CONCURRENCY,
    timeout: FANOUT_TIMEOUT_MS,
    logger: webClientLogger(ctx),
  });
  fanOut.on(webApi.WebClientEvent.RATE_LIMITED, (seconds: number, req: { url?: string }) => {
    ctx.logger.info(`Slack rate-limited ${req?.url ?? "a call"}; waiting ${seconds} s before retrying`);
  });
  return fanOut;
}

function webClientLogger(ctx: AppContext): webApi.Logger {
  let level = webApi.LogLevel.WARN;
  return {
    debug: () => {},
    info: () => {},
    warn: (...m: unknown[]) => ctx.logger.warn(...m),
    error: (...m: unknown[]) => ctx.logger.error(...m),
    setLevel: (l: webApi.LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

/**
 * Everything due at `now` in every workspace (or the given ones): sends, retries and reminders.
 * One workspace's or one person's failure never stops the others.
 */
export async function runWeeklyCheckin(
  ctx: AppContext,
  client: webApi.WebClient,
  now: Date,
  opts: { teamIds?: readonly string[]; profiles?: ProfileSource; signal?: AbortSignal } = {},
): Promise<WeeklyCheckinSummary> {
  const profiles = opts.profiles ?? refreshingProfiles(ctx, client);
  const summary: WeeklyCheckinSummary = {
    at: now.toISOString(),
    workspaces: 0,
    leads: 0,
    sent: 0,
    reconciled: 0,
    reminded: 0,
    failed: 0,
    skipped: 0,
    stopped: 0,
    outcomes: [],
  };
  // Claims are stamped with the time they are made, not the tick's start: a long fan-out's late
  // claims must not look stale to another process (see CHECKIN_CLAIM_GRACE_MINUTES).
  const startedAt = ctx.clock().getTime();
  const claimTime = () => new Date(now.getTime() + Math.max(0, ctx.clock().getTime() - startedAt));
  const stopping = () => opts.signal?.aborted === true;
  const teamIds = opts.teamIds ?? ctx.stores.workspaces.list().map((w) => w.teamId);
  for (const teamId of teamIds) {
    if (stopping()) break;
    try {
      const ws = await workspaceLeads(ctx, teamId, now, profiles, FANOUT_CONCURRENCY);
      summary.workspaces++;
      summary.leads += ws.leads.length;
      const stateOf = ctx.stores.checkins.stateLookup(teamId, ws.weeks);
      const due = dueCheckins(
        ws.leads.map((l) => l.schedule),
        stateOf,
        now,
        scheduleOptions(ws.settings),
      );
      const outcomes = await mapPool(due, FANOUT_CONCURRENCY, (action) =>
        stopping()
          ? Promise.resolve(stoppedOutcome(action))
          : perform(ctx, client, teamId, action, claimTime()),
      );
      for (const o of outcomes) {
        if (o.result === "stopped") {
          summary.stopped++;
          continue;
        }
        summary.outcomes.push({ teamId, ...o });
        if (o.result === "sent") summary.sent++;
        else if (o.result === "reconciled") summary.reconciled++;
        else if (o.result === "reminded") summary.reminded++;
        else if (o.result === "failed") summary.failed++;
        else summary.skipped++;
      }
    } catch (err) {
      ctx.logger.error(`The weekly check-in for workspace ${teamId} failed`, err);
    }
  }
  return summary;
}

async function perform(
  ctx: AppContext,
  client: webApi.WebClient,
  teamId: string,
  action: DueAction,
  now: Date,
): Promise<SendOutcome> {
  try {
    switch (action.kind) {
      case "send":
        return await sendCheckin(ctx, client, teamId, action, now);
      case "reconcile":
        return await reconcileCheckin(ctx, client, teamId, action, now);
      case "remind":
        return await sendReminder(ctx, client, teamId, action, now);
    }
  } catch (err) {
    // The senders do not throw; this keeps it so for the rest of the pool even if one ever does.
    ctx.logger.error(`Check-in ${action.kind} for ${action.userId} failed unexpectedly`, err);
    return {
      kind: action.kind === "remind" ? "remind" : "send",
      userId: action.userId,
      week: action.week,
      result: "failed",
      error: String(err),
    };
  }
}

function stoppedOutcome(action: DueAction): SendOutcome {
  const kind = action.kind === "remind" ? "remind" : "send";
  return { kind, userId: action.userId, week: action.week, result: "stopped" };
}

export function summaryLine(s: WeeklyCheckinSummary): string {
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
  return (
    `Weekly check-in at ${s.at}: ${s.sent} sent, ${s.reminded} reminded, ${s.failed} failed, ` +
    `${s.skipped} already claimed elsewhere` +
    (s.reconciled ? `, ${s.reconciled} reconciled (already delivered, not sent again)` : "") +
    (s.stopped ? `, ${s.stopped} left for the next tick (stopping)` : "") +
    ` (${n(s.leads, "lead")} in ${n(s.workspaces, "workspace")})`
  );
}

export function weeklyCheckinJob(client: webApi.WebClient, ctx: AppContext): Job {
  const fanOut = fanOutClient(client, ctx);
  // Kept across ticks: who recently failed a profile refresh (see refreshingProfiles).
  const profiles = refreshingProfiles(ctx, fanOut);
  return {
    name: "weekly-checkin",
    async run(now, signal) {
      const summary = await runWeeklyCheckin(ctx, fanOut, now, {
        profiles,
        ...(signal ? { signal } : {}),
      });
      const s = summary;
      if (s.sent + s.reconciled + s.reminded + s.failed + s.skipped + s.stopped > 0) {
        ctx.logger.info(summaryLine(summary));
      }
      return summary;
    },
  };
}
