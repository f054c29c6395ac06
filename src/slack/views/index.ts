import type { App } from "@slack/bolt";
import type { AppContext } from "../../context.ts";

export function registerViews(_app: App, _ctx: AppContext): void {}
