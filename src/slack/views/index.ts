import type { App } from "@slack/bolt";
import type { AppContext } from "../../context.ts";
import { CHECKIN_SPLIT_VIEW } from "../../messages/checkin-ids.ts";
import { checkinSplitSubmitted } from "./checkin-split-submitted.ts";

export function registerViews(app: App, ctx: AppContext): void {
  app.view(CHECKIN_SPLIT_VIEW, checkinSplitSubmitted(ctx));
}
