import type { webApi } from "@slack/bolt";
import type { Block } from "../messages/reply.ts";
import { slackErrorCode } from "./slack-errors.ts";

type Message = { text: string; blocks?: Block[] };

export type PrivateTarget = { channel: string; user: string; threadTs?: string | undefined };

/** Where a private answer ended up, or why it could not be delivered at all. */
export type PrivateDelivery = { via: "ephemeral" | "dm" } | { via: "none"; error: string };

// Slack's answers when the bot cannot post in a conversation; a DM still reaches the person.
const CANNOT_POST_THERE = new Set([
  "not_in_channel",
  "channel_not_found",
  "user_not_in_channel",
  "is_archived",
  "restricted_action",
]);

/**
 * Shows a message only to `target.user` in the channel (in the thread when there is one). Where the
 * bot may not post, it sends `inDm` to the person's DM instead, so they are never left without an answer.
 */
export async function postPrivately(
  client: webApi.WebClient,
  target: PrivateTarget,
  message: Message,
  inDm: Message,
): Promise<PrivateDelivery> {
  try {
    await client.chat.postEphemeral({
      channel: target.channel,
      user: target.user,
      ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
      ...message,
    });
    return { via: "ephemeral" };
  } catch (err) {
    const error = slackErrorCode(err);
    if (!CANNOT_POST_THERE.has(error)) return { via: "none", error };
  }
  try {
    const opened = await client.conversations.open({ users: target.user });
    const dm = opened.channel?.id;
    if (!dm) return { via: "none", error: "no_dm_channel" };
    await client.chat.postMessage({ channel: dm, ...inDm });
    return { via: "dm" };
  } catch (err) {
    return { via: "none", error: slackErrorCode(err) };
  }
}
