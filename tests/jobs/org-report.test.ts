import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { webApi } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { createAppContext } from "../../src/compose.ts";
import type { AppContext } from "../../src/context.ts";
import { runOrgReport } from "../../src/jobs/org-report.ts";
import { silentLogger } from "../../src/log.ts";
import { openDatabase } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrate.ts";
import { buildOrgWorkspace, PRIVATE_LEADS, T } from "../services/org-workspace.ts";

/** A stand-in for the Web API calls a DM makes, recording who was sent what. */
function recordingClient() {
  const sent: { channel: string; text: string; blocks: unknown }[] = [];
  const uploads: { method: string; args: Record<string, unknown> }[] = [];
  const client = {
    // The chart's upload: recorded, then refused (no upload URL), which the DM must survive.
    apiCall: async (method: string, args: Record<string, unknown>) => {
      uploads.push({ method, args });
      return { ok: true };
    },
    conversations: {
      open: async ({ users }: { users: string }) => ({ ok: true, channel: { id: `D-${users}` } }),
    },
    chat: {
      postMessage: async (m: { channel: string; text: string; blocks: unknown }) => {
        sent.push(m);
        return { ok: true, ts: "1.0" };
      },
    },
  } as unknown as webApi.WebClient;
  return { client, sent, uploads };
}

function open(path: string, now: Date): { ctx: AppContext; close: () => void } {
  const db = openDatabase(path);
  migrate(db);
  const ctx = createAppContext(db, { logger: silentLogger, clock: () => now, roleAdmins: ["U0ROOT"] });
  return { ctx, close: () => db.close() };
}

/** Every team's November digest as posted, as the digest job leaves it. */
function settleDigests(ctx: AppContext, at: Date, except?: string): void {
  for (const team of ctx.stores.teams.list(T)) {
    if (team.channelId === except) continue;
    ctx.stores.digests.claim(T, team.channelId, "2026-11", { state: "none" }, at);
    ctx.stores.digests.markPosted(T, team.channelId, "2026-11", "1.0", at);
  }
}

const DUE = new Date("2026-12-01T12:00:00Z"); // Tuesday 1 December, after 10:00 in Berlin

describe("the monthly org report DM", () => {
  it("goes to each rolecall admin once per month, across restarts", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "rc-org-")), "rolecall.db");
    const first = open(path, DUE);
    buildOrgWorkspace(first.ctx);
    first.ctx.stores.admins.add(T, "U0SAM", "U0ROOT", DUE);
    settleDigests(first.ctx, DUE);
    const one = recordingClient();
    await runOrgReport(first.ctx, one.client, DUE);
    await runOrgReport(first.ctx, one.client, new Date("2026-12-01T12:01:00Z"));
    first.close();

    const restarted = open(path, DUE);
    const two = recordingClient();
    await runOrgReport(restarted.ctx, two.client, new Date("2026-12-02T09:00:00Z"));
    restarted.close();

    expect(one.sent.map((m) => m.channel).sort()).toEqual(["D-U0ROOT", "D-U0SAM"]);
    // One chart per DM, asked for after its message; its failed upload does not undo the DM.
    expect(one.uploads.map((u) => [u.method, u.args.filename])).toEqual([
      ["files.getUploadURLExternal", "rolecall-org-2026-11.png"],
      ["files.getUploadURLExternal", "rolecall-org-2026-11.png"],
    ]);
    expect(one.uploads.every((u) => (u.args.length as number) > 1000)).toBe(true);
    for (const id of PRIVATE_LEADS) expect(JSON.stringify(one.uploads)).not.toContain(id);
    expect(two.sent).toEqual([]);
    const text = JSON.stringify(one.sent);
    expect(text).toContain("Org role report — November 2026");
    for (const id of PRIVATE_LEADS) expect(text).not.toContain(id);
  });

  it("waits for every team's digest to settle, and for the first working day", async () => {
    const { ctx, close } = open(":memory:", DUE);
    buildOrgWorkspace(ctx);
    settleDigests(ctx, DUE, "C0LIMA");
    const early = recordingClient();
    await runOrgReport(ctx, early.client, DUE);
    expect(early.sent).toEqual([]); // lima's digest is still owed

    settleDigests(ctx, DUE);
    const beforeDue = recordingClient();
    // 1 December 2026 08:59 in Berlin: the digests are not due yet, so neither is the report.
    await runOrgReport(ctx, beforeDue.client, new Date("2026-12-01T07:59:00Z"));
    expect(beforeDue.sent).toEqual([]);

    const due = recordingClient();
    await runOrgReport(ctx, due.client, DUE);
    expect(due.sent.map((m) => m.channel)).toEqual(["D-U0ROOT"]);
    close();
  });
});
