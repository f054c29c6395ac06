import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CSV_HEADER, exportCheckinsCommand } from "../../src/cli/export-checkins.ts";
import { runCli } from "../../src/cli.ts";
import { createAppContext } from "../../src/compose.ts";
import type { AppContext } from "../../src/context.ts";
import type { RoleId } from "../../src/domain/roles.ts";
import { silentLogger } from "../../src/log.ts";
import { buildTeamDigest } from "../../src/services/digest.ts";
import { CheckinSeedStore } from "../../src/store/checkin-seed.ts";
import { openDatabase } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrate.ts";

const T = "T0ACME";
const ALPHA = "C0ALPHA";
const BRAVO = "C0BRAVO";
const LEE = "U0LEE";
const KIM = "U0KIM";
const NOW = new Date("2026-12-03T10:00:00Z");
// A name that needs every kind of CSV quoting.
const LEE_NAME = 'Lee, "The Lead"\nSmith';

let ctx: AppContext;

function hat(user: string, channelId: string, role: RoleId) {
  ctx.stores.hats.record(T, {
    channelId,
    userId: user,
    role,
    action: "assign",
    effectiveDate: "2026-09-01",
    recordedBy: "U0ADMIN",
    recordedAt: "2026-09-01T09:00:00Z",
  });
}

function allocate(user: string, split: Record<string, number>) {
  ctx.stores.allocations.record(T, {
    userId: user,
    effectiveDate: "2026-09-01",
    split,
    recordedBy: user,
    recordedAt: "2026-09-01T10:00:00Z",
  });
}

function exported(args: { format: string; from?: string; to?: string; includePrivate?: boolean }): string {
  const out: string[] = [];
  exportCheckinsCommand(
    ctx,
    T,
    { from: args.from, to: args.to, format: args.format, includePrivate: args.includePrivate ?? false },
    { write: (s) => void out.push(s) },
  );
  return out.join("");
}

const csvRows = (text: string) => parse(text, { columns: true }) as Record<string, string>[];

beforeEach(() => {
  const db = openDatabase(":memory:");
  migrate(db);
  ctx = createAppContext(db, { logger: silentLogger, clock: () => NOW });
  ctx.stores.workspaces.ensure(T, NOW);
  ctx.stores.teams.ensure(T, ALPHA, "alpha", NOW);
  ctx.stores.teams.ensure(T, BRAVO, "bravo", NOW);
  hat(LEE, ALPHA, "tech-lead");
  hat(LEE, ALPHA, "engineering-manager");
  hat(KIM, ALPHA, "tech-lead"); // and architect on bravo: a lead of both teams
  hat(KIM, BRAVO, "architect");
  allocate(LEE, { "tech-lead": 60, "engineering-manager": 40 });
  allocate(KIM, { "tech-lead": 50, architect: 50 });
  ctx.stores.people.saveSlackProfile(T, LEE, { displayName: LEE_NAME, tz: null, isSlackAdmin: false }, NOW);
  ctx.stores.people.ensure(T, KIM);
  ctx.stores.people.setDigestPrivate(T, KIM, true);
  const seed = new CheckinSeedStore(db);
  seed.answer(T, LEE, "2026-W45", { kind: "as-planned" }, NOW);
  seed.answer(
    T,
    LEE,
    "2026-W46",
    { kind: "split", split: { "tech-lead": 80, "engineering-manager": 20 } },
    NOW,
  );
  seed.answer(T, LEE, "2026-W47", { kind: "away" }, NOW);
  // W48 never answered: missed.
  seed.answer(T, KIM, "2026-W45", { kind: "split", split: { "tech-lead": 70, architect: 30 } }, NOW);
});

describe("rolecall export --checkins --format csv", () => {
  it("writes one row per lead week that a CSV parser reads back, names with commas, quotes and newlines intact", () => {
    const text = exported({ format: "csv", from: "2026-11", to: "2026-11" });
    expect(parse(text)[0]).toEqual(CSV_HEADER);
    const rows = csvRows(text);
    expect(rows.map((r) => [r.week, r.lead, r.lead_name, r.state])).toEqual([
      ["2026-W45", LEE, LEE_NAME, "answered"],
      ["2026-W46", LEE, LEE_NAME, "answered"],
      ["2026-W47", LEE, LEE_NAME, "away"],
      ["2026-W48", LEE, LEE_NAME, "missed"],
    ]);
    const [asPlanned, split, away] = rows;
    expect(asPlanned).toMatchObject({
      workspace: T,
      team_channels: ALPHA,
      month: "2026-11",
      stated_tech_lead: "60",
      stated_engineering_manager: "40",
      stated_architect: "0",
      actual_tech_lead: "60",
      drift_tech_lead: "0",
    });
    expect(split).toMatchObject({
      actual_tech_lead: "80",
      actual_engineering_manager: "20",
      drift_tech_lead: "20",
      drift_engineering_manager: "-20",
    });
    // Away: the allocation in force is known, what the week was is not.
    expect(away).toMatchObject({ stated_tech_lead: "60", actual_tech_lead: "", drift_tech_lead: "" });
  });

  it("measures each week as the digest does: the answered weeks' drift averages to the digest's", async () => {
    const rows = csvRows(exported({ format: "csv", from: "2026-11", to: "2026-11" })).filter(
      (r) => r.state === "answered",
    );
    const mean = rows.reduce((sum, r) => sum + Number(r.drift_tech_lead), 0) / rows.length;
    const built = await buildTeamDigest(ctx, {
      teamId: T,
      channelId: ALPHA,
      month: "2026-11",
      asOf: "2026-12-03",
    });
    const lee = built.digest.leads.find((l) => l.userId === LEE);
    expect(lee?.drift?.["tech-lead"]).toBe(mean);
    expect(lee?.weeks).toEqual({ lead: 4, answered: 2, away: 1, missing: 1 });
  });

  it("leaves private leads out unless --include-private, then names every team they lead", () => {
    expect(
      csvRows(exported({ format: "csv", from: "2026-11", to: "2026-11" })).map((r) => r.lead),
    ).not.toContain(KIM);
    const rows = csvRows(exported({ format: "csv", from: "2026-11", to: "2026-11", includePrivate: true }));
    const kim = rows.filter((r) => r.lead === KIM);
    expect(kim.map((r) => r.week)).toEqual(["2026-W45", "2026-W46", "2026-W47", "2026-W48"]);
    expect(kim[0]).toMatchObject({
      team_channels: `${ALPHA} ${BRAVO}`,
      state: "answered",
      actual_tech_lead: "70",
      drift_architect: "-20",
    });
  });

  it("keeps to the --from and --to months, by each week's Thursday", () => {
    const rows = csvRows(exported({ format: "csv", from: "2026-10", to: "2026-10" }));
    // W40 starts on 28 September but its Thursday is 1 October; W44's Thursday is 29 October.
    expect(rows.map((r) => r.week)).toEqual(["2026-W40", "2026-W41", "2026-W42", "2026-W43", "2026-W44"]);
    expect(new Set(rows.map((r) => r.state))).toEqual(new Set(["missed"]));
    const two = csvRows(exported({ format: "csv", from: "2026-10", to: "2026-11" }));
    expect(two.map((r) => r.month)).toEqual([...Array(5).fill("2026-10"), ...Array(4).fill("2026-11")]);
  });

  it("leaves out this week, not over and not answered, when --to is left to default to this month", () => {
    const weeks = csvRows(exported({ format: "csv" })).map((r) => r.week);
    expect(weeks[0]).toBe("2026-W36"); // a year back reaches September, when Lee became a lead
    expect(weeks.at(-1)).toBe("2026-W48");
  });
});

describe("rolecall export --checkins --format jsonl", () => {
  it("writes one JSON object per line", () => {
    const text = exported({ format: "jsonl", from: "2026-11", to: "2026-11", includePrivate: true });
    const lines = text.split("\n");
    expect(lines.at(-1)).toBe("");
    const objects = lines.slice(0, -1).map((l) => JSON.parse(l));
    expect(objects).toHaveLength(8);
    expect(objects[0]).toEqual({
      workspace: T,
      teamChannels: [ALPHA, BRAVO],
      lead: KIM,
      leadName: null,
      week: "2026-W45",
      month: "2026-11",
      state: "answered",
      stated: { "tech-lead": 50, architect: 50 },
      actual: { "tech-lead": 70, architect: 30 },
      drift: { "tech-lead": 20, architect: -20 },
    });
    expect(objects[1]).toMatchObject({ lead: LEE, leadName: LEE_NAME, state: "answered" });
  });
});

describe("usage", () => {
  it.each([
    [{ format: "xml" }, '"xml" is not a format.'],
    [{ format: "csv", from: "Oct" }, '--from "Oct" is not a month.'],
    [{ format: "csv", from: "2026-11", to: "2026-10" }, "--from 2026-11 is after --to 2026-10"],
  ])("refuses %j", (args, problem) => {
    expect(() => exported(args)).toThrow(problem);
  });

  describe("through the CLI", () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), "rc-export-checkins-"));
      process.env.DATABASE_PATH = join(dir, "rolecall.db");
    });
    afterEach(() => {
      delete process.env.DATABASE_PATH;
      rmSync(dir, { recursive: true, force: true });
    });

    it("asks for a format, and keeps the check-in options off the roles-file export", async () => {
      const io = { stdin: process.stdin, write: (_s: string) => undefined };
      await expect(runCli(["export", "--checkins"], io)).rejects.toThrow("Say which format.");
      await expect(runCli(["export", "--format", "csv"], io)).rejects.toThrow(
        "--from, --to, --format and --include-private go with export --checkins.",
      );
    });
  });
});
