/**
 * After a check-in answer is recorded: the DM shown in its answered form (chat.update), and the lead
 * told privately when it cannot be (a click's response_url, or chat.postEphemeral in their DM).
 */
import type { webApi } from "@slack/bolt";
import type { AppContext } from "../context.ts";
import { answeredDm, notShownNotice } from "../messages/checkin-answer.ts";
import type { Block } from "../messages/reply.ts";
import type { WeekFacts } from "../services/checkin-answer.ts";

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

/** `tell` where there is no response_url (a modal's submission): an ephemeral in the lead's DM. */
export function tellInDm(client: webApi.WebClient, facts: WeekFacts, userId: string): TellLead {
  return (message) => client.chat.postEphemeral({ channel: facts.dm.channel, user: userId, ...message });
}
