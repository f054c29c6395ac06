import { webApi } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { createAppContext } from "../../src/compose.ts";
import { TokenRefreshError } from "../../src/delivery/token-rotation.ts";
import { perInstallJobs } from "../../src/jobs/per-install.ts";
import { silentLogger } from "../../src/log.ts";
import { openDatabase } from "../../src/store/db.ts";
import type { InstallationRecord } from "../../src/store/installations.ts";
import { migrate } from "../../src/store/migrate.ts";

const install = (teamId: string, botToken: string): InstallationRecord => ({
  teamId,
  enterpriseId: undefined,
  teamName: undefined,
  appId: undefined,
  botToken,
  botUserId: `UBOT${teamId}`,
  botId: `B${teamId}`,
  scopes: ["commands"],
  installerUserId: "U0INSTALLER",
  tokenExpiresAt: undefined,
  refreshToken: undefined,
});

describe("perInstallJobs", () => {
  it("runs each installed workspace's jobs with its own token, rebuilt only when the token changes", async () => {
    const db = openDatabase(":memory:");
    migrate(db);
    const now = new Date("2026-11-23T12:00:00Z");
    const ctx = createAppContext(db, { logger: silentLogger, clock: () => now });
    ctx.stores.installations.save(install("T0A", "xoxb-a"), now);
    ctx.stores.installations.save(install("T0B", "xoxb-b"), now);
    const tokens: string[] = [];
    const jobs = perInstallJobs(ctx, (token) => {
      tokens.push(token);
      // Never called: neither workspace has a lead, so nothing is owed.
      return new webApi.WebClient(token, { slackApiUrl: "http://127.0.0.1:9/api/" });
    });
    expect(jobs.map((j) => j.name)).toEqual(["per-workspace"]);

    for (const job of jobs) await job.run(now);
    expect(tokens).toEqual(["xoxb-a", "xoxb-b"]);

    ctx.stores.installations.save(install("T0B", "xoxb-b2"), now);
    ctx.stores.installations.markUninstalled("T0A", now);
    for (const job of jobs) await job.run(now);
    expect(tokens).toEqual(["xoxb-a", "xoxb-b", "xoxb-b2"]);
    db.close();
  });

  it("skips a workspace whose token cannot be refreshed, logs it once, and runs the others", async () => {
    const db = openDatabase(":memory:");
    migrate(db);
    const now = new Date("2026-11-23T12:00:00Z");
    const errors: string[] = [];
    const logger = { ...silentLogger, error: (m: unknown) => errors.push(String(m)) };
    const ctx = createAppContext(db, { logger, clock: () => now });
    ctx.stores.installations.save(install("T0A", "xoxb-a"), now);
    ctx.stores.installations.save(install("T0B", "xoxb-b"), now);
    const tokens: string[] = [];
    const [job] = perInstallJobs(
      ctx,
      (token) => {
        tokens.push(token);
        return new webApi.WebClient(token, { slackApiUrl: "http://127.0.0.1:9/api/" });
      },
      {
        botToken: async (i) => {
          if (i.teamId === "T0A") throw new TokenRefreshError("T0A", "invalid_refresh_token");
          return i.botToken;
        },
      },
    );
    const first = await job?.run(now);
    await job?.run(now);
    expect(first).toEqual([
      { teamId: "T0A", skipped: "invalid_refresh_token" },
      { teamId: "T0B", results: [[], expect.objectContaining({ leads: 0 })] },
    ]);
    expect(tokens).toEqual(["xoxb-b"]);
    // T0B has never been set up (no workspace row), so its own jobs log their failures: not T0A's business.
    expect(errors.filter((e) => e.includes("T0A"))).toEqual([
      "Workspace T0A: its bot token could not be refreshed (invalid_refresh_token); its scheduled jobs are skipped until it can be",
    ]);
    db.close();
  });
});
