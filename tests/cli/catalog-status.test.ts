import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runCli } from "../../src/cli.ts";
import { createAppContext } from "../../src/compose.ts";
import { catalogVersion, shortVersion } from "../../src/domain/catalog-sync.ts";
import { silentLogger } from "../../src/log.ts";
import { loadCatalog } from "../../src/store/catalog-file.ts";
import { openDatabase } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrate.ts";

const NOW = new Date("2026-12-03T09:00:00Z");

describe("rolecall catalog status", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "rc-catalog-status-"));
    const db = openDatabase(join(dir, "rolecall.db"));
    migrate(db);
    const ctx = createAppContext(db, { logger: silentLogger, clock: () => NOW });
    for (const team of ["T0CURRENT", "T0BEHIND"]) ctx.catalogs.get(ctx, team);
    ctx.stores.workspaces.ensure("T0UNUSED", NOW);
    db.prepare("UPDATE catalog_versions SET version = 'an-older-version' WHERE team_id = 'T0BEHIND'").run();
    db.close();
    vi.stubEnv("DATABASE_PATH", join(dir, "rolecall.db"));
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (args: string[]) => {
    const out: string[] = [];
    const code = await runCli(args, { stdin: process.stdin, write: (s: string) => void out.push(s) });
    return { code, out: out.join("") };
  };

  it("lists each workspace with a catalog copy, its version and whether it is current", async () => {
    const { code, out } = await run(["catalog", "status"]);
    expect(code).toBe(0);
    const version = shortVersion(catalogVersion(loadCatalog()));
    expect(out.split("\n")).toEqual([
      `default catalog ${version} (${loadCatalog().length} areas)`,
      "T0BEHIND\tan-older-ver\tbehind: brought up to date when the bot next starts\tsynced 2026-12-03T09:00:00.000Z",
      `T0CURRENT\t${version}\tcurrent\tsynced 2026-12-03T09:00:00.000Z`,
      "",
    ]);
  });

  it("names its one subcommand when given another", async () => {
    await expect(run(["catalog", "sync"])).rejects.toThrow("Usage: rolecall catalog status");
  });
});
