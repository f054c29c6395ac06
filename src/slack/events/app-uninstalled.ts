import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { AppContext } from "../../context.ts";

type UninstalledArgs = SlackEventMiddlewareArgs<"app_uninstalled"> & AllMiddlewareArgs;
type RevokedArgs = SlackEventMiddlewareArgs<"tokens_revoked"> & AllMiddlewareArgs;

/**
 * The workspace removed rolecall: its tokens no longer work, so they are deleted at once. The
 * workspace's roles and check-ins stay until `rolecall purge-workspace` (docs/distribution.md).
 * Single-workspace mode keeps no installations, so there is nothing to forget.
 */
export function appUninstalled(ctx: AppContext) {
  return async ({ body, context }: UninstalledArgs): Promise<void> => {
    forget(ctx, body.team_id ?? context.teamId, "app_uninstalled");
  };
}

/** Revoking the bot's token (not only users' tokens) leaves rolecall unable to act, as an uninstall does. */
export function tokensRevoked(ctx: AppContext) {
  return async ({ event, body, context }: RevokedArgs): Promise<void> => {
    if (!event.tokens.bot?.length) return;
    forget(ctx, body.team_id ?? context.teamId, "tokens_revoked");
  };
}

function forget(ctx: AppContext, teamId: string | undefined, why: string): void {
  if (!teamId) {
    ctx.logger.warn(`${why} without a workspace id; no installation changed`);
    return;
  }
  if (ctx.stores.installations.markUninstalled(teamId, ctx.clock())) {
    ctx.logger.info(`Workspace ${teamId} removed rolecall (${why}); its bot token is deleted`);
  }
}
