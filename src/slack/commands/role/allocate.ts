import { fetchSlackUser } from "../../../delivery/slack-users.ts";
import { usageOf } from "../../../domain/command.ts";
import { errorReply, mentionUser, type Reply, section } from "../../../messages/reply.ts";
import { splitBar, splitText } from "../../../messages/split.ts";
import { setAllocation } from "../../../services/allocations.ts";
import { mayAdminister } from "../../../services/profiles.ts";
import type { SubcommandHandler } from "./types.ts";

export const NOT_YOURS =
  "Only rolecall admins can set someone else's split. You can set your own: `/role allocate @you tech-lead=60 engineering-manager=40`.";

export const allocate: SubcommandHandler<"allocate"> = async (command, req): Promise<Reply> => {
  const { ctx, teamId, userId } = req;
  if (command.userId !== userId && !(await mayAdminister(ctx, fetchSlackUser(req.client), teamId, userId)))
    return errorReply(NOT_YOURS, usageOf("allocate"));
  const who = mentionUser(command.userId);
  const result = setAllocation(ctx, {
    teamId,
    userId: command.userId,
    by: userId,
    who,
    parts: command.parts,
    from: command.from,
  });
  if (!result.ok) return errorReply(result.error, usageOf("allocate"));
  const stated = `${splitBar(result.split)} *${splitText(result.split)}*`;
  const lines: string[] = [];
  if (result.outcome === "unchanged") {
    lines.push(`${who}'s split from ${result.effectiveDate} is already ${stated}; nothing changed.`);
  } else if (result.scheduled) {
    lines.push(`:calendar: Scheduled: from *${result.effectiveDate}*, ${who}'s split will be ${stated}.`);
    lines.push(
      result.previous
        ? `Until then it stays ${splitText(result.previous)}.`
        : "Until then no split is stated.",
    );
  } else {
    lines.push(`:white_check_mark: From today (${result.effectiveDate}), ${who}'s split is ${stated}.`);
    if (result.previous) lines.push(`It was ${splitText(result.previous)}; past weeks keep that split.`);
  }
  if (result.later) {
    lines.push(
      `A change already scheduled from ${result.later.effectiveDate} (${splitText(result.later.split)}) still takes over then.`,
    );
  }
  return { text: lines.join(" "), blocks: [section(lines.join("\n"))] };
};
