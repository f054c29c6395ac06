import type { webApi } from "@slack/bolt";
import type { AppContext } from "../context.ts";
import { monthlyDigestJob } from "./monthly-digest.ts";
import { orgReportJob } from "./org-report.ts";
import type { Job } from "./scheduler.ts";
import { weeklyCheckinJob } from "./weekly-checkin.ts";

/** Every scheduled job, each given the bot's Web API client. */
export function createJobs(_client: webApi.WebClient, _ctx: AppContext): Job[] {
  // The org report after the digests: it waits for them to settle.
  return [monthlyDigestJob(_client, _ctx), orgReportJob(_client, _ctx), weeklyCheckinJob(_client, _ctx)];
}
