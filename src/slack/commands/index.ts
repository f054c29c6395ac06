import type { App } from "@slack/bolt";
import type { AppContext } from "../../context.ts";
import { roleCommand } from "./role-command.ts";

export function registerCommands(app: App, ctx: AppContext): void {
  app.command("/role", roleCommand(ctx));
}
