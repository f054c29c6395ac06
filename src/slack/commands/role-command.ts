import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { AppContext } from "../../context.ts";
import { type Command, parseCommand } from "../../domain/command.ts";
import { decodeSlackEntities } from "../../domain/slack-text.ts";
import { errorReply, escapeMrkdwn, infoReply, type Reply } from "../blocks/reply.ts";
import { subcommandHandlers } from "./role/index.ts";
import type { RoleRequest, SubcommandHandler } from "./role/types.ts";

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

const WORKING = infoReply(":hourglass_flowing_sand: Working on it…");
const FAILED = infoReply(
  ":x: Something went wrong on rolecall's side and nothing was changed. Please try again in a minute.",
);

// What Slack sends as channel_name where a conversation has no name of its own: not a team name.
const PLACEHOLDER_NAMES = new Set(["directmessage", "privategroup"]);

/**
 * The /role router. Fast answers travel in the ack itself; anything slower than the ack budget
 * is acked with "working on it" and answered through response_url, so Slack's 3 s never lapses.
 */
export function roleCommand(ctx: AppContext) {
  return async ({ command, ack, respond, client }: Args): Promise<void> => {
    const req: RoleRequest = {
      ctx,
      client,
      teamId: command.team_id,
      channelId: command.channel_id,
      channelName: PLACEHOLDER_NAMES.has(command.channel_name) ? undefined : command.channel_name,
      userId: command.user_id,
    };
    const work = roleReply(command.text ?? "", req);
    const first = await withinBudget(work, ctx.ackBudgetMs);
    if (first) {
      await ack(toResponse(first));
      return;
    }
    await ack(toResponse(WORKING));
    const reply = await work;
    try {
      await respond({ ...toResponse(reply), replace_original: true });
    } catch (err) {
      ctx.logger.error("Could not deliver a slow /role answer through response_url", err);
    }
  };
}

/**
 * What `/role <text>` answers, from the text exactly as Slack sent it. Entities are decoded here,
 * once, so parsing, matching and every echo see what the person typed.
 */
export function roleReply(slackText: string, req: RoleRequest): Promise<Reply> {
  const parsed = parseCommand(decodeSlackEntities(slackText));
  // Parse errors are plain text quoting what was typed: escaped whole, they echo it inertly.
  if (!parsed.ok) return Promise.resolve(errorReply(escapeMrkdwn(parsed.error), parsed.usage));
  return run(parsed.command, req);
}

async function run(command: Command, req: RoleRequest): Promise<Reply> {
  req.ctx.stores.workspaces.ensure(req.teamId, req.ctx.clock());
  const handler = subcommandHandlers[command.kind] as SubcommandHandler<typeof command.kind>;
  try {
    return await handler(command as never, req);
  } catch (err) {
    req.ctx.logger.error(`/role ${command.kind} failed`, err);
    return FAILED;
  }
}

function toResponse(reply: Reply) {
  return {
    response_type: reply.visibility ?? "ephemeral",
    text: reply.text,
    ...(reply.blocks ? { blocks: reply.blocks } : {}),
  } as const;
}

/** The answer if it comes within `ms`, else undefined. The timer is cleared as soon as the answer
 * comes, so a busy bot does not hold every answer (and a timer) for the whole budget. */
function withinBudget<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms).unref();
  });
  return Promise.race([work, budget]).finally(() => clearTimeout(timer));
}
