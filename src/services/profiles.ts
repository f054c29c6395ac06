import type { AppContext } from "../context.ts";
import { isSlackUnreachable, SlackUnreachableError } from "../slack-errors.ts";
import type { Profile } from "../store/people.ts";

const PROFILE_TTL_MS = 24 * 60 * 60 * 1000;

/** What rolecall keeps of a person's Slack profile. */
export type SlackUser = { displayName: string | null; tz: string | null; isSlackAdmin: boolean };

/**
 * Slack's `users.info` for one person (delivery/slack-users.ts): undefined when Slack returns no
 * user; throws as the Web API does when Slack cannot be reached or refuses.
 */
export type FetchSlackUser = (userId: string) => Promise<SlackUser | undefined>;

/**
 * Slack profile fields (time zone, admin flag) cached in SQLite and refreshed daily, because
 * users.info is rate limited and a slash command must not wait on it every time.
 */
export async function slackProfile(
  ctx: AppContext,
  fetchUser: FetchSlackUser,
  teamId: string,
  userId: string,
): Promise<Profile | undefined> {
  return (await loadProfile(ctx, fetchUser, teamId, userId)).profile;
}

/** The profile (fresh, or cached when Slack fails), and the error when Slack could not be reached. */
async function loadProfile(
  ctx: AppContext,
  fetchUser: FetchSlackUser,
  teamId: string,
  userId: string,
): Promise<{ profile: Profile | undefined; unreachable?: unknown }> {
  const now = ctx.clock();
  const cached = ctx.stores.people.get(teamId, userId);
  const fresh =
    cached?.profileFetchedAt && now.getTime() - Date.parse(cached.profileFetchedAt) < PROFILE_TTL_MS;
  if (cached && fresh) return { profile: cached };
  try {
    const user = await fetchUser(userId);
    if (!user) return { profile: cached };
    ctx.stores.people.saveSlackProfile(teamId, userId, user, now);
    return { profile: ctx.stores.people.get(teamId, userId) };
  } catch (err) {
    if (isSlackUnreachable(err)) {
      ctx.logger.warn(`users.info for ${userId} could not reach Slack; using the cached profile if any`);
      return { profile: cached, unreachable: err };
    }
    ctx.logger.warn(`users.info failed for ${userId}; using the cached profile`, err);
    return { profile: cached };
  }
}

/** Admins: ROLE_ADMINS, people added with `/role admin add`, and Slack workspace admins/owners. */
export async function isAdmin(
  ctx: AppContext,
  fetchUser: FetchSlackUser,
  teamId: string,
  userId: string,
): Promise<boolean> {
  if (ctx.roleAdmins.includes(userId)) return true;
  if (ctx.stores.admins.isListed(teamId, userId)) return true;
  return (await slackProfile(ctx, fetchUser, teamId, userId))?.isSlackAdmin ?? false;
}

/**
 * isAdmin for commands that change something. When Slack cannot be reached and nothing is cached,
 * it throws SlackUnreachableError rather than answering no: a refusal would tell an admin they are not one.
 */
export async function mayAdminister(
  ctx: AppContext,
  fetchUser: FetchSlackUser,
  teamId: string,
  userId: string,
): Promise<boolean> {
  if (ctx.roleAdmins.includes(userId)) return true;
  if (ctx.stores.admins.isListed(teamId, userId)) return true;
  const { profile, unreachable } = await loadProfile(ctx, fetchUser, teamId, userId);
  if (!profile && unreachable) throw new SlackUnreachableError(unreachable);
  return profile?.isSlackAdmin ?? false;
}

export const WHO_CAN_ADMINISTER =
  "Only rolecall admins can do that: Slack workspace admins and owners, the people in ROLE_ADMINS, and anyone added with `/role admin add @user`.";
