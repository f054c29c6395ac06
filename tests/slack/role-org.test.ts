import type { webApi } from "@slack/bolt";
import { beforeEach, describe, expect, it } from "vitest";
import { createAppContext } from "../../src/compose.ts";
import type { AppContext } from "../../src/context.ts";
import { parseCommand } from "../../src/domain/command.ts";
import { silentLogger } from "../../src/log.ts";
import { org } from "../../src/slack/commands/role/org.ts";
import { openDatabase } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrate.ts";
import { buildOrgWorkspace, PRIVATE_LEADS, T } from "../services/org-workspace.ts";

const NOW = new Date("2026-12-03T12:00:00Z");
let ctx: AppContext;

/** users.info answering that nobody is a Slack workspace admin. */
const client = {
  users: { info: async ({ user }: { user: string }) => ({ ok: true, user: { id: user, is_admin: false } }) },
} as unknown as webApi.WebClient;

function ask(userId: string, text: string) {
  const parsed = parseCommand(text);
  if (!parsed.ok || parsed.value.kind !== "org") throw new Error(`not an org command: ${text}`);
  return org(parsed.value, { ctx, client, teamId: T, channelId: "C0ALPHA", channelName: "alpha", userId });
}

beforeEach(() => {
  const db = openDatabase(":memory:");
  migrate(db);
  ctx = createAppContext(db, { logger: silentLogger, clock: () => NOW, roleAdmins: ["U0ROOT"] });
  buildOrgWorkspace(ctx);
});

describe("/role org", () => {
  it("refuses someone who is not a rolecall admin, saying why", async () => {
    const reply = await ask("U0A1", "org 2026-11");
    expect(reply.refused).toBe(true);
    expect(reply.text).toContain("Only rolecall admins can do that");
    expect(JSON.stringify(reply)).not.toContain("Org role report");
  });

  it("shows an admin last month's report, only to them, with no private lead in it", async () => {
    const reply = await ask("U0ROOT", "org");
    expect(reply.refused).toBeUndefined();
    expect(reply.visibility).toBe("ephemeral");
    expect(reply.text).toBe("Org role report — November 2026: 10 findings.");
    for (const id of PRIVATE_LEADS) expect(JSON.stringify(reply)).not.toContain(id);
  });

  it("refuses a month not started yet", async () => {
    const reply = await ask("U0ROOT", "org 2027-01");
    expect(reply.refused).toBe(true);
  });
});
