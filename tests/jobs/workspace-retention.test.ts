import { describe, expect, it } from "vitest";
import { createAppContext } from "../../src/compose.ts";
import { workspaceRetentionJob } from "../../src/jobs/workspace-retention.ts";
import { silentLogger } from "../../src/log.ts";
import { openDatabase } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrate.ts";

const install = (teamId: string) => ({
  teamId,
  enterpriseId: undefined,
  teamName: undefined,
  appId: undefined,
  botToken: `xoxb-${teamId}`,
  botUserId: `UBOT${teamId}`,
  botId: `B${teamId}`,
  scopes: ["commands"],
  installerUserId: "U0INSTALLER",
  tokenExpiresAt: undefined,
  refreshToken: undefined,
});

describe("workspaceRetentionJob", () => {
  it("purges a workspace once it has been uninstalled longer than the retention, and no other", async () => {
    const db = openDatabase(":memory:");
    migrate(db);
    const uninstalledAt = new Date("2026-11-01T09:00:00Z");
    const ctx = createAppContext(db, { logger: silentLogger, clock: () => uninstalledAt });
    for (const teamId of ["T0GONE", "T0STAYS"]) {
      ctx.stores.installations.save(install(teamId), uninstalledAt);
      ctx.stores.workspaces.ensure(teamId, uninstalledAt);
    }
    ctx.stores.installations.markUninstalled("T0GONE", uninstalledAt);
    const job = workspaceRetentionJob(ctx, 30);

    expect(await job.run(new Date("2026-12-01T08:59:00Z"))).toEqual([]);
    expect(ctx.stores.workspaces.get("T0GONE")).toBeDefined();

    expect(await job.run(new Date("2026-12-01T09:01:00Z"))).toEqual(["T0GONE"]);
    expect(ctx.stores.workspaces.get("T0GONE")).toBeUndefined();
    expect(ctx.stores.installations.list().map((i) => i.teamId)).toEqual(["T0STAYS"]);
    expect(ctx.stores.workspaces.get("T0STAYS")).toBeDefined();

    // Coming back after the purge starts from a new workspace row.
    expect(ctx.stores.workspaces.ensure("T0GONE", new Date("2026-12-02T00:00:00Z"))).toBe(true);
    db.close();
  });
});
