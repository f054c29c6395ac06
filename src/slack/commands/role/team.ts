import { teamReply } from "../../../messages/team.ts";
import { teamOverview } from "../../../services/allocations.ts";
import type { SubcommandHandler } from "./types.ts";

export const team: SubcommandHandler<"team"> = (_command, req) =>
  teamReply(teamOverview(req.ctx, req.teamId, req.channelId), req.channelName);
