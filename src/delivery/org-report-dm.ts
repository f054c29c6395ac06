/**
 * Sends the org report to each admin it is owed to (services/org-report.ts), each claimed in
 * `org_report_dms` just before Slack is called, so it goes out once per admin and month. A failed
 * DM is logged and not retried: the claim stands, as for the private leads' digest DMs.
 */
import type { webApi } from "@slack/bolt";
import type { AppContext } from "../context.ts";
import { orgReportMessage } from "../messages/org-report.ts";
import { buildOrgReport, type OwedOrgReport } from "../services/org-report.ts";
import { slackErrorCode } from "./slack-errors.ts";

export type OrgReportDmOutcome = {
  teamId: string;
  month: string;
  userId: string;
  outcome: "sent" | "failed";
};

export async function sendOrgReportDms(
  ctx: AppContext,
  client: webApi.WebClient,
  owed: OwedOrgReport,
  now: Date,
): Promise<OrgReportDmOutcome[]> {
  const { teamId, month, asOf } = owed;
  const message = orgReportMessage(await buildOrgReport(ctx, { teamId, month, asOf }));
  const outcomes: OrgReportDmOutcome[] = [];
  for (const userId of owed.adminIds) {
    if (!ctx.stores.orgReports.claimAdminDm(teamId, userId, month, now)) continue;
    try {
      const dm = await client.conversations.open({ users: userId });
      const channel = dm.channel?.id;
      if (!channel) throw new Error("conversations.open returned no channel");
      await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks });
      outcomes.push({ teamId, month, userId, outcome: "sent" });
    } catch (err) {
      ctx.logger.warn(`Could not DM ${userId} the ${month} org report: ${slackErrorCode(err)}`);
      outcomes.push({ teamId, month, userId, outcome: "failed" });
    }
  }
  return outcomes;
}
