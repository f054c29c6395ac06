import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createAppContext } from "../../src/compose.ts";
import { silentLogger } from "../../src/log.ts";
import { openDatabase } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrate.ts";
import { buildOrgWorkspace, PRIVATE_LEADS } from "../services/org-workspace.ts";

const root = new URL("../../", import.meta.url).pathname;

/** The 12-team workspace in a scratch database, and the real CLI run against it. */
function workspace() {
  const db = join(mkdtempSync(join(tmpdir(), "rc-org-cli-")), "rolecall.db");
  const handle = openDatabase(db);
  migrate(handle);
  buildOrgWorkspace(
    createAppContext(handle, { logger: silentLogger, clock: () => new Date("2026-12-01T12:00:00Z") }),
  );
  handle.close();
  return (args: string[]) => {
    const r = spawnSync(join(root, "node_modules/.bin/tsx"), [join(root, "src/cli.ts"), ...args], {
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", DATABASE_PATH: db },
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
}

describe("rolecall org", () => {
  it("prints the month's report as text and as JSON, without Slack and without private leads", () => {
    const cli = workspace();
    const text = cli(["org", "--month", "2026-11"]);
    expect(text.err).toBe("");
    expect(text.code).toBe(0);
    expect(text.out).toContain("Org role report — November 2026");
    expect(text.out).toContain("#alpha (11 engineers): U0A1");
    expect(text.out).toContain("#hotel: 50% (2/4 weeks)");
    const json = cli(["org", "--month", "2026-11", "--json"]);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.out) as { month: string; findingCount: number };
    expect(report).toMatchObject({ month: "2026-11", findingCount: 10 });
    for (const id of PRIVATE_LEADS) {
      expect(text.out).not.toContain(id);
      expect(json.out).not.toContain(id);
    }
  });

  it("refuses a missing month", () => {
    const r = workspace()(["org"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("rolecall org --month YYYY-MM");
  });
});
