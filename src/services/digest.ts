/**
 * Builds one team's drift digest for one month: the stored inputs (store/digest-inputs.ts), the pure
 * computation (domain/digest.ts) and what the health rules need besides (team size, architecture
 * areas). Shared by the monthly job, `/role digest preview`, the CLI and the demo, so all four show
 * the same digest.
 *
 * Team size, for the "split the hybrid role from 9 engineers" rule: the team's configured
 * `headcount` (roles.yml) when set; otherwise the channel's human members: `conversations.members`
 * (paged) with bots, deactivated accounts and Slackbot removed via `users.info`, whose answers are
 * cached in this process for a day. It is only looked up when the rule could fire (a lead wears both
 * the tech-lead and the engineering-manager hat), so most teams cost no Slack call at all. The team
 * channel is counted, not a separately configured digest channel: that one is often a leads' or
 * managers' channel whose members are not the team.
 */
import type { webApi } from "@slack/bolt";
import type { AppContext } from "../context.ts";
import { dayLabel } from "../domain/date-text.ts";
import { computeTeamDigest, type LeadDigest, type TeamDigest } from "../domain/digest.ts";
import { monthLabel, renderTeamDigestText } from "../domain/digest-text.ts";
import { type HealthFinding, teamHealthFindings } from "../domain/health-rules.ts";
import {
  addDays,
  type IsoWeekKey,
  isoWeekMonday,
  isoWeekOf,
  isoWeekSunday,
  type LocalDate,
  type MonthKey,
  nextMonth,
  weeksOfMonth,
} from "../domain/time.ts";
import { slackProfile } from "./profiles.ts";

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

/** The first month a digest can be asked for: rolecall holds nothing older, and a digest looks a year
 * back, which for a month in year 0 would leave the calendar. */
export const EARLIEST_DIGEST_MONTH = "2000-01";

export type BuildDigestRequest = {
  teamId: string;
  channelId: string;
  month: MonthKey;
  asOf: LocalDate;
  /** Without a client (CLI dry run, demo) team size comes from `headcount` only. */
  client?: webApi.WebClient | undefined;
};

export async function buildTeamDigest(ctx: AppContext, req: BuildDigestRequest): Promise<BuiltDigest> {
  const { teamId, channelId, month, asOf, client } = req;
  const team = ctx.stores.teams.get(teamId, channelId);
  const { input, architectureAreasDecided } = ctx.stores.digests.inputs.load({
    teamId,
    channelId,
    month,
    asOf,
  });
  let leads = input.leads;
  if (client && leads.some((l) => !l.displayName)) {
    // Names label the chart; Slack mentions render by themselves, a PNG cannot.
    leads = await Promise.all(
      leads.map(async (l) =>
        l.displayName
          ? l
          : { ...l, displayName: (await slackProfile(ctx, client, teamId, l.userId))?.displayName ?? null },
      ),
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
    teamSize = await channelHumans(ctx, client, teamId, channelId);
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

/** `week 18 (27 Apr – 3 May)` */
export function weekRange(week: IsoWeekKey): string {
  const monday = isoWeekMonday(week);
  return `week ${isoWeekOf(monday).week} (${dayLabel(monday)} – ${dayLabel(isoWeekSunday(week))})`;
}

/** The footnote about weeks of the month not over when the digest was made; null when none. */
export function openWeeksNote(built: Pick<BuiltDigest, "month" | "asOf" | "openWeeks">): string | null {
  if (built.openWeeks.length === 0) return null;
  if (built.asOf <= addDays(`${nextMonth(built.month)}-01`, -1)) {
    return `${monthLabel(built.month)} is not over yet: weeks still running count only where already answered.`;
  }
  const weeks = built.openWeeks.map(weekRange).join(", ");
  return `${weeks} had not ended when this digest was made: it counts where already answered, and in full in later digests' charts.`;
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

// ---------------------------------------------------------------------------------------------
// Team size from the channel
// ---------------------------------------------------------------------------------------------

const HUMAN_TTL_MS = 24 * 60 * 60 * 1000;
/** Beyond this many members a channel is not a team; counting it would cost minutes of users.info. */
export const MAX_MEMBERS_TO_COUNT = 200;
const SLACKBOT = "USLACKBOT";

const humanCache = new Map<string, { human: boolean; at: number }>();

const HEADCOUNT_HINT = "set the team's headcount in roles.yml to use the split rule";

async function channelHumans(
  ctx: AppContext,
  client: webApi.WebClient | undefined,
  teamId: string,
  channelId: string,
): Promise<TeamSize> {
  if (!client) return { count: null, source: "unknown", note: `unknown without Slack: ${HEADCOUNT_HINT}` };
  let members: string[];
  try {
    members = await channelMembers(client, channelId);
  } catch (err) {
    const code = slackErrorCode(err);
    ctx.logger.warn(`conversations.members failed for ${channelId} (${code}); team size unknown`);
    const why =
      code === "not_in_channel" || code === "channel_not_found"
        ? "rolecall is not in this channel"
        : code === "missing_scope"
          ? "the app lacks the channels:read / groups:read scope"
          : `Slack said ${code}`;
    return { count: null, source: "unknown", note: `unknown (${why}): ${HEADCOUNT_HINT}` };
  }
  if (members.length > MAX_MEMBERS_TO_COUNT) {
    return {
      count: null,
      source: "unknown",
      note: `unknown: the channel has ${members.length} members, too many to be one team; ${HEADCOUNT_HINT}`,
    };
  }
  const now = ctx.clock().getTime();
  let count = 0;
  for (const userId of members) {
    if (userId === SLACKBOT) continue;
    const key = `${teamId}:${userId}`;
    const cached = humanCache.get(key);
    if (cached && now - cached.at < HUMAN_TTL_MS) {
      if (cached.human) count++;
      continue;
    }
    try {
      const user = (await client.users.info({ user: userId })).user;
      const human = !!user && !user.is_bot && !user.deleted && userId !== SLACKBOT;
      humanCache.set(key, { human, at: now });
      if (human) count++;
    } catch (err) {
      const code = slackErrorCode(err);
      if (code === "user_not_found") {
        humanCache.set(key, { human: false, at: now });
        continue;
      }
      // A passing failure: most members are people, so count them rather than lose the whole figure.
      ctx.logger.warn(`users.info failed for ${userId} (${code}); counted as a person`);
      count++;
    }
  }
  return { count, source: "channel", note: `${count} people in the channel (no headcount configured)` };
}

async function channelMembers(client: webApi.WebClient, channel: string): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | undefined;
  do {
    const res = await client.conversations.members({ channel, limit: 200, ...(cursor ? { cursor } : {}) });
    out.push(...(res.members ?? []));
    cursor = res.response_metadata?.next_cursor || undefined;
  } while (cursor && out.length <= MAX_MEMBERS_TO_COUNT);
  return out;
}

/** Slack's error code (`not_in_channel`, `ratelimited`…) or the error's message. */
export function slackErrorCode(err: unknown): string {
  const data = (err as { data?: { error?: unknown } } | undefined)?.data;
  if (data && typeof data.error === "string") return data.error;
  return err instanceof Error ? err.message : String(err);
}

/** For tests: forget cached users.info answers. */
export function clearTeamSizeCache(): void {
  humanCache.clear();
}
