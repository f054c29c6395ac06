import { fetchSlackUser } from "../../../delivery/slack-users.ts";
import { areasReply } from "../../../messages/areas.ts";
import { isAdmin } from "../../../services/profiles.ts";
import type { SubcommandHandler } from "./types.ts";

export const areas: SubcommandHandler<"areas"> = async (command, req) => {
  const { ctx, teamId, channelId } = req;
  const catalog = ctx.catalogs.get(ctx, teamId).areas;
  const overrides = ctx.stores.overrides.inChannel(teamId, channelId);
  // Group by the decider this channel actually has, so the list matches what who-decides answers.
  const deciderOf = (a: (typeof catalog)[number]) => {
    const o = overrides.get(a.id);
    return o && "role" in o.decider ? o.decider.role : a.decider;
  };
  // What was learned echoes other people's questions, so only admins, who can undo it, see it.
  if (!(await isAdmin(ctx, fetchSlackUser(req.client), teamId, req.userId)))
    return areasReply(catalog, command.page, deciderOf);
  const learned = new Map<string, string[]>();
  for (const l of ctx.stores.learned.list(teamId))
    learned.set(l.areaId, [...(learned.get(l.areaId) ?? []), l.question]);
  if (learned.size === 0) return areasReply(catalog, command.page, deciderOf);
  return areasReply(catalog, command.page, deciderOf, (a) => learned.get(a.id) ?? []);
};
