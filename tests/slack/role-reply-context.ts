import type { webApi } from "@slack/bolt";
import { createAppContext } from "../../src/compose.ts";
import type { AppContext } from "../../src/context.ts";
import { silentLogger } from "../../src/log.ts";
import type { Reply } from "../../src/messages/reply.ts";
import { roleReply } from "../../src/slack/commands/role-command.ts";
import { openDatabase } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrate.ts";

export const TEAM = "T0ACME";
export const CHANNEL = "C0TEAM";
export const ADMIN = "U0ADMIN";
export const SLACK_ADMIN = "U0OWNER";

/**
 * The few Web API calls /role handlers make, answered as Slack would for ordinary people (no time
 * zone, not admins) except `SLACK_ADMIN`, a Slack workspace admin. No network.
 */
export function stubClient(): webApi.WebClient {
  const ok = async () => ({ ok: true });
  return {
    users: {
      info: async ({ user }: { user: string }) => ({
        ok: true,
        user: { id: user, name: user.toLowerCase(), tz: "Europe/Paris", is_admin: user === SLACK_ADMIN },
      }),
    },
    conversations: {
      members: async () => ({ ok: true, members: [], response_metadata: { next_cursor: "" } }),
      open: async () => ({ ok: true, channel: { id: "D0DM" } }),
    },
    chat: { postMessage: async () => ({ ok: true, ts: "1.000001" }), update: ok, postEphemeral: ok },
    views: { publish: ok, open: ok },
  } as unknown as webApi.WebClient;
}

/** A fresh in-memory workspace and a way to run `/role <text>` through the router's real path. */
export function roleWorkspace(now = "2026-11-23T12:00:00Z") {
  const db = openDatabase(":memory:");
  migrate(db);
  let clock = new Date(now);
  const ctx: AppContext = createAppContext(db, {
    logger: silentLogger,
    clock: () => clock,
    roleAdmins: [ADMIN],
  });
  const client = stubClient();
  return {
    ctx,
    db,
    client,
    setNow(t: string) {
      clock = new Date(t);
    },
    /** `/role <slackText>` as Slack would send it, from `userId` in `channelId`. */
    run(slackText: string, userId: string, channelId = CHANNEL): Promise<Reply> {
      return roleReply(slackText, {
        ctx,
        client,
        teamId: TEAM,
        channelId,
        channelName: "team",
        userId,
      });
    },
  };
}

/** Every string a person could read in a reply: the fallback text and each block's text, recursively. */
export function replyStrings(reply: { text?: string; blocks?: unknown[] }): string[] {
  const out: string[] = [];
  if (reply.text !== undefined) out.push(reply.text);
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      for (const [k, v] of Object.entries(node)) {
        if (k === "text" && typeof v === "string") out.push(v);
        else walk(v);
      }
    }
  };
  walk(reply.blocks ?? []);
  return out;
}
