import type { webApi } from "@slack/bolt";
import type { AppContext } from "../context.ts";
import { type AppHomeData, appHomeView } from "../messages/app-home.ts";
import { personSplit, recentWeeks, workspaceOverview } from "./allocations.ts";
import { isAdmin } from "./profiles.ts";
import { workspaceToday } from "./today.ts";

/** How many answered weeks the Home tab shows. */
const HOME_WEEKS = 6;

/** Everything the viewer's Home tab shows, read as of today in the workspace's time zone. */
export async function homeData(
  ctx: AppContext,
  client: webApi.WebClient,
  teamId: string,
  userId: string,
): Promise<AppHomeData> {
  ctx.stores.workspaces.ensure(teamId, ctx.clock());
  const today = workspaceToday(ctx, teamId);
  const admin = await isAdmin(ctx, client, teamId, userId);
  return {
    userId,
    person: personSplit(ctx, teamId, userId, today),
    weeks: recentWeeks(ctx, teamId, userId, HOME_WEEKS),
    checkinsPaused: ctx.stores.people.get(teamId, userId)?.checkinPaused ?? false,
    admin: admin ? workspaceOverview(ctx, teamId, today) : undefined,
  };
}

/**
 * Publishes (or republishes, e.g. after a pause/resume) a person's Home tab. A failure is logged
 * and reported as false, never thrown: one person's Home must not break anyone else's work.
 */
export async function publishHome(
  ctx: AppContext,
  client: webApi.WebClient,
  teamId: string,
  userId: string,
): Promise<boolean> {
  try {
    const view = appHomeView(await homeData(ctx, client, teamId, userId));
    await client.views.publish({ user_id: userId, view });
    return true;
  } catch (err) {
    ctx.logger.warn(`Could not publish the Home tab for ${userId}`, err);
    return false;
  }
}
