import { withShareButton } from "../../../messages/share.ts";
import { whoDecidesReply } from "../../../messages/who-decides.ts";
import { whoDecides } from "../../../services/who-decides.ts";
import type { SubcommandHandler } from "./types.ts";

export const whoDecidesHandler: SubcommandHandler<"who-decides"> = (command, req) =>
  withShareButton(whoDecidesReply(whoDecides(req.ctx, req.teamId, req.channelId, command.question)), {
    question: command.question,
  });
