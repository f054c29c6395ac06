import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { CatalogError } from "../../src/domain/catalog.ts";
import { silentLogger } from "../../src/log.ts";
import { startRolecall } from "../../src/server.ts";

const EXAMPLES = readFileSync(new URL("../../catalog/examples.yml", import.meta.url), "utf8");

describe("start-up with broken example questions", () => {
  it("stops before opening anything, naming the area and the entry", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rolecall-examples-"));
    const examplesPath = join(dir, "examples.yml");
    // The second area's examples filed under an id the catalog does not have.
    writeFileSync(examplesPath, EXAMPLES.replace("\n  framework-choice:\n", "\n  framework-choise:\n"));
    const config = loadConfig({
      SLACK_BOT_TOKEN: "xoxb-e2e-token",
      SLACK_SIGNING_SECRET: "e2e-signing-secret",
      PORT: "0",
      DATABASE_PATH: join(dir, "rolecall.db"),
    });

    const started = startRolecall(config, { examplesPath, logger: silentLogger, scheduler: false });

    await expect(started).rejects.toThrow(CatalogError);
    await expect(started).rejects.toThrow(
      `${examplesPath}: area "framework-choise": not an area of the default catalog`,
    );
    expect(existsSync(join(dir, "rolecall.db"))).toBe(false);
  });
});
