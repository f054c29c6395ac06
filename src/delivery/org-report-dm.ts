/**
 * Sends the org report to each admin it is owed to (services/org-report.ts), each claimed in
 * `org_report_dms` just before Slack is called, so it goes out once per admin and month. A failed
 * DM is logged and not retried: the claim stands, as for the private leads' digest DMs.
 */
import type { webApi } from "@slack/bolt";
import type { AppContext } from "../context.ts";
import { driftChartAltText, renderDriftChartPng } from "../messages/chart/drift-chart.ts";
import { orgChartInput } from "../messages/chart/org-chart.ts";
import { orgReportMessage } from "../messages/org-report.ts";
import { buildOrgReport, type OwedOrgReport } from "../services/org-report.ts";
import { uploadPng } from "./chart-upload.ts";
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
  const report = await buildOrgReport(ctx, { teamId, month, asOf });
  const message = orgReportMessage(report);
  const chart = await renderChart(ctx, orgChartInput(report), month);
  const outcomes: OrgReportDmOutcome[] = [];
  for (const userId of owed.adminIds) {
    if (!ctx.stores.orgReports.claimAdminDm(teamId, userId, month, now)) continue;
    try {
      const dm = await client.conversations.open({ users: userId });
      const channel = dm.channel?.id;
      if (!channel) throw new Error("conversations.open returned no channel");
      await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks });
      outcomes.push({ teamId, month, userId, outcome: "sent" });
      if (chart) await uploadChart(ctx, client, { ...chart, channelId: channel }, userId);
    } catch (err) {
      ctx.logger.warn(`Could not DM ${userId} the ${month} org report: ${slackErrorCode(err)}`);
      outcomes.push({ teamId, month, userId, outcome: "failed" });
    }
  }
  return outcomes;
}

type RenderedChart = { png: Uint8Array; altText: string; title: string; filename: string };

/** The chart once for every admin; none when there is nothing to draw or it cannot be rendered. */
async function renderChart(
  ctx: AppContext,
  input: ReturnType<typeof orgChartInput>,
  month: string,
): Promise<RenderedChart | null> {
  if (input.series.length === 0) return null;
  try {
    return {
      png: await renderDriftChartPng(input),
      altText: driftChartAltText(input),
      title: input.title ?? `Org report ${month}`,
      filename: `rolecall-org-${month}.png`,
    };
  } catch (err) {
    ctx.logger.warn(`The ${month} org report chart could not be rendered; the DMs go without it`, err);
    return null;
  }
}

/** The report stands without its chart: a failed upload is logged, and the DM still counts as sent. */
async function uploadChart(
  ctx: AppContext,
  client: webApi.WebClient,
  upload: RenderedChart & { channelId: string },
  userId: string,
): Promise<void> {
  try {
    await uploadPng(client, upload);
  } catch (err) {
    ctx.logger.warn(`Could not upload the org report chart to ${userId}: ${slackErrorCode(err)}`);
  }
}
