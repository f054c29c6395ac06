import type { webApi } from "@slack/bolt";

/** Rewrites a message the bot posted (chat.update), for a click on a message everyone sees. */
export async function replaceMessage(
  client: webApi.WebClient,
  where: { channel: string; ts: string },
  message: { text: string; blocks?: unknown[] },
): Promise<void> {
  await client.chat.update({
    channel: where.channel,
    ts: where.ts,
    text: message.text,
    ...(message.blocks ? { blocks: message.blocks as webApi.KnownBlock[] } : {}),
  });
}
