import { whoisReply } from "../../../messages/whois.ts";
import { figuresPrivate, personSplit, recentWeeks } from "../../../services/allocations.ts";
import { workspaceToday } from "../../../services/today.ts";
import type { SubcommandHandler } from "./types.ts";

const RECENT_WEEKS = 4;

export const whois: SubcommandHandler<"whois"> = (command, req) => {
  const { ctx, teamId, userId } = req;
  const person = personSplit(ctx, teamId, command.userId, workspaceToday(ctx, teamId));
  // Private figures are private from everyone else, admins included: the docs promise it.
  const hidden = figuresPrivate(ctx, teamId, command.userId) && command.userId !== userId;
  const weeks = hidden ? undefined : recentWeeks(ctx, teamId, command.userId, RECENT_WEEKS);
  return whoisReply({ userId: command.userId, person, weeks });
};
