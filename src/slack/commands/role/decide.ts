import { fetchSlackUser } from "../../../delivery/slack-users.ts";
import { usageOf } from "../../../domain/command.ts";
import { roleLabel } from "../../../domain/roles.ts";
import { errorReply, escapeMrkdwn, infoReply, mentionUser } from "../../../messages/reply.ts";
import { setDecider } from "../../../services/decide.ts";
import { mayAdminister, WHO_CAN_ADMINISTER } from "../../../services/profiles.ts";
import type { SubcommandHandler } from "./types.ts";

export const decide: SubcommandHandler<"decide"> = async (command, req) => {
  const { ctx, teamId, channelId, userId } = req;
  if (!(await mayAdminister(ctx, fetchSlackUser(req.client), teamId, userId)))
    return errorReply(WHO_CAN_ADMINISTER, usageOf("decide"));
  const result = setDecider(ctx, {
    teamId,
    channelId,
    channelName: req.channelName,
    title: command.area,
    decider: command.decider,
    by: userId,
  });
  // The error quotes the title as typed; escaped, it cannot ping a channel or forge a link.
  if (!result.ok) return errorReply(escapeMrkdwn(result.error), usageOf("decide"));
  const who =
    "userId" in command.decider
      ? mentionUser(command.decider.userId)
      : `the *${roleLabel(command.decider.role)}*`;
  const title = `*${escapeMrkdwn(result.area.title)}*`;
  return infoReply(
    result.created
      ? `:sparkles: Added the custom area ${title} (decided by ${roleLabel(result.area.decider)}); on this channel ${who} decides it. Keywords: ${result.area.keywords.map((k) => `_${escapeMrkdwn(k)}_`).join(", ")}.`
      : `:white_check_mark: On this channel, ${who} now decides ${title}. Other channels keep their own decider.`,
  );
};
