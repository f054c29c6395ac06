import { digestSlackReads } from "../../../delivery/digest-slack-reads.ts";
import { usageOf } from "../../../domain/command.ts";
import { MIN_AGGREGATE_SIZE } from "../../../domain/digest.ts";
import { DEFAULT_DIGEST_TIME } from "../../../domain/digest-schedule.ts";
import { monthLabel } from "../../../domain/digest-text.ts";
import {
  digestDueInstant,
  isLocalTime,
  localDateTimeIn,
  monthAt,
  nextMonth,
  previousMonth,
  resolveTimeZone,
} from "../../../domain/time.ts";
import { digestMessage, leadBlock, mentionName } from "../../../messages/digest.ts";
import { type Block, divider, errorReply, infoReply, type Reply, section } from "../../../messages/reply.ts";
import { buildTeamDigest, digestFindings, EARLIEST_DIGEST_MONTH } from "../../../services/digest.ts";
import type { RoleRequest, SubcommandHandler } from "./types.ts";

export const digest: SubcommandHandler<"digest"> = (command, req) => {
  if (command.action === "preview") return preview(command.month, req);
  return setPrivacy(command.action === "private", req);
};

function setPrivacy(makePrivate: boolean, req: RoleRequest): Reply {
  const { ctx, teamId, userId } = req;
  const was = ctx.stores.people.get(teamId, userId)?.digestPrivate ?? false;
  if (was === makePrivate) {
    return infoReply(
      makePrivate
        ? "Your drift figures are already private; nothing changed. `/role digest public` shows them again."
        : "Your drift figures are already public; nothing changed. `/role digest private` keeps them out of team channels.",
    );
  }
  ctx.stores.people.setDigestPrivate(teamId, userId, makePrivate);
  return infoReply(
    makePrivate
      ? `:lock: Your drift figures are now private, from the next digest on. Team channels show them only inside an average of private leads, and only when at least ${MIN_AGGREGATE_SIZE} leads on the team are private; you get your own figures by DM when the digest posts. \`/role digest public\` undoes this.`
      : ":white_check_mark: Your drift figures are public again: the next digest shows them in your team channels. `/role digest private` hides them.",
  );
}

async function preview(requested: string | undefined, req: RoleRequest): Promise<Reply> {
  const { ctx, teamId, channelId, userId } = req;
  const ws = ctx.stores.workspaces.get(teamId);
  const tz = resolveTimeZone(ws?.timezone);
  const now = ctx.clock();
  const current = monthAt(now, tz);
  const month = requested ?? previousMonth(current);
  if (month > current) {
    return errorReply(
      `${monthLabel(month)} has not started yet: preview this month (${current}) or an earlier one.`,
      usageOf("digest"),
    );
  }
  if (month < EARLIEST_DIGEST_MONTH) {
    return errorReply(
      `rolecall has nothing before ${monthLabel(EARLIEST_DIGEST_MONTH)}: preview that month or a later one.`,
      usageOf("digest"),
    );
  }
  const built = await buildTeamDigest(ctx, {
    teamId,
    channelId,
    month,
    asOf: localDateTimeIn(now, tz).date,
    slack: digestSlackReads(ctx, req.client, teamId),
  });
  if (built.digest.leads.length === 0) {
    return infoReply(
      `No hybrid lead had a check-in week on this channel's team in ${monthLabel(month)}, so there is no digest to preview. A hybrid lead wears two hats on the team (e.g. \`/role assign @user tech-lead\` and \`/role assign @user engineering-manager\`).`,
    );
  }
  const trailer: Block[] = [];
  const own = built.digest.leads.find((l) => l.userId === userId && l.isPrivate);
  if (own) {
    trailer.push(
      divider,
      section(":lock: *Your own figures* — private: the channel does not show them, only you see this."),
      leadBlock(own, built.digest.thresholdPp, "*You*"),
    );
  }
  const message = digestMessage(built, {
    findings: digestFindings(built, mentionName),
    chart: "preview",
    banner: [`:eyes: Preview, only visible to you. ${whenPosted(req, month, tz, ws?.digestTime)}`],
    trailer,
  });
  return { text: `Preview: ${message.text}`, blocks: message.blocks };
}

function whenPosted(req: RoleRequest, month: string, tz: string, digestTime: string | undefined): string {
  const { ctx, teamId, channelId } = req;
  const team = ctx.stores.teams.get(teamId, channelId);
  const where = `<#${team?.digestChannelId ?? channelId}>`;
  const post = ctx.stores.digests.get(teamId, channelId, month);
  if (post?.state === "posted" && post.postedAt) {
    return `Posted to ${where} on ${post.postedAt.slice(0, 10)}; this preview uses today's answers.`;
  }
  if (post?.state === "failed")
    return `Posting to ${where} failed (${post.lastError ?? "unknown error"}); it is retried.`;
  const time = digestTime && isLocalTime(digestTime) ? digestTime : DEFAULT_DIGEST_TIME;
  const due = digestDueInstant(nextMonth(month), time, tz);
  if (due.getTime() > ctx.clock().getTime()) {
    const local = localDateTimeIn(due, tz);
    return `Posts to ${where} on ${local.date} at ${local.time} (${tz}).`;
  }
  return `Posts to ${where}.`;
}
