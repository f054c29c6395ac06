import { roleLabel } from "../../../domain/roles.ts";
import { workspaceToday } from "../../../services/today.ts";
import { mentionUser, type Reply, section } from "../../blocks/reply.ts";
import type { SubcommandHandler } from "./types.ts";

export const whois: SubcommandHandler<"whois"> = (command, req): Reply => {
  const { ctx, teamId } = req;
  const hats = ctx.stores.hats.ofUser(teamId, command.userId, workspaceToday(ctx, teamId));
  const who = mentionUser(command.userId);
  if (!hats.length)
    return { text: `${who} wears no hats yet.`, blocks: [section(`${who} wears no hats on any team yet.`)] };
  const lines = hats.map((h) => `• *${roleLabel(h.role)}* in <#${h.channelId}>`);
  return {
    text: `${who} wears ${hats.length} hat(s)`,
    blocks: [section(`${who} wears:\n${lines.join("\n")}`)],
  };
};
