import type { AppContext } from "../context.ts";
import { purgeWorkspace } from "../store/purge.ts";
import type { Job } from "./scheduler.ts";

const DAY_MS = 24 * 60 * 60_000;

/**
 * Distribution mode: a workspace that uninstalled more than `retentionDays` ago has every row
 * deleted, as `rolecall purge-workspace` would. The wait lets a workspace that removed rolecall
 * by mistake reinstall and find its roles and check-ins still there.
 */
export function workspaceRetentionJob(ctx: AppContext, retentionDays: number): Job {
  return {
    name: "workspace-retention",
    async run(now) {
      const due = ctx.stores.installations.uninstalledBefore(
        new Date(now.getTime() - retentionDays * DAY_MS),
      );
      for (const teamId of due) {
        const deleted = purgeWorkspace(ctx.stores.db, teamId);
        ctx.stores.workspaces.forget(teamId);
        const rows = Object.values(deleted).reduce((a, b) => a + b, 0);
        ctx.logger.info(
          `Purged workspace ${teamId}: uninstalled more than ${retentionDays} days ago (${rows} rows)`,
        );
      }
      return due;
    },
  };
}
