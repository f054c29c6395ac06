import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { AppContext } from "../../context.ts";
import { slackErrorCode } from "../../delivery/private-reply.ts";
import { askFromMessage } from "../../services/ask-from-message.ts";
import { mentionHelpReply, withClippedNote } from "../blocks/ask.ts";
import type { Reply } from "../blocks/reply.ts";
import { whoDecidesReply } from "../blocks/who-decides.ts";

type Args = SlackEventMiddlewareArgs<"app_mention"> & AllMiddlewareArgs;

/**
 * `@rolecall who decides …` in a channel or thread: the answer goes in the thread, where the
 * conversation is, for everyone in it to see. A mention with no question gets a short how-to.
 */
export function appMention(ctx: AppContext) {
  return async ({ event, body, context, client }: Args): Promise<void> => {
    // Another bot mentioning rolecall could answer back and forth forever.
    if (event.bot_id) return;
    const teamId = body.team_id ?? context.teamId ?? "";
    const asked = askFromMessage(
      ctx,
      { teamId, channelId: event.channel },
      { text: event.text },
      context.botUserId,
    );
    let reply: Reply;
    if (asked.ok) {
      const answer = whoDecidesReply(asked.answer);
      reply = asked.clipped ? withClippedNote(answer) : answer;
    } else {
      reply = mentionHelpReply();
    }
    try {
      await client.chat.postMessage({
        channel: event.channel,
        thread_ts: event.thread_ts ?? event.ts,
        text: reply.text,
        ...(reply.blocks ? { blocks: reply.blocks } : {}),
      });
    } catch (err) {
      ctx.logger.warn(`Could not answer an @rolecall mention in ${event.channel}: ${slackErrorCode(err)}`);
    }
  };
}
