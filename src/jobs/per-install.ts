import type { webApi } from "@slack/bolt";
import type { AppContext } from "../context.ts";
import { TokenRefreshError } from "../delivery/token-rotation.ts";
import { mapPool } from "../services/pool.ts";
import type { InstallationRecord } from "../store/installations.ts";
import { monthlyDigestJob } from "./monthly-digest.ts";
import type { Job } from "./scheduler.ts";
import { weeklyCheckinJob } from "./weekly-checkin.ts";

/**
 * Workspaces whose jobs run at once. Slack's rate limits are per app per workspace, so each
 * workspace's fan-out paces itself on its own client and two workspaces at once do not slow each
 * other down; the bound keeps the calls in flight (this times FANOUT_CONCURRENCY) and the memory of
 * a tick with many due workspaces modest. A fifth waits for one of the four to finish.
 */
export const WORKSPACES_AT_ONCE = 4;

/** Where a workspace's bot token comes from: delivery/token-rotation.ts refreshes a rotated one first. */
export type BotTokens = { botToken(install: InstallationRecord): Promise<string> };

const storedTokens: BotTokens = { botToken: async (install) => install.botToken };

/** A workspace's jobs on its own client: the digest, then the check-in. */
export type WorkspaceJobs = (client: webApi.WebClient, ctx: AppContext, opts: { teamIds: string[] }) => Job[];

const digestThenCheckin: WorkspaceJobs = (client, ctx, opts) => [
  monthlyDigestJob(client, ctx, opts),
  weeklyCheckinJob(client, ctx, opts),
];

/** What one workspace's turn did: its jobs' results, or why it was skipped. */
export type WorkspaceRun =
  | { teamId: string; results: unknown[] }
  | { teamId: string; skipped: string }
  | { teamId: string; stopped: true };

/**
 * Distribution mode: one job that, on each tick, runs the digest and then the check-in for every
 * installed workspace with that workspace's own bot token, up to WORKSPACES_AT_ONCE
 * workspaces at once. Failures stay inside their workspace: a token that cannot be refreshed (or a
 * job that throws) skips that workspace with a log line, and the others carry on.
 *
 * A workspace's jobs are built once per token and kept, so the check-in's memory of failed profile
 * refreshes survives between ticks; a new token (a reinstall or a rotation) builds them again, and
 * an uninstalled workspace is simply no longer visited. (The org report is not run per install:
 * ROLE_ADMINS name people of one workspace.)
 */
export function perInstallJobs(
  ctx: AppContext,
  clientFor: (token: string) => webApi.WebClient,
  tokens: BotTokens = storedTokens,
  /** Which jobs each workspace runs (the bench runs the check-in alone). */
  workspaceJobs: WorkspaceJobs = digestThenCheckin,
): Job[] {
  const built = new Map<string, { token: string; jobs: Job[] }>();
  // The reason last logged per workspace: a token that stays unrefreshable is logged once, not every minute.
  const failing = new Map<string, string>();
  const jobsOf = (teamId: string, token: string): Job[] => {
    const known = built.get(teamId);
    if (known?.token === token) return known.jobs;
    const client = clientFor(token);
    const jobs = workspaceJobs(client, ctx, { teamIds: [teamId] });
    built.set(teamId, { token, jobs });
    return jobs;
  };
  const runWorkspace = async (
    install: InstallationRecord,
    now: Date,
    signal: AbortSignal | undefined,
  ): Promise<WorkspaceRun> => {
    const { teamId } = install;
    if (signal?.aborted) return { teamId, stopped: true };
    let token: string;
    try {
      token = await tokens.botToken(install);
    } catch (err) {
      const reason = err instanceof TokenRefreshError ? err.reason : String(err);
      if (failing.get(teamId) !== reason) {
        ctx.logger.error(
          `Workspace ${teamId}: its bot token could not be refreshed (${reason}); its scheduled jobs are skipped until it can be`,
        );
      }
      failing.set(teamId, reason);
      return { teamId, skipped: reason };
    }
    if (failing.delete(teamId)) ctx.logger.info(`Workspace ${teamId}: its bot token works again`);
    const results: unknown[] = [];
    for (const job of jobsOf(teamId, token)) {
      if (signal?.aborted) break;
      try {
        results.push(await job.run(now, signal));
      } catch (err) {
        ctx.logger.error(`Job ${job.name} failed for workspace ${teamId}`, err);
      }
    }
    return { teamId, results };
  };
  return [
    {
      name: "per-workspace",
      run: (now, signal) =>
        mapPool(ctx.stores.installations.active(), WORKSPACES_AT_ONCE, (install) =>
          runWorkspace(install, now, signal),
        ),
    },
  ];
}
