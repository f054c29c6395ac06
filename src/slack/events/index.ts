import type { App } from "@slack/bolt";
import type { AppContext } from "../../context.ts";

export function registerEvents(_app: App, _ctx: AppContext): void {}
