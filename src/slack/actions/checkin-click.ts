/**
 * What the check-in listeners share: reading a click from Slack's signed payload, showing the
 * answered DM in place, and refusing ephemerally. Not a listener itself.
 */
import type {
  AllMiddlewareArgs,
  BlockAction,
  ButtonAction,
  RespondFn,
  SlackActionMiddlewareArgs,
  webApi,
} from "@slack/bolt";
import type { AppContext } from "../../context.ts";
import { answeredDm, notShownNotice, refusalMessage } from "../../messages/checkin-answer.ts";
import type { Block } from "../../messages/reply.ts";
import type { Click, Refused, WeekFacts } from "../../services/checkin-answer.ts";

export type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/**
 * The click as Slack signed it: who clicked in which workspace, and on which message. Only the week
 * comes from the button's value, and it is checked against the clicker's own row.
 */
export function clickOf(args: Pick<ButtonArgs, "body" | "action" | "context">): Click {
  const { body, action, context } = args;
  const container = body.container as { channel_id?: string; message_ts?: string } | undefined;
  return {
    teamId: body.team?.id ?? body.user.team_id ?? context.teamId ?? "",
    userId: body.user.id,
    week: action.value ?? "",
    channel: container?.channel_id ?? body.channel?.id,
    ts: container?.message_ts ?? body.message?.ts,
  };
}

/** Posts a message only the lead sees (a response_url, or chat.postEphemeral in their DM). */
export type TellLead = (message: { text: string; blocks: Block[] }) => Promise<unknown>;

/**
 * Replaces the check-in DM with its answered form. The answer is already recorded either way; if the
 * DM cannot be updated it still shows the question, so the lead is told privately that the answer
 * was kept, or they would think it was lost.
 */
export async function showAnswered(
  ctx: AppContext,
  client: webApi.WebClient,
  facts: WeekFacts,
  tell: TellLead,
): Promise<boolean> {
  try {
    await client.chat.update({ channel: facts.dm.channel, ts: facts.dm.ts, ...answeredDm(facts) });
    return true;
  } catch (err) {
    ctx.logger.warn(
      `Recorded ${facts.week} but could not update the check-in DM ${facts.dm.channel}/${facts.dm.ts}`,
      err,
    );
    try {
      await tell(notShownNotice(facts));
    } catch (tellErr) {
      ctx.logger.warn(`Could not tell ${facts.record.userId} that ${facts.week} was recorded`, tellErr);
    }
    return false;
  }
}

/** `tell` for a button click: the click's response_url, ephemeral, leaving the DM as it is. */
export function tellByResponse(respond: RespondFn): TellLead {
  return (message) => respond({ response_type: "ephemeral", replace_original: false, ...message });
}

/** Tells the clicker, and only them, why nothing was recorded. */
export async function refuse(ctx: AppContext, respond: RespondFn, refused: Refused): Promise<void> {
  try {
    await respond(refusalMessage(refused.refusal, refused.week));
  } catch (err) {
    ctx.logger.warn(
      `Could not tell a clicker why ${refused.week} was not answered (${refused.refusal.kind})`,
      err,
    );
  }
}
