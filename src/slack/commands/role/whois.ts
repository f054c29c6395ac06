import { whoisReply } from "../../../messages/whois.ts";
import { personSplit, recentWeeks } from "../../../services/allocations.ts";
import { isAdmin } from "../../../services/profiles.ts";
import { workspaceToday } from "../../../services/today.ts";
import type { SubcommandHandler } from "./types.ts";

const RECENT_WEEKS = 4;

export const whois: SubcommandHandler<"whois"> = async (command, req) => {
  const { ctx, teamId, userId } = req;
  const person = personSplit(ctx, teamId, command.userId, workspaceToday(ctx, teamId));
  // A lead who keeps their digest figures private keeps their weekly answers private too.
  const hidden =
    ctx.stores.people.get(teamId, command.userId)?.digestPrivate === true &&
    command.userId !== userId &&
    !(await isAdmin(ctx, req.client, teamId, userId));
  const weeks = hidden ? undefined : recentWeeks(ctx, teamId, command.userId, RECENT_WEEKS);
  return whoisReply({ userId: command.userId, person, weeks });
};
