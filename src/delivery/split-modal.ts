import type { webApi } from "@slack/bolt";
import { splitModal } from "../messages/checkin-answer.ts";

/** Opens the check-in's split modal (views.open) for a click's trigger_id, which expires 3 s after it. */
export async function openSplitModal(
  client: webApi.WebClient,
  triggerId: string,
  form: Parameters<typeof splitModal>[0],
): Promise<void> {
  await client.views.open({ trigger_id: triggerId, view: splitModal(form) });
}
