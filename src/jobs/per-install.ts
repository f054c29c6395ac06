import type { webApi } from "@slack/bolt";
import type { AppContext } from "../context.ts";
import { monthlyDigestJob } from "./monthly-digest.ts";
import type { Job } from "./scheduler.ts";
import { weeklyCheckinJob } from "./weekly-checkin.ts";

/**
 * Distribution mode: the same two jobs, run for each installed workspace with that workspace's own
 * bot token. A workspace's jobs are built once per token and kept, so the check-in's memory of
 * failed profile refreshes survives between ticks; a reinstall (new token) builds them again, and
 * an uninstalled workspace is simply no longer visited.
 */
export function perInstallJobs(ctx: AppContext, clientFor: (token: string) => webApi.WebClient): Job[] {
  const built = new Map<string, { token: string; jobs: Job[] }>();
  const jobsOf = (teamId: string, token: string): Job[] => {
    const known = built.get(teamId);
    if (known?.token === token) return known.jobs;
    const client = clientFor(token);
    const jobs = [
      monthlyDigestJob(client, ctx, { teamIds: [teamId] }),
      weeklyCheckinJob(client, ctx, { teamIds: [teamId] }),
    ];
    built.set(teamId, { token, jobs });
    return jobs;
  };
  const each = (index: number, name: string): Job => ({
    name,
    async run(now) {
      const results: unknown[] = [];
      for (const install of ctx.stores.installations.active()) {
        const job = jobsOf(install.teamId, install.botToken)[index];
        if (job) results.push(await job.run(now));
      }
      return results;
    },
  });
  return [each(0, "monthly-digest"), each(1, "weekly-checkin")];
}
