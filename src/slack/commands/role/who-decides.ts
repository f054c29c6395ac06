import { whoDecidesReply } from "../../../messages/who-decides.ts";
import { whoDecides } from "../../../services/who-decides.ts";
import type { SubcommandHandler } from "./types.ts";

export const whoDecidesHandler: SubcommandHandler<"who-decides"> = (command, req) =>
  whoDecidesReply(whoDecides(req.ctx, req.teamId, req.channelId, command.question));
