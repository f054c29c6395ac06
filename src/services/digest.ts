/**
 * Builds one team's drift digest for one month: the stored inputs (store/digest-inputs.ts), the pure
 * computation (domain/digest.ts) and what the health rules need besides (team size, architecture
 * areas). Shared by the monthly job, `/role digest preview`, the CLI and the demo, so all four show
 * the same digest.
 *
 * Team size, for the "split the hybrid role from 9 engineers" rule: the team's configured
 * `headcount` (roles.yml) when set; otherwise, when the caller passes Slack reads, the channel's
 * people (delivery/digest-slack-reads.ts). It is only asked for when the rule could fire (a lead
 * wears both the tech-lead and the engineering-manager hat), so most teams cost no Slack call at all.
 * The team channel is counted, not a separately configured digest channel: that one is often a
 * leads' or managers' channel whose members are not the team.
 */
import type { AppContext } from "../context.ts";
import { computeTeamDigest, type LeadDigest, type TeamDigest } from "../domain/digest.ts";
import { openWeeksNote, renderTeamDigestText } from "../domain/digest-text.ts";
import { type HealthFinding, teamHealthFindings } from "../domain/health-rules.ts";
import {
  type IsoWeekKey,
  isoWeekSunday,
  type LocalDate,
  type MonthKey,
  weeksOfMonth,
} from "../domain/time.ts";
import { withHolidayAwayWeeks } from "./holiday-away-weeks.ts";

export type TeamSize = {
  /** Engineers counted for the split rule; null when unknown. */
  count: number | null;
  source: "headcount" | "channel" | "unknown";
  /** Why the size is unknown, or how it was counted, for a footnote. */
  note: string;
};

export type BuiltDigest = {
  teamId: string;
  /** The team: its channel. */
  channelId: string;
  teamName: string | null;
  /** Where the digest is posted: `teams.digest_channel_id`, else the team channel. */
  digestChannelId: string;
  month: MonthKey;
  asOf: LocalDate;
  digest: TeamDigest;
  /** Null when no rule needed it (no TL+EM hybrid and no configured headcount). */
  teamSize: TeamSize | null;
  architectureAreasDecided: Readonly<Record<string, number>>;
  /** Weeks of the month that had not ended on `asOf`: they count only where already answered. */
  openWeeks: readonly IsoWeekKey[];
};

/** One team's part of a lead's own-figures DM (messages/digest.ts renders it). */
export type LeadDmPart = {
  built: BuiltDigest;
  /** The lead as they appear in this team's digest. */
  lead: LeadDigest;
  /** This team's findings (`digestFindings(built, mentionName)`); only the lead's own are shown. */
  findings: readonly HealthFinding[];
  /** False when the team's channel digest was given up after its retries. */
  posted: boolean;
};

/** The first month a digest can be asked for: rolecall holds nothing older, and a digest looks a year
 * back, which for a month in year 0 would leave the calendar. */
export const EARLIEST_DIGEST_MONTH = "2000-01";

export type BuildDigestRequest = {
  teamId: string;
  channelId: string;
  month: MonthKey;
  asOf: LocalDate;
  /** Without Slack (CLI dry run, demo) team size comes from `headcount` only. */
  slack?: DigestSlackReads | undefined;
};

/** What the digest may ask Slack (delivery/digest-slack-reads.ts answers over the Web API). */
export type DigestSlackReads = {
  /** A lead's display name for the chart, or null. */
  displayName(userId: string): Promise<string | null>;
  /** The team channel's people, when no headcount is configured. */
  channelTeamSize(channelId: string): Promise<TeamSize>;
};

export const HEADCOUNT_HINT = "set the team's headcount in roles.yml to use the split rule";

export async function buildTeamDigest(ctx: AppContext, req: BuildDigestRequest): Promise<BuiltDigest> {
  const { teamId, channelId, month, asOf, slack } = req;
  const team = ctx.stores.teams.get(teamId, channelId);
  const loaded = ctx.stores.digests.inputs.load({ teamId, channelId, month, asOf });
  const { architectureAreasDecided } = loaded;
  const input = withHolidayAwayWeeks(loaded);
  let leads = input.leads;
  if (slack && leads.some((l) => !l.displayName)) {
    // Names label the chart; Slack mentions render by themselves, a PNG cannot.
    leads = await Promise.all(
      leads.map(async (l) => (l.displayName ? l : { ...l, displayName: await slack.displayName(l.userId) })),
    );
  }
  const digest = computeTeamDigest({ ...input, leads });
  const needsSize = digest.leads.some(isTlEmHybrid);
  let teamSize: TeamSize | null = null;
  if (team?.headcount !== null && team?.headcount !== undefined) {
    teamSize = {
      count: team.headcount,
      source: "headcount",
      note: `${team.headcount} (configured headcount)`,
    };
  } else if (needsSize) {
    teamSize = slack
      ? await slack.channelTeamSize(channelId)
      : { count: null, source: "unknown", note: `unknown without Slack: ${HEADCOUNT_HINT}` };
  }
  return {
    teamId,
    channelId,
    teamName: team?.name ?? null,
    digestChannelId: team?.digestChannelId ?? channelId,
    month,
    asOf,
    digest,
    teamSize,
    architectureAreasDecided,
    openWeeks: weeksOfMonth(month).filter((w) => isoWeekSunday(w) >= asOf),
  };
}

/** The health findings, naming leads with `nameOf` (mentions in Slack, names in text). */
export function digestFindings(built: BuiltDigest, nameOf: (lead: LeadDigest) => string): HealthFinding[] {
  return teamHealthFindings(built.digest, {
    engineerCount: built.teamSize?.count ?? null,
    architectureAreasDecided: built.architectureAreasDecided,
    nameOf,
  });
}

/** The channel's digest as plain text (CLI, demo), with the same footnotes as the Slack message. */
export function digestText(built: BuiltDigest): string {
  const text = renderTeamDigestText(built.digest, {
    teamName: built.teamName ? `#${built.teamName}` : built.channelId,
    findings: digestFindings(built, plainName),
    nameOf: plainName,
  });
  const notes = [openWeeksNote(built), built.teamSize ? `Team size: ${built.teamSize.note}` : null];
  const extra = notes.filter((n): n is string => n !== null);
  return extra.length ? `${text}\n\n${extra.join("\n")}` : text;
}

/** A lead's name for text and charts: display name, else the user id. */
export function plainName(lead: Pick<LeadDigest, "userId" | "displayName">): string {
  return lead.displayName ?? lead.userId;
}

function isTlEmHybrid(lead: LeadDigest): boolean {
  return lead.teamHats.includes("tech-lead") && lead.teamHats.includes("engineering-manager");
}
