import type { AppContext } from "../../context.ts";
import { showAnswered } from "../../delivery/checkin-answered.ts";
import { answerAway } from "../../services/checkin-answer.ts";
import { type ButtonArgs, clickOf, refuse, tellByResponse } from "./checkin-click.ts";

/** **Skip this week (away)**: the week counts as away, not missing; the DM says so in place. */
export function checkinSkip(ctx: AppContext) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const result = answerAway(ctx, clickOf(args));
    if (!result.ok) return refuse(ctx, args.respond, result);
    await showAnswered(ctx, args.client, result.facts, tellByResponse(args.respond));
  };
}
