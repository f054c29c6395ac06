import type { App } from "@slack/bolt";
import type { AppContext } from "../../context.ts";
import { exactIds } from "../listener-pattern.ts";
import { type MessageShortcutArgs, WHO_DECIDES_SHORTCUT, whoDecidesMessage } from "./who-decides-message.ts";

/**
 * Every shortcut rolecall declares in manifest.yml, as one Bolt listener (see listener-pattern.ts).
 * The callback ids are in every installed manifest, so they must never change.
 */
export function registerShortcuts(app: App, ctx: AppContext): void {
  const byCallbackId: Record<string, (args: MessageShortcutArgs) => Promise<void>> = {
    [WHO_DECIDES_SHORTCUT]: whoDecidesMessage(ctx),
  };
  app.shortcut(exactIds(Object.keys(byCallbackId)), async (args) => {
    if (args.shortcut.type !== "message_action") {
      await args.ack();
      return;
    }
    await byCallbackId[args.shortcut.callback_id]?.(args as MessageShortcutArgs);
  });
}
