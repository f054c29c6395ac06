import type { App } from "@slack/bolt";
import type { AppContext } from "../../context.ts";
import { PAUSE_TOGGLE_ACTION } from "../../messages/app-home.ts";
import { CHECKIN_ACTIONS } from "../../messages/checkin-ids.ts";
import { exactIds } from "../listener-pattern.ts";
import { checkinAsPlanned } from "./checkin-as-planned.ts";
import type { ButtonArgs } from "./checkin-click.ts";
import { checkinOpenSplit } from "./checkin-open-split.ts";
import { checkinPauseToggle } from "./checkin-pause-toggle.ts";
import { checkinSkip } from "./checkin-skip.ts";

/**
 * Every button rolecall sends, as one Bolt listener (see listener-pattern.ts). The action ids are
 * those of messages already in people's DMs, so they must never change.
 */
export function registerActions(app: App, ctx: AppContext): void {
  const openSplit = checkinOpenSplit(ctx);
  const byActionId: Record<string, (args: ButtonArgs) => Promise<void>> = {
    [CHECKIN_ACTIONS.asPlanned]: checkinAsPlanned(ctx),
    [CHECKIN_ACTIONS.enterSplit]: openSplit,
    [CHECKIN_ACTIONS.edit]: openSplit,
    [CHECKIN_ACTIONS.skip]: checkinSkip(ctx),
    [PAUSE_TOGGLE_ACTION]: checkinPauseToggle(ctx),
  };
  app.action(exactIds(Object.keys(byActionId)), async (args: ButtonArgs) => {
    await byActionId[args.action.action_id]?.(args);
  });
}
