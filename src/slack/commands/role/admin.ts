import { fetchSlackUser } from "../../../delivery/slack-users.ts";
import { usageOf } from "../../../domain/command.ts";
import { errorReply, infoReply, mentionUser } from "../../../messages/reply.ts";
import { mayAdminister, WHO_CAN_ADMINISTER } from "../../../services/profiles.ts";
import type { SubcommandHandler } from "./types.ts";

export const admin: SubcommandHandler<"admin"> = async (command, req) => {
  const { ctx, teamId, userId } = req;
  if (!(await mayAdminister(ctx, fetchSlackUser(req.client), teamId, userId)))
    return errorReply(WHO_CAN_ADMINISTER, usageOf("admin"));
  if (command.action === "add") {
    const added = ctx.stores.admins.add(teamId, command.userId, userId, ctx.clock());
    return infoReply(
      added
        ? `:white_check_mark: ${mentionUser(command.userId)} is now a rolecall admin.`
        : `${mentionUser(command.userId)} is already a rolecall admin.`,
    );
  }
  if (command.userId === userId) {
    return errorReply("You cannot remove yourself; ask another admin.", usageOf("admin"));
  }
  const removed = ctx.stores.admins.remove(teamId, command.userId);
  return infoReply(
    removed
      ? `${mentionUser(command.userId)} is no longer a rolecall admin.`
      : `${mentionUser(command.userId)} was not on rolecall's admin list (Slack admins and ROLE_ADMINS are admins regardless).`,
  );
};
