import type { App } from "@slack/bolt";
import type { AppContext } from "../../context.ts";

export function registerActions(_app: App, _ctx: AppContext): void {}
