import type { AppContext } from "../../context.ts";
import { replaceMessage } from "../../delivery/replace-message.ts";
import { decodePick } from "../../domain/pick-value.ts";
import { areaGoneReply, unreadablePickReply, withLearnedNote } from "../../messages/did-you-mean.ts";
import type { Reply } from "../../messages/reply.ts";
import { whoDecidesReply } from "../../messages/who-decides.ts";
import { pickArea } from "../../services/did-you-mean.ts";
import type { ButtonArgs } from "./checkin-click.ts";

/**
 * A "Did you mean?" button: answers the question for the picked area, in place of the abstention
 * when the asker clicked it, and privately to anyone else (who teaches nothing).
 */
export function whoDecidesPick(ctx: AppContext) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const { body, action, respond } = args;
    const tellClicker = (reply: Reply) =>
      respond({
        response_type: "ephemeral",
        replace_original: false,
        text: reply.text,
        blocks: reply.blocks,
      });
    const pick = decodePick(action.value);
    const teamId = body.team?.id ?? body.user.team_id ?? args.context.teamId ?? "";
    try {
      if (!pick) return void (await tellClicker(unreadablePickReply()));
      const outcome = pickArea(ctx, teamId, body.user.id, pick);
      if (!outcome.ok) return void (await tellClicker(areaGoneReply()));
      const answer = whoDecidesReply(outcome.answer);
      if (!outcome.byAsker) return void (await tellClicker(answer));
      const reply = outcome.learned ? withLearnedNote(answer, pick.question) : answer;
      const container = (body.container ?? {}) as {
        is_ephemeral?: boolean;
        channel_id?: string;
        message_ts?: string;
      };
      if (container.is_ephemeral !== false || !container.channel_id || !container.message_ts) {
        await respond({ replace_original: true, text: reply.text, blocks: reply.blocks });
      } else {
        await replaceMessage(args.client, { channel: container.channel_id, ts: container.message_ts }, reply);
      }
    } catch (err) {
      ctx.logger.warn(`Could not answer a "Did you mean?" click in ${teamId}`, err);
    }
  };
}
