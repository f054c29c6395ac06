/**
 * Builds the organisation's monthly report for one workspace: every team's digest for the month and
 * the month before (services/digest.ts, so the figures are the ones each team channel shows), read
 * together by domain/org-report.ts. Also says whether the admins' DM of it is owed yet.
 */
import type { AppContext } from "../context.ts";
import { digestDueAt, isDigestSettled } from "../domain/digest-schedule.ts";
import { computeOrgReport, type OrgReport, type OrgTeamInput } from "../domain/org-report.ts";
import { addMonths, type LocalDate, type MonthKey } from "../domain/time.ts";
import type { WorkspaceSettings } from "../store/workspaces.ts";
import { buildTeamDigest, EARLIEST_DIGEST_MONTH } from "./digest.ts";

export type OrgReportRequest = {
  teamId: string;
  month: MonthKey;
  /** The day the report is made on: weeks not ended by then count only where answered. */
  asOf: LocalDate;
};

/** Every team's digest of `month`, as the report reads it. Team size from headcount only: no Slack. */
async function teamInputs(ctx: AppContext, teamId: string, month: MonthKey, asOf: LocalDate) {
  const inputs: OrgTeamInput[] = [];
  for (const team of ctx.stores.teams.list(teamId)) {
    const built = await buildTeamDigest(ctx, { teamId, channelId: team.channelId, month, asOf });
    inputs.push({
      channelId: built.channelId,
      teamName: built.teamName,
      engineerCount: built.teamSize?.count ?? null,
      digest: built.digest,
      architectureAreasDecided: built.architectureAreasDecided,
    });
  }
  return inputs;
}

export async function buildOrgReport(ctx: AppContext, req: OrgReportRequest): Promise<OrgReport> {
  const { teamId, month, asOf } = req;
  const teams = await teamInputs(ctx, teamId, month, asOf);
  const before = addMonths(month, -1);
  const previous =
    before >= EARLIEST_DIGEST_MONTH
      ? { month: before, teams: await teamInputs(ctx, teamId, before, asOf) }
      : undefined;
  return computeOrgReport({ month, teams, ...(previous ? { previous } : {}) });
}

/** rolecall admins who get the report: ROLE_ADMINS, then those added with `/role admin add`. */
export function reportAdmins(ctx: AppContext, teamId: string): string[] {
  return [...new Set([...ctx.roleAdmins, ...ctx.stores.admins.list(teamId)])];
}

export type OwedOrgReport = { teamId: string; month: MonthKey; asOf: LocalDate; adminIds: string[] };

/**
 * The report owed to a workspace's admins at `now`: from the digest's due instant (the first working
 * day), once every team's digest of the month has settled, to each admin not yet claimed.
 */
export function owedOrgReport(
  ctx: AppContext,
  workspace: WorkspaceSettings,
  now: Date,
): OwedOrgReport | null {
  const due = digestDueAt(now, workspace);
  if (!due) return null;
  const teamId = workspace.teamId;
  const teams = ctx.stores.teams.list(teamId);
  const posts = ctx.stores.digests.ofMonth(teamId, due.month);
  if (teams.length === 0 || !teams.every((t) => isDigestSettled(posts.get(t.channelId)))) return null;
  const claimed = ctx.stores.orgReports.claimedFor(teamId, due.month);
  const adminIds = reportAdmins(ctx, teamId).filter((id) => !claimed.has(id));
  return adminIds.length ? { teamId, month: due.month, asOf: due.asOf, adminIds } : null;
}
