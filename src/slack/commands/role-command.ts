import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { AppContext } from "../../context.ts";
import { type Command, parseCommand } from "../../domain/command.ts";
import { errorReply, infoReply, type Reply } from "../../messages/reply.ts";
import type { RoleOutcome } from "../../metrics.ts";
import { isSlackUnreachable } from "../../slack-errors.ts";
import { subcommandHandlers } from "./role/index.ts";
import type { RoleRequest, SubcommandHandler } from "./role/types.ts";

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

const WORKING = infoReply(":hourglass_flowing_sand: Working on it…");
const FAILED = infoReply(
  ":x: Something went wrong on rolecall's side and nothing was changed. Please try again in a minute.",
);
const SLACK_UNREACHABLE = infoReply(
  ":electric_plug: rolecall can't reach Slack right now, and this command needs it. Nothing was changed; please try again in a few minutes. Commands that only read rolecall's own data (`help`, `who-decides`, `areas`, `team`, `whois`) still work.",
);

// What Slack sends as channel_name where a conversation has no name of its own: not a team name.
const PLACEHOLDER_NAMES = new Set(["directmessage", "privategroup"]);

/**
 * The /role router. Fast answers travel in the ack itself; anything slower than the ack budget
 * is acked with "working on it" and answered through response_url, so Slack's 3 s never lapses.
 */
export function roleCommand(ctx: AppContext) {
  return async ({ command, ack, respond, client }: Args): Promise<void> => {
    // A monotonic clock for a duration measurement only; no answer depends on it.
    const receivedAt = performance.now();
    const parsed = parseCommand(command.text ?? "");
    const subcommand = parsed.ok ? parsed.value.kind : "unparsed";
    const acked = async (reply: Reply): Promise<void> => {
      await ack(toResponse(reply));
      ctx.metrics.roleAckSeconds.observe({ subcommand }, (performance.now() - receivedAt) / 1000);
    };
    if (!parsed.ok) {
      ctx.metrics.roleRequests.inc({ subcommand, outcome: "refused" });
      await acked(errorReply(parsed.error, parsed.usage));
      return;
    }
    const req: RoleRequest = {
      ctx,
      client,
      teamId: command.team_id,
      channelId: command.channel_id,
      channelName: PLACEHOLDER_NAMES.has(command.channel_name) ? undefined : command.channel_name,
      userId: command.user_id,
    };
    const work = run(parsed.value, req).then(({ reply, outcome }) => {
      ctx.metrics.roleRequests.inc({ subcommand, outcome });
      return reply;
    });
    const first = await withinBudget(work, ctx.ackBudgetMs);
    if (first) {
      await acked(first);
      return;
    }
    await acked(WORKING);
    const reply = await work;
    try {
      await respond({ ...toResponse(reply), replace_original: true });
    } catch (err) {
      ctx.logger.error("Could not deliver a slow /role answer through response_url", err);
    }
  };
}

async function run(command: Command, req: RoleRequest): Promise<{ reply: Reply; outcome: RoleOutcome }> {
  req.ctx.stores.workspaces.ensure(req.teamId, req.ctx.clock());
  const handler = subcommandHandlers[command.kind] as SubcommandHandler<typeof command.kind>;
  try {
    const reply = await handler(command as never, req);
    return { reply, outcome: reply.refused ? "refused" : "ok" };
  } catch (err) {
    if (isSlackUnreachable(err)) {
      // Expected during a Slack outage: one line, no stack.
      req.ctx.logger.warn(`/role ${command.kind} needs Slack, which cannot be reached: ${String(err)}`);
      return { reply: SLACK_UNREACHABLE, outcome: "slack_unreachable" };
    }
    req.ctx.logger.error(`/role ${command.kind} failed`, err);
    return { reply: FAILED, outcome: "error" };
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
