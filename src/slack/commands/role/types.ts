import type { webApi } from "@slack/bolt";
import type { AppContext } from "../../../context.ts";
import type { Command } from "../../../domain/command.ts";
import type { Reply } from "../../../messages/reply.ts";

/** Who asked, where, and how to reach Slack: everything a subcommand needs besides its arguments. */
export type RoleRequest = {
  ctx: AppContext;
  client: webApi.WebClient;
  teamId: string;
  channelId: string;
  channelName: string | undefined;
  userId: string;
};

export type SubcommandHandler<K extends Command["kind"]> = (
  command: Extract<Command, { kind: K }>,
  req: RoleRequest,
) => Reply | Promise<Reply>;

export type SubcommandHandlers = { [K in Command["kind"]]: SubcommandHandler<K> };
