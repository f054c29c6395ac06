import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { AppContext } from "../../context.ts";
import { showAnswered, tellInDm } from "../../delivery/checkin-answered.ts";
import { SPLIT_KEYS, type SplitKey } from "../../domain/allocation.ts";
import type { SplitFieldInput } from "../../domain/checkin-answer.ts";
import { decodeSlackEntities } from "../../domain/slack-text.ts";
import { NOTE_INPUT_ACTION, refusalModal, SPLIT_INPUT_ACTION } from "../../messages/checkin-answer.ts";
import { type CheckinModalMetadata, NOTE_BLOCK_ID, splitInputBlockId } from "../../messages/checkin-ids.ts";
import { answerSplit, type Click } from "../../services/checkin-answer.ts";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/**
 * The split modal's submission. A bad split gets inline errors (`response_action: errors`) and
 * nothing is recorded; a good one is recorded, the modal closes, and the DM shows it in place.
 * The week and message come from the modal's metadata, and are checked again here: the week may have
 * been locked, or the check-in re-sent, while the modal was open.
 */
export function checkinSplitSubmitted(ctx: AppContext) {
  return async ({ ack, body, view, context, client }: Args): Promise<void> => {
    const meta = metadataOf(view.private_metadata);
    const click: Click = {
      teamId: body.team?.id ?? body.user.team_id ?? context.teamId ?? "",
      userId: body.user.id,
      week: meta?.week ?? "",
      channel: meta?.channel,
      ts: meta?.ts,
    };
    const values = view.state.values;
    // The fields are the ones the modal was built with, in its order.
    const fields: SplitFieldInput[] = SPLIT_KEYS.flatMap((key) => {
      const state = values[splitInputBlockId(key)];
      return state ? [{ key, value: state[SPLIT_INPUT_ACTION]?.value }] : [];
    });
    // Decoded at the entry like /role text, so the note is stored as typed and escaped once when shown.
    const typed = values[NOTE_BLOCK_ID]?.[NOTE_INPUT_ACTION]?.value;
    const note = typed == null ? typed : decodeSlackEntities(typed);
    const result = answerSplit(ctx, click, fields, note);
    if (!result.ok && "invalid" in result) {
      const errors: Record<string, string> = {};
      for (const [key, message] of Object.entries(result.invalid)) {
        errors[key === "note" ? NOTE_BLOCK_ID : splitInputBlockId(key as SplitKey)] = message;
      }
      await ack({ response_action: "errors", errors });
      return;
    }
    if (!result.ok) {
      await ack({ response_action: "update", view: refusalModal(result.refusal, result.week) });
      return;
    }
    await ack();
    // No response_url on a modal: an ephemeral in the lead's DM is how they hear of a failed update.
    await showAnswered(ctx, client, result.facts, tellInDm(client, result.facts, click.userId));
  };
}

function metadataOf(raw: string | undefined): CheckinModalMetadata | undefined {
  try {
    const m = JSON.parse(raw ?? "") as Partial<CheckinModalMetadata>;
    if (typeof m.week === "string" && typeof m.channel === "string" && typeof m.ts === "string")
      return { week: m.week, channel: m.channel, ts: m.ts };
  } catch {
    // Not ours: treated as a click on nobody's week below.
  }
  return undefined;
}
