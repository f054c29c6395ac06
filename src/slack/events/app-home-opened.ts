import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { AppContext } from "../../context.ts";
import { publishHome } from "../../delivery/app-home-publish.ts";

type Args = SlackEventMiddlewareArgs<"app_home_opened"> & AllMiddlewareArgs;

/** Publishes the viewer's Home tab each time they open it, so it is never stale. */
export function appHomeOpened(ctx: AppContext) {
  return async ({ event, body, context, client }: Args): Promise<void> => {
    // The Messages tab fires the same event; only the Home tab has a view to publish.
    if (event.tab !== "home") return;
    const teamId = body.team_id ?? context.teamId;
    if (!teamId) {
      ctx.logger.warn("app_home_opened without a workspace id; nothing published");
      return;
    }
    await publishHome(ctx, client, teamId, event.user);
  };
}
