import type { AppContext } from "../../context.ts";
import { postInChannel } from "../../delivery/channel-reply.ts";
import { decodeShare, sharedAnswer, sharedNote, shareFailed } from "../../messages/share.ts";
import { whoDecidesReply } from "../../messages/who-decides.ts";
import { askAgain } from "../../services/ask-from-message.ts";
import type { ButtonArgs } from "./checkin-click.ts";

/**
 * **Share in channel** on a private who-decides answer: posts the same answer where it was asked,
 * visibly and attributed to the person who shared it, then swaps the private copy for a short note.
 */
export function shareAnswer(ctx: AppContext) {
  return async ({ ack, body, action, respond, client, context }: ButtonArgs): Promise<void> => {
    await ack();
    const share = decodeShare(action.value);
    const container = body.container as { channel_id?: string; thread_ts?: string } | undefined;
    const channel = body.channel?.id ?? container?.channel_id;
    const teamId = body.team?.id ?? body.user.team_id ?? context.teamId ?? "";
    if (!share || !channel) {
      ctx.logger.warn("A Share in channel click without a question or channel; nothing shared");
      await tell(ctx, respond, shareFailed(undefined));
      return;
    }
    const threadTs = share.threadTs ?? container?.thread_ts;
    const reply = sharedAnswer(whoDecidesReply(askAgain(ctx, teamId, channel, share.question)), body.user.id);
    const posted = await postInChannel(client, { channel, threadTs }, reply);
    if (!posted.ok) {
      ctx.logger.warn(`Could not share a who-decides answer in ${channel}: ${posted.error}`);
      await tell(ctx, respond, shareFailed(posted.error));
      return;
    }
    const note = sharedNote(Boolean(threadTs));
    try {
      await respond({ replace_original: true, response_type: "ephemeral", ...note });
    } catch (err) {
      // The answer is in the channel; a stale private copy is only untidy.
      ctx.logger.warn("Shared a who-decides answer but could not replace the private one", err);
    }
  };
}

async function tell(
  ctx: AppContext,
  respond: ButtonArgs["respond"],
  message: { text: string },
): Promise<void> {
  try {
    await respond({ response_type: "ephemeral", replace_original: false, ...message });
  } catch (err) {
    ctx.logger.warn("Could not tell a sharer why the answer was not shared", err);
  }
}
