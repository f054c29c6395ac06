/**
 * What the monthly digest owes, read from the stores: the teams whose digest is due and may be
 * claimed now, and the private leads whose own-figures DM may go out. Delivery posts and sends;
 * the rules of when are in domain/digest-schedule.ts.
 */
import type { AppContext } from "../context.ts";
import type { LeadDigest } from "../domain/digest.ts";
import {
  claimFromRow,
  type DigestClaimFrom,
  digestDueAt,
  isDigestSettled,
} from "../domain/digest-schedule.ts";
import type { MonthKey } from "../domain/time.ts";
import type { WorkspaceSettings } from "../store/workspaces.ts";
import { type BuiltDigest, buildTeamDigest, digestFindings, type LeadDmPart } from "./digest.ts";

/** A team's digest to post now: its month, the day it is made on, and how to claim its row. */
export type OwedDigest = {
  teamId: string;
  channelId: string;
  month: MonthKey;
  asOf: string;
  from: DigestClaimFrom;
};

/** The digests a workspace owes at `now`: none before the due instant, else each team still owed one. */
export function owedDigests(ctx: AppContext, workspace: WorkspaceSettings, now: Date): OwedDigest[] {
  const due = digestDueAt(now, workspace);
  if (!due) return [];
  return ctx.stores.digests.pending(workspace.teamId, due.month).flatMap(({ channelId, post }) => {
    const from = claimFromRow(post, now);
    return from ? [{ teamId: workspace.teamId, channelId, month: due.month, asOf: due.asOf, from }] : [];
  });
}

/** A private lead whose own-figures DM is ready: every team they lead has settled its digest. */
export type OwedLeadDm = { userId: string; parts: LeadDmPart[] };

/**
 * The private leads of a team whose digest just settled, whose DM can now go out: one DM per lead
 * and month, covering every team they lead, so it waits until each of those teams' digests has
 * settled too (the last of them to settle sends it). A team whose post was given up still counts:
 * the figures are the lead's own, and the DM says the channel post failed. Whether the DM was
 * already sent is the caller's claim, made just before it sends.
 */
export async function owedLeadDms(
  ctx: AppContext,
  req: { teamId: string; channelId: string; month: MonthKey; asOf: string },
  nameOf: (lead: LeadDigest) => string,
  settled?: BuiltDigest,
): Promise<OwedLeadDm[]> {
  const { teamId, month, asOf } = req;
  const build = async (channelId: string): Promise<BuiltDigest | null> => {
    try {
      // No Slack: the lead's figures need no Slack call (team size only feeds a team-wide rule).
      return await buildTeamDigest(ctx, { teamId, channelId, month, asOf });
    } catch (err) {
      ctx.logger.warn(`The ${month} digest of ${channelId} could not be built for DMs: ${errorText(err)}`);
      return null;
    }
  };
  const here = settled ?? (await build(req.channelId));
  const candidates = here?.digest.leads.filter((l) => l.isPrivate) ?? [];
  if (!here || candidates.length === 0) return [];

  const posts = ctx.stores.digests.ofMonth(teamId, month);
  // In the workspace's team order, so the DM names a lead's teams the same way every month.
  const builds: BuiltDigest[] = [];
  for (const team of ctx.stores.teams.list(teamId)) {
    if (team.channelId === here.channelId) builds.push(here);
    else if (posts.get(team.channelId)?.state !== "skipped") {
      const other = await build(team.channelId);
      if (other) builds.push(other);
    }
  }
  if (!builds.includes(here)) builds.unshift(here);
  return candidates.flatMap((candidate) => {
    const parts = builds.flatMap((built) => {
      const lead = built.digest.leads.find((l) => l.userId === candidate.userId);
      if (!lead) return [];
      const posted = posts.get(built.channelId)?.state === "posted";
      return [{ built, lead, posted, findings: digestFindings(built, nameOf) }];
    });
    return parts.every((p) => isDigestSettled(posts.get(p.built.channelId)))
      ? [{ userId: candidate.userId, parts }]
      : [];
  });
}

/** Slack's error code when there is one (a build that asked Slack), else the error's message. */
function errorText(err: unknown): string {
  const data = (err as { data?: { error?: unknown } } | undefined)?.data;
  if (data && typeof data.error === "string") return data.error;
  return err instanceof Error ? err.message : String(err);
}
