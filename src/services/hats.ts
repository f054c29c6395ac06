import type { AppContext } from "../context.ts";
import type { RoleId } from "../domain/roles.ts";
import { workspaceToday } from "./today.ts";

export type HatChangeOutcome = "changed" | "unchanged";

/** Gives or takes a hat on a channel's team from today; a no-op writes nothing. */
export function changeHat(
  ctx: AppContext,
  change: {
    teamId: string;
    channelId: string;
    channelName?: string | undefined;
    userId: string;
    role: RoleId;
    action: "assign" | "unassign";
    by: string;
  },
): HatChangeOutcome {
  const { teamId, channelId, userId, role } = change;
  const today = workspaceToday(ctx, teamId);
  const wearing = ctx.stores.hats
    .inChannel(teamId, channelId, today)
    .some((h) => h.userId === userId && h.role === role);
  if (wearing === (change.action === "assign")) return "unchanged";
  const now = ctx.clock();
  ctx.stores.db.transaction(() => {
    ctx.stores.teams.ensure(teamId, channelId, change.channelName ?? null, now);
    ctx.stores.hats.record(teamId, {
      channelId,
      userId,
      role,
      action: change.action,
      effectiveDate: today,
      recordedBy: change.by,
      recordedAt: now.toISOString(),
    });
  })();
  return "changed";
}

/** Distinct roles a person wears across all teams today. */
export function rolesOf(ctx: AppContext, teamId: string, userId: string): RoleId[] {
  const hats = ctx.stores.hats.ofUser(teamId, userId, workspaceToday(ctx, teamId));
  return [...new Set(hats.map((h) => h.role))];
}
