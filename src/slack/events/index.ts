import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { AppContext } from "../../context.ts";
import { exactIds } from "../listener-pattern.ts";
import { appHomeOpened } from "./app-home-opened.ts";
import { appMention } from "./app-mention.ts";
import { appUninstalled, tokensRevoked } from "./app-uninstalled.ts";

type ArgsOf<T extends string> = SlackEventMiddlewareArgs<T> & AllMiddlewareArgs;

export const EVENT_TYPES = ["app_home_opened", "app_mention", "app_uninstalled", "tokens_revoked"] as const;

/** One Bolt listener for every event rolecall handles, routed by type (see listener-pattern.ts). */
export function registerEvents(app: App, ctx: AppContext): void {
  const homeOpened = appHomeOpened(ctx);
  const mention = appMention(ctx);
  const uninstalled = appUninstalled(ctx);
  const revoked = tokensRevoked(ctx);
  app.event(exactIds(EVENT_TYPES), async (args) => {
    // Bolt types a pattern listener's event loosely; the pattern guarantees the type matched here.
    switch (args.event.type) {
      case "app_home_opened":
        return homeOpened(args as unknown as ArgsOf<"app_home_opened">);
      case "app_mention":
        return mention(args as unknown as ArgsOf<"app_mention">);
      case "app_uninstalled":
        return uninstalled(args as unknown as ArgsOf<"app_uninstalled">);
      case "tokens_revoked":
        return revoked(args as unknown as ArgsOf<"tokens_revoked">);
    }
  });
}
