import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { CatalogError } from "../../src/domain/catalog.ts";
import { silentLogger } from "../../src/log.ts";
import { startRolecall } from "../../src/server.ts";

const DEFAULT = readFileSync(new URL("../../catalog/default.yml", import.meta.url), "utf8");

describe("start-up with a broken catalog", () => {
  it("stops before opening anything, with the catalog's one message", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rolecall-catalog-"));
    const catalogPath = join(dir, "catalog.yml");
    // framework-choice is the second area; its decider misspelt.
    const second = DEFAULT.indexOf("  - id: framework-choice");
    const broken =
      DEFAULT.slice(0, second) + DEFAULT.slice(second).replace("decider: tech-lead", "decider: teck-lead");
    writeFileSync(catalogPath, broken);
    const config = loadConfig({
      SLACK_BOT_TOKEN: "xoxb-e2e-token",
      SLACK_SIGNING_SECRET: "e2e-signing-secret",
      PORT: "0",
      DATABASE_PATH: join(dir, "rolecall.db"),
    });

    const started = startRolecall(config, { catalogPath, logger: silentLogger, scheduler: false });

    await expect(started).rejects.toThrow(CatalogError);
    await expect(started).rejects.toThrow(
      `${catalogPath}: area "framework-choice": decider: "teck-lead" is not a role id ` +
        "(use tech-lead, engineering-manager, architect, product-manager)",
    );
    expect(existsSync(join(dir, "rolecall.db"))).toBe(false);
  });
});
