import type { webApi } from "@slack/bolt";
import type { AppContext } from "../context.ts";
import { isSlackUnreachable, SlackUnreachableError } from "../slack-errors.ts";
import type { Profile } from "../store/people.ts";

const PROFILE_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Slack profile fields (time zone, admin flag) cached in SQLite and refreshed daily, because
 * users.info is rate limited and a slash command must not wait on it every time.
 */
export async function slackProfile(
  ctx: AppContext,
  client: webApi.WebClient,
  teamId: string,
  userId: string,
): Promise<Profile | undefined> {
  return (await loadProfile(ctx, client, teamId, userId)).profile;
}

/** The profile (fresh, or cached when Slack fails), and the error when Slack could not be reached. */
async function loadProfile(
  ctx: AppContext,
  client: webApi.WebClient,
  teamId: string,
  userId: string,
): Promise<{ profile: Profile | undefined; unreachable?: unknown }> {
  const now = ctx.clock();
  const cached = ctx.stores.people.get(teamId, userId);
  const fresh =
    cached?.profileFetchedAt && now.getTime() - Date.parse(cached.profileFetchedAt) < PROFILE_TTL_MS;
  if (cached && fresh) return { profile: cached };
  try {
    const res = await client.users.info({ user: userId });
    const u = res.user;
    if (!u) return { profile: cached };
    ctx.stores.people.saveSlackProfile(
      teamId,
      userId,
      {
        displayName: u.profile?.display_name || u.real_name || u.name || null,
        tz: u.tz ?? null,
        isSlackAdmin: !!(u.is_admin || u.is_owner || u.is_primary_owner),
      },
      now,
    );
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
  client: webApi.WebClient,
  teamId: string,
  userId: string,
): Promise<boolean> {
  if (ctx.roleAdmins.includes(userId)) return true;
  if (ctx.stores.admins.isListed(teamId, userId)) return true;
  return (await slackProfile(ctx, client, teamId, userId))?.isSlackAdmin ?? false;
}

/**
 * isAdmin for commands that change something. When Slack cannot be reached and nothing is cached,
 * it throws SlackUnreachableError rather than answering no: a refusal would tell an admin they are not one.
 */
export async function mayAdminister(
  ctx: AppContext,
  client: webApi.WebClient,
  teamId: string,
  userId: string,
): Promise<boolean> {
  if (ctx.roleAdmins.includes(userId)) return true;
  if (ctx.stores.admins.isListed(teamId, userId)) return true;
  const { profile, unreachable } = await loadProfile(ctx, client, teamId, userId);
  if (!profile && unreachable) throw new SlackUnreachableError(unreachable);
  return profile?.isSlackAdmin ?? false;
}

export const WHO_CAN_ADMINISTER =
  "Only rolecall admins can do that: Slack workspace admins and owners, the people in ROLE_ADMINS, and anyone added with `/role admin add @user`.";
