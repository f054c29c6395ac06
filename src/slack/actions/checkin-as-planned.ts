import type { AppContext } from "../../context.ts";
import { showAnswered } from "../../delivery/checkin-answered.ts";
import { answerAsPlanned } from "../../services/checkin-answer.ts";
import { type ButtonArgs, clickOf, refuse, tellByResponse } from "./checkin-click.ts";

/** **As planned**: records the week as the split stated for it, then shows the answer in place. */
export function checkinAsPlanned(ctx: AppContext) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const result = answerAsPlanned(ctx, clickOf(args));
    if (!result.ok) return refuse(ctx, args.respond, result);
    await showAnswered(ctx, args.client, result.facts, tellByResponse(args.respond));
  };
}
