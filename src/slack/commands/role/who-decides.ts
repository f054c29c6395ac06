import { fetchSlackUser } from "../../../delivery/slack-users.ts";
import { withDidYouMean } from "../../../messages/did-you-mean.ts";
import { withShareButton } from "../../../messages/share.ts";
import { whoDecidesReply } from "../../../messages/who-decides.ts";
import { didYouMeanChoices } from "../../../services/did-you-mean.ts";
import { whoDecides } from "../../../services/who-decides.ts";
import type { SubcommandHandler } from "./types.ts";

export const whoDecidesHandler: SubcommandHandler<"who-decides"> = async (command, req) => {
  const answer = whoDecides(req.ctx, req.teamId, req.channelId, command.question);
  // An answer can be shared with the channel; an abstention instead offers its closest areas as
  // buttons (whose answer, once picked, can be shared) rather than leaving the asker at a dead end.
  if (answer.area) return withShareButton(whoDecidesReply(answer), { question: command.question });
  return withDidYouMean(
    whoDecidesReply(answer),
    await didYouMeanChoices(req.ctx, fetchSlackUser(req.client), req.teamId, answer),
    { question: command.question, askerId: req.userId, channelId: req.channelId },
  );
};
