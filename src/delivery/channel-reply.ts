import type { webApi } from "@slack/bolt";
import type { Reply } from "../messages/reply.ts";
import { slackErrorCode } from "./slack-errors.ts";

export type ChannelTarget = { channel: string; threadTs?: string | undefined };

/** Whether a reply reached the conversation, or Slack's reason it did not. */
export type ChannelDelivery = { ok: true } | { ok: false; error: string };

/**
 * Posts a reply for everyone in a conversation to see (in the thread when there is one): an
 * @rolecall mention's answer, or a who-decides answer shared from a private one.
 */
export async function postInChannel(
  client: webApi.WebClient,
  target: ChannelTarget,
  reply: Reply,
): Promise<ChannelDelivery> {
  try {
    await client.chat.postMessage({
      channel: target.channel,
      ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
      text: reply.text,
      ...(reply.blocks ? { blocks: reply.blocks } : {}),
    });
    return { ok: true };
  } catch (err) {
    return { ok: false, error: slackErrorCode(err) };
  }
}
