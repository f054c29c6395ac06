/**
 * The monthly org report to rolecall's admins (ROLE_ADMINS and those added with `/role admin add`).
 * From the first working day, once every team's digest of the month has settled, each admin gets one
 * DM, claimed in `org_report_dms` first, so double ticks, two processes and restarts send it once.
 * It runs after the digest job on the same tick, so it usually follows the digests within a minute.
 */
import type { webApi } from "@slack/bolt";
import type { AppContext } from "../context.ts";
import { type OrgReportDmOutcome, sendOrgReportDms } from "../delivery/org-report-dm.ts";
import { owedOrgReport } from "../services/org-report.ts";
import type { Job } from "./scheduler.ts";

export async function runOrgReport(
  ctx: AppContext,
  client: webApi.WebClient,
  now: Date,
): Promise<OrgReportDmOutcome[]> {
  const outcomes: OrgReportDmOutcome[] = [];
  for (const ws of ctx.stores.workspaces.list()) {
    try {
      const owed = owedOrgReport(ctx, ws, now);
      if (owed) outcomes.push(...(await sendOrgReportDms(ctx, client, owed, now)));
    } catch (err) {
      ctx.logger.error(`The org report for workspace ${ws.teamId} failed`, err);
    }
  }
  return outcomes;
}

export function orgReportJob(client: webApi.WebClient, ctx: AppContext): Job {
  return { name: "org-report", run: (now) => runOrgReport(ctx, client, now) };
}
