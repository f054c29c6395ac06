import type { App } from "@slack/bolt";
import type { AppContext } from "../context.ts";
import { registerCommands } from "./commands/index.ts";

/** Registers every listener, grouped by kind as in Slack's Bolt samples. */
export function registerListeners(app: App, ctx: AppContext): void {
  registerCommands(app, ctx);
}
