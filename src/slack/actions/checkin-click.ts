/**
 * What the check-in listeners share: reading a click from Slack's signed payload, telling the
 * clicker through the click's response_url, and refusing ephemerally. Not a listener itself; the
 * answered DM is shown by delivery/checkin-answered.ts.
 */
import type {
  AllMiddlewareArgs,
  BlockAction,
  ButtonAction,
  RespondFn,
  SlackActionMiddlewareArgs,
} from "@slack/bolt";
import type { AppContext } from "../../context.ts";
import type { TellLead } from "../../delivery/checkin-answered.ts";
import { refusalMessage } from "../../messages/checkin-answer.ts";
import type { Click, Refused } from "../../services/checkin-answer.ts";

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
