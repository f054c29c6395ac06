import { areasReply } from "../../../messages/areas.ts";
import type { SubcommandHandler } from "./types.ts";

export const areas: SubcommandHandler<"areas"> = (command, req) => {
  const { ctx, teamId, channelId } = req;
  const catalog = ctx.catalogs.get(ctx, teamId).areas;
  const overrides = ctx.stores.overrides.inChannel(teamId, channelId);
  // Group by the decider this channel actually has, so the list matches what who-decides answers.
  const deciderOf = (a: (typeof catalog)[number]) => {
    const o = overrides.get(a.id);
    return o && "role" in o.decider ? o.decider.role : a.decider;
  };
  return areasReply(catalog, command.page, deciderOf);
};
