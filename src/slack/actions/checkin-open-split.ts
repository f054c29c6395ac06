import type { AppContext } from "../../context.ts";
import { openSplitModal } from "../../delivery/split-modal.ts";
import { splitForm } from "../../services/checkin-answer.ts";
import { type ButtonArgs, clickOf, refuse } from "./checkin-click.ts";

/**
 * **Enter my split** and **Edit**: opens the split modal. Only fast SQLite reads happen before
 * `views.open`, because the trigger_id expires 3 s after the click.
 */
export function checkinOpenSplit(ctx: AppContext) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const form = splitForm(ctx, clickOf(args));
    if (!form.ok) return refuse(ctx, args.respond, form);
    try {
      await openSplitModal(args.client, args.body.trigger_id, {
        ...form,
        metadata: { week: form.facts.week, ...form.facts.dm },
      });
    } catch (err) {
      ctx.logger.warn(`Could not open the split modal for ${form.facts.week}`, err);
      await args.respond({
        response_type: "ephemeral",
        replace_original: false,
        text: ":warning: Slack didn't let me open the form in time. Tap the button again; nothing was recorded.",
      });
    }
  };
}
