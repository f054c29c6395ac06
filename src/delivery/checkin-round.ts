/**
 * One round of weekly check-ins, as the job runs it every tick and `rolecall run weekly-checkin`
 * once. For every workspace: build the hybrid leads and their schedules (services/checkin-leads.ts),
 * ask `dueCheckins` what is due at `now` given what is stored, and perform exactly that (claim, then
 * DM; or take over a stale claim and reconcile it against Slack) through a small pool. What is due
 * depends only on the database and `now`, so restarts, downtime, double ticks and DST neither skip
 * nor repeat a check-in.
 *
 * Fan-out (delivery/web-clients.ts): its own WebClient (the bot's interactive one gives up fast;
 * this one may wait), with
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
import type { webApi } from "@slack/bolt";
import type { AppContext } from "../context.ts";
import { type DueAction, dueCheckins } from "../domain/checkin-schedule.ts";
import {
  type ProfileSource,
  refreshingProfiles,
  scheduleOptions,
  workspaceLeads,
} from "../services/checkin-leads.ts";
import { mapPool } from "../services/pool.ts";
import { reconcileCheckin, type SendOutcome, sendCheckin, sendReminder } from "./checkin-dm.ts";
import { fetchSlackUser } from "./slack-users.ts";
import { FANOUT_CONCURRENCY } from "./web-clients.ts";

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

/**
 * Everything due at `now` in every workspace (or the given ones): sends, retries and reminders.
 * One workspace's or one person's failure never stops the others.
 */
export async function runWeeklyCheckin(
  ctx: AppContext,
  client: webApi.WebClient,
  now: Date,
  opts: {
    teamIds?: readonly string[];
    profiles?: ProfileSource;
    signal?: AbortSignal;
    /** The clock's reading when `now` was taken (the scheduler's tick start); default: this call's start. */
    clockAtNow?: number;
  } = {},
): Promise<WeeklyCheckinSummary> {
  const profiles = opts.profiles ?? refreshingProfiles(ctx, fetchSlackUser(client));
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
  // claims must not look stale to another process (see CHECKIN_CLAIM_GRACE_MINUTES). Time spent
  // earlier in the same tick (the digest job, waiting for a workspace slot) counts too.
  const startedAt = opts.clockAtNow ?? ctx.clock().getTime();
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
