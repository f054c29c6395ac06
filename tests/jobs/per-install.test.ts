import { webApi } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { createAppContext } from "../../src/compose.ts";
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
    expect(jobs.map((j) => j.name)).toEqual(["monthly-digest", "weekly-checkin"]);

    for (const job of jobs) await job.run(now);
    expect(tokens).toEqual(["xoxb-a", "xoxb-b"]);

    ctx.stores.installations.save(install("T0B", "xoxb-b2"), now);
    ctx.stores.installations.markUninstalled("T0A", now);
    for (const job of jobs) await job.run(now);
    expect(tokens).toEqual(["xoxb-a", "xoxb-b", "xoxb-b2"]);
    db.close();
  });
});
