import type { webApi } from "@slack/bolt";
import type { AppContext } from "../context.ts";
import { appHomeView } from "../messages/app-home.ts";
import { homeData } from "../services/app-home.ts";
import { fetchSlackUser } from "./slack-users.ts";

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
    const view = appHomeView(await homeData(ctx, fetchSlackUser(client), teamId, userId));
    await client.views.publish({ user_id: userId, view });
    return true;
  } catch (err) {
    ctx.logger.warn(`Could not publish the Home tab for ${userId}`, err);
    return false;
  }
}
