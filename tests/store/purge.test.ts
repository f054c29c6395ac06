import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runCli } from "../../src/cli.ts";
import { type Db, openDatabase } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrate.ts";
import { purgeWorkspace, workspaceTables } from "../../src/store/purge.ts";

/** Every table the migrations create with workspace rows (written out, so a new one is noticed here). */
const TABLES = [
  "admins",
  "allocation_changes",
  "areas",
  "away_ranges",
  "catalog_versions",
  "checkins",
  "decider_overrides",
  "digest_dms",
  "digest_posts",
  "hat_changes",
  "installations",
  "learned_phrasings",
  "org_report_dms",
  "people",
  "removed_default_areas",
  "teams",
  "workspaces",
];

type Column = { name: string; type: string; notnull: number; pk: number };

/** One row for `teamId` in every workspace table, its other columns filled by type. */
function seedEveryTable(db: Db, teamId: string): void {
  // Filler values cannot satisfy CHECK constraints or foreign keys; only the team_id matters here.
  db.pragma("ignore_check_constraints = ON");
  db.pragma("foreign_keys = OFF");
  for (const table of workspaceTables(db)) {
    const columns = (db.prepare(`PRAGMA table_info("${table}")`).all() as Column[]).filter(
      (c) => c.name !== "id",
    );
    const values = columns.map((c) =>
      c.name === "team_id" ? teamId : /INT|REAL/i.test(c.type) ? 1 : `${table}-${c.name}`,
    );
    db.prepare(
      `INSERT INTO "${table}" (${columns.map((c) => `"${c.name}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
    ).run(...values);
  }
  db.pragma("foreign_keys = ON");
  db.pragma("ignore_check_constraints = OFF");
}

const count = (db: Db, table: string, teamId: string) =>
  db.prepare(`SELECT count(*) FROM "${table}" WHERE team_id = ?`).pluck().get(teamId) as number;

describe("purgeWorkspace", () => {
  let dir: string;
  let db: Db;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "rc-purge-"));
    db = openDatabase(join(dir, "rolecall.db"));
    migrate(db);
    seedEveryTable(db, "T0GONE");
    seedEveryTable(db, "T0STAYS");
  });
  afterEach(() => {
    db.close();
    vi.unstubAllEnvs();
    rmSync(dir, { recursive: true, force: true });
  });

  it("finds every table the migrations give workspace rows", () => {
    expect(workspaceTables(db)).toEqual(TABLES);
  });

  for (const table of TABLES) {
    it(`deletes the workspace's rows in ${table} and leaves the other workspace's`, () => {
      expect(count(db, table, "T0GONE")).toBe(1);
      purgeWorkspace(db, "T0GONE");
      expect(count(db, table, "T0GONE")).toBe(0);
      expect(count(db, table, "T0STAYS")).toBe(1);
    });
  }

  it("is run by `rolecall purge-workspace` only once the workspace has uninstalled", async () => {
    db.prepare("UPDATE installations SET uninstalled_at = NULL").run();
    db.close();
    vi.stubEnv("DATABASE_PATH", join(dir, "rolecall.db"));
    const out: string[] = [];
    const io = { stdin: process.stdin, write: (s: string) => void out.push(s) };
    await expect(runCli(["purge-workspace", "T0GONE"], io)).rejects.toThrow(/still has rolecall installed/);
    db = openDatabase(join(dir, "rolecall.db"));
    db.prepare(
      "UPDATE installations SET uninstalled_at = '2026-11-01T00:00:00.000Z' WHERE team_id = 'T0GONE'",
    ).run();
    expect(await runCli(["workspaces"], io)).toBe(0);
    expect(out.join("")).toMatch(/T0GONE\t.*\tuninstalled 2026-11-01T00:00:00.000Z/);
    expect(out.join("")).toMatch(/T0STAYS\t.*\tinstalled\t/);
    expect(await runCli(["purge-workspace", "T0GONE"], io)).toBe(0);
    expect(out.join("")).toContain("Purged T0GONE: 17 rows");
    for (const table of TABLES) expect(count(db, table, "T0STAYS")).toBe(1);
  });
});
