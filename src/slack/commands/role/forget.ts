import { fetchSlackUser } from "../../../delivery/slack-users.ts";
import { usageOf } from "../../../domain/command.ts";
import { errorReply, escapeMrkdwn, infoReply } from "../../../messages/reply.ts";
import { forgetPhrasing } from "../../../services/did-you-mean.ts";
import { mayAdminister, WHO_CAN_ADMINISTER } from "../../../services/profiles.ts";
import type { SubcommandHandler } from "./types.ts";

/** Undoes a learned phrasing: the question goes back to the matcher (and may abstain again). */
export const forget: SubcommandHandler<"forget"> = async (command, req) => {
  const { ctx, teamId, userId } = req;
  if (!(await mayAdminister(ctx, fetchSlackUser(req.client), teamId, userId)))
    return errorReply(WHO_CAN_ADMINISTER, usageOf("forget"));
  const quoted = `“${escapeMrkdwn(command.phrasing)}”`;
  if (!forgetPhrasing(ctx, teamId, command.phrasing)) {
    return errorReply(
      `This workspace hasn't learned ${quoted}; nothing changed. \`/role areas\` lists what it learned.`,
      usageOf("forget"),
    );
  }
  return infoReply(
    `:wastebasket: Forgot ${quoted}: the question is matched against the catalog again, as if nobody had picked an area for it.`,
  );
};
