import type { App } from "@slack/bolt";
import type { AppContext } from "../../context.ts";
import { PAUSE_TOGGLE_ACTION } from "../../messages/app-home.ts";
import { CHECKIN_ACTIONS } from "../../messages/checkin-ids.ts";
import { checkinAsPlanned } from "./checkin-as-planned.ts";
import { checkinOpenSplit } from "./checkin-open-split.ts";
import { checkinPauseToggle } from "./checkin-pause-toggle.ts";
import { checkinSkip } from "./checkin-skip.ts";

export function registerActions(app: App, ctx: AppContext): void {
  app.action(CHECKIN_ACTIONS.asPlanned, checkinAsPlanned(ctx));
  app.action(CHECKIN_ACTIONS.enterSplit, checkinOpenSplit(ctx));
  app.action(CHECKIN_ACTIONS.edit, checkinOpenSplit(ctx));
  app.action(CHECKIN_ACTIONS.skip, checkinSkip(ctx));
  app.action(PAUSE_TOGGLE_ACTION, checkinPauseToggle(ctx));
}
