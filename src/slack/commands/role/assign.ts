import { fetchSlackUser } from "../../../delivery/slack-users.ts";
import { usageOf } from "../../../domain/command.ts";
import { roleLabel } from "../../../domain/roles.ts";
import { errorReply, infoReply, mentionUser } from "../../../messages/reply.ts";
import { changeHat } from "../../../services/hats.ts";
import { mayAdminister, WHO_CAN_ADMINISTER } from "../../../services/profiles.ts";
import type { SubcommandHandler } from "./types.ts";

export const assign: SubcommandHandler<"assign" | "unassign"> = async (command, req) => {
  const { ctx, teamId, channelId, userId } = req;
  if (!(await mayAdminister(ctx, fetchSlackUser(req.client), teamId, userId)))
    return errorReply(WHO_CAN_ADMINISTER, usageOf(command.kind));
  const outcome = changeHat(ctx, {
    teamId,
    channelId,
    channelName: req.channelName,
    userId: command.userId,
    role: command.role,
    action: command.kind,
    by: userId,
  });
  const who = mentionUser(command.userId);
  const role = roleLabel(command.role);
  if (command.kind === "assign") {
    return infoReply(
      outcome === "changed"
        ? `:white_check_mark: ${who} is now *${role}* on this channel's team.`
        : `${who} already wears the *${role}* hat on this team; nothing changed.`,
    );
  }
  return infoReply(
    outcome === "changed"
      ? `:white_check_mark: ${who} no longer wears the *${role}* hat on this team.`
      : `${who} doesn't wear the *${role}* hat on this team; nothing changed.`,
  );
};
