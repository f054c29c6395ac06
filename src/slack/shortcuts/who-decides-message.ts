import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from "@slack/bolt";
import type { AppContext } from "../../context.ts";
import { postPrivately } from "../../delivery/private-reply.ts";
import { nothingToAskReply, withClippedNote, withDmFallbackNote } from "../../messages/ask.ts";
import type { Reply } from "../../messages/reply.ts";
import { withShareButton } from "../../messages/share.ts";
import { whoDecidesReply } from "../../messages/who-decides.ts";
import { askFromMessage } from "../../services/ask-from-message.ts";

/** The message shortcut's callback id, as declared in manifest.yml. */
export const WHO_DECIDES_SHORTCUT = "who_decides_message";

export type MessageShortcutArgs = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;

/**
 * **Who decides this?** on any message: the message's text is the question, and the person who used
 * the shortcut gets the answer privately where the message is (in its thread when it has one).
 */
export function whoDecidesMessage(ctx: AppContext) {
  return async ({ shortcut, ack, client, context }: MessageShortcutArgs): Promise<void> => {
    await ack();
    const teamId = shortcut.team?.id ?? shortcut.user.team_id ?? context.teamId ?? "";
    const channelId = shortcut.channel.id;
    const threadTs = typeof shortcut.message.thread_ts === "string" ? shortcut.message.thread_ts : undefined;
    const asked = askFromMessage(
      ctx,
      { teamId, channelId },
      { text: shortcut.message.text, hasFiles: carriesFiles(shortcut.message) },
      context.botUserId,
    );
    let reply: Reply;
    let dmReply: Reply;
    if (asked.ok) {
      const answer = asked.clipped
        ? withClippedNote(whoDecidesReply(asked.answer))
        : whoDecidesReply(asked.answer);
      reply = withShareButton(answer, { question: asked.answer.question, threadTs });
      // No Share button in the DM: rolecall cannot post in the channel it would be shared to.
      dmReply = withDmFallbackNote(answer, shortcut.channel.name);
    } else {
      reply = nothingToAskReply(asked.reason);
      dmReply = withDmFallbackNote(reply, shortcut.channel.name);
    }
    const delivered = await postPrivately(
      client,
      { channel: channelId, user: shortcut.user.id, threadTs },
      toMessage(reply),
      toMessage(dmReply),
    );
    if (delivered.via === "none")
      ctx.logger.warn(`Could not answer a Who decides this? shortcut in ${channelId}: ${delivered.error}`);
  };
}

function carriesFiles(message: MessageShortcut["message"]): boolean {
  const nonEmpty = (v: unknown) => Array.isArray(v) && v.length > 0;
  return nonEmpty(message.files) || nonEmpty(message.attachments) || message.upload === true;
}

function toMessage(reply: Reply) {
  return { text: reply.text, ...(reply.blocks ? { blocks: reply.blocks } : {}) };
}
