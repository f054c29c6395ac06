import type { webApi } from "@slack/bolt";
import type { AppContext } from "../context.ts";
import { monthlyDigestJob } from "./monthly-digest.ts";
import type { Job } from "./scheduler.ts";
import { weeklyCheckinJob } from "./weekly-checkin.ts";

/** Every scheduled job, each given the bot's Web API client. */
export function createJobs(_client: webApi.WebClient, _ctx: AppContext): Job[] {
  return [monthlyDigestJob(_client, _ctx), weeklyCheckinJob(_client, _ctx)];
}
