import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { AppContext } from "../../context.ts";
import { postInChannel } from "../../delivery/channel-reply.ts";
import { mentionHelpReply, withClippedNote } from "../../messages/ask.ts";
import type { Reply } from "../../messages/reply.ts";
import { whoDecidesReply } from "../../messages/who-decides.ts";
import { askFromMessage } from "../../services/ask-from-message.ts";

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
      // Known once the background auth.test has answered (slack/authorize.ts); until then the event's
      // own authorizations name the bot, so the mention is still left out of the question.
      context.botUserId ?? body.authorizations?.[0]?.user_id,
    );
    let reply: Reply;
    if (asked.ok) {
      const answer = whoDecidesReply(asked.answer);
      reply = asked.clipped ? withClippedNote(answer) : answer;
    } else {
      reply = mentionHelpReply();
    }
    const posted = await postInChannel(
      client,
      { channel: event.channel, threadTs: event.thread_ts ?? event.ts },
      reply,
    );
    if (!posted.ok)
      ctx.logger.warn(`Could not answer an @rolecall mention in ${event.channel}: ${posted.error}`);
  };
}
