import type { App } from "@slack/bolt";
import type { AppContext } from "../context.ts";
import { registerActions } from "./actions/index.ts";
import { registerCommands } from "./commands/index.ts";
import { registerEvents } from "./events/index.ts";
import { registerShortcuts } from "./shortcuts/index.ts";
import { registerViews } from "./views/index.ts";

/** Registers every listener, grouped by kind as in Slack's Bolt samples. */
export function registerListeners(app: App, ctx: AppContext): void {
  registerCommands(app, ctx);
  registerEvents(app, ctx);
  registerActions(app, ctx);
  registerViews(app, ctx);
  registerShortcuts(app, ctx);
}
