/**
 * What the digest asks Slack: lead names for the chart, and the team's size for the "split the
 * hybrid role from 9 engineers" rule when roles.yml sets no headcount: the channel's human members,
 * `conversations.members` (paged) with bots, deactivated accounts and Slackbot removed via
 * `users.info`, whose answers are cached in this process for a day.
 */
import type { webApi } from "@slack/bolt";
import type { AppContext } from "../context.ts";
import { type DigestSlackReads, HEADCOUNT_HINT, type TeamSize } from "../services/digest.ts";
import { slackProfile } from "../services/profiles.ts";
import { slackErrorCode } from "./slack-errors.ts";
import { fetchSlackUser } from "./slack-users.ts";

/** The digest's Slack reads for one workspace, over the bot's client. */
export function digestSlackReads(
  ctx: AppContext,
  client: webApi.WebClient,
  teamId: string,
): DigestSlackReads {
  return {
    displayName: async (userId) =>
      (await slackProfile(ctx, fetchSlackUser(client), teamId, userId))?.displayName ?? null,
    channelTeamSize: (channelId) => channelHumans(ctx, client, teamId, channelId),
  };
}

// ---------------------------------------------------------------------------------------------

const HUMAN_TTL_MS = 24 * 60 * 60 * 1000;
/** Beyond this many members a channel is not a team; counting it would cost minutes of users.info. */
export const MAX_MEMBERS_TO_COUNT = 200;
const SLACKBOT = "USLACKBOT";

const humanCache = new Map<string, { human: boolean; at: number }>();

async function channelHumans(
  ctx: AppContext,
  client: webApi.WebClient,
  teamId: string,
  channelId: string,
): Promise<TeamSize> {
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

/** For tests: forget cached users.info answers. */
export function clearTeamSizeCache(): void {
  humanCache.clear();
}
