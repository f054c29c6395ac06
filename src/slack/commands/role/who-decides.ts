import { withDidYouMean } from "../../../messages/did-you-mean.ts";
import { whoDecidesReply } from "../../../messages/who-decides.ts";
import { didYouMeanChoices } from "../../../services/did-you-mean.ts";
import { whoDecides } from "../../../services/who-decides.ts";
import type { SubcommandHandler } from "./types.ts";

export const whoDecidesHandler: SubcommandHandler<"who-decides"> = async (command, req) => {
  const answer = whoDecides(req.ctx, req.teamId, req.channelId, command.question);
  // An abstention offers its closest areas as buttons rather than leaving the asker at a dead end.
  return withDidYouMean(
    whoDecidesReply(answer),
    await didYouMeanChoices(req.ctx, req.client, req.teamId, req.channelId, answer),
    {
      question: command.question,
      askerId: req.userId,
      channelId: req.channelId,
    },
  );
};
