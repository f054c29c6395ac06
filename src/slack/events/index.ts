import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { AppContext } from "../../context.ts";
import { exactIds } from "../listener-pattern.ts";
import { appHomeOpened } from "./app-home-opened.ts";
import { appMention } from "./app-mention.ts";

type EventArgs = SlackEventMiddlewareArgs & AllMiddlewareArgs;

/** Every event rolecall subscribes to in manifest.yml, as one Bolt listener (see listener-pattern.ts). */
export function registerEvents(app: App, ctx: AppContext): void {
  const byType: Record<string, (args: EventArgs) => Promise<void>> = {
    app_home_opened: appHomeOpened(ctx) as (args: EventArgs) => Promise<void>,
    app_mention: appMention(ctx) as (args: EventArgs) => Promise<void>,
  };
  app.event(exactIds(Object.keys(byType)), async (args) => {
    await byType[args.event.type]?.(args);
  });
}
