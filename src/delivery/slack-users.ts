import type { webApi } from "@slack/bolt";
import type { FetchSlackUser } from "../services/profiles.ts";

/**
 * Slack's `users.info` over a WebClient, read down to what rolecall keeps of a person; what the
 * cached profile lookup (services/profiles.ts) calls when its copy is missing or a day old.
 */
export function fetchSlackUser(client: webApi.WebClient): FetchSlackUser {
  return async (userId) => {
    const res = await client.users.info({ user: userId });
    const u = res.user;
    if (!u) return undefined;
    return {
      displayName: u.profile?.display_name || u.real_name || u.name || null,
      tz: u.tz ?? null,
      isSlackAdmin: !!(u.is_admin || u.is_owner || u.is_primary_owner),
    };
  };
}
