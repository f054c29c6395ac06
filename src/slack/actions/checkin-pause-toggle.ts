import type { AppContext } from "../../context.ts";
import { publishHome } from "../../delivery/app-home-publish.ts";
import type { ButtonArgs } from "./checkin-click.ts";

/** App Home's pause/resume button: the clicker's own check-ins only, then the Home tab is redrawn. */
export function checkinPauseToggle(ctx: AppContext) {
  return async ({ ack, body, action, context, client }: ButtonArgs): Promise<void> => {
    await ack();
    const teamId = body.team?.id ?? body.user.team_id ?? context.teamId;
    const paused = action.value === "pause" ? true : action.value === "resume" ? false : undefined;
    if (!teamId || paused === undefined) {
      ctx.logger.warn(
        `Ignored a pause toggle with value ${JSON.stringify(action.value)} from ${body.user.id}`,
      );
      return;
    }
    ctx.stores.workspaces.ensure(teamId, ctx.clock());
    ctx.stores.people.setCheckinPaused(teamId, body.user.id, paused);
    await publishHome(ctx, client, teamId, body.user.id);
  };
}
