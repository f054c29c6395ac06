import { beforeEach, describe, expect, it } from "vitest";
import { createAppContext } from "../../src/compose.ts";
import type { AppContext } from "../../src/context.ts";
import { computeTeamDigest } from "../../src/domain/digest.ts";
import type { RoleId } from "../../src/domain/roles.ts";
import { silentLogger } from "../../src/log.ts";
import { CheckinSeedStore } from "../../src/store/checkin-seed.ts";
import { openDatabase } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrate.ts";

const T = "T0ACME";
const ALPHA = "C0ALPHA";
const BRAVO = "C0BRAVO";
const LEE = "U0LEE";
const KIM = "U0KIM";
const SAM = "U0SAM";
const NOW = new Date("2026-12-01T10:00:00Z");

let ctx: AppContext;
let seed: CheckinSeedStore;

function hat(
  user: string,
  channelId: string,
  role: RoleId,
  date: string,
  action: "assign" | "unassign" = "assign",
) {
  ctx.stores.hats.record(T, {
    channelId,
    userId: user,
    role,
    action,
    effectiveDate: date,
    recordedBy: "U0ADMIN",
    recordedAt: `${date}T09:00:00Z`,
  });
}

function load(channelId: string, month = "2026-11") {
  return ctx.stores.digests.inputs.load({ teamId: T, channelId, month, asOf: "2026-12-01" });
}

const leadIds = (channelId: string) => load(channelId).input.leads.map((l) => l.userId);

beforeEach(() => {
  const db = openDatabase(":memory:");
  migrate(db);
  ctx = createAppContext(db, { logger: silentLogger, clock: () => NOW });
  ctx.stores.workspaces.ensure(T, NOW);
  seed = new CheckinSeedStore(db);
});

describe("who is a lead of a team", () => {
  it("is someone wearing a hat on the team while wearing two or more roles across the workspace", () => {
    hat(LEE, ALPHA, "tech-lead", "2026-09-01");
    hat(LEE, ALPHA, "engineering-manager", "2026-09-01");
    hat(KIM, ALPHA, "architect", "2026-09-01"); // architect here, tech lead on bravo: hybrid
    hat(KIM, BRAVO, "tech-lead", "2026-09-01");
    hat(SAM, ALPHA, "tech-lead", "2026-09-01"); // tech lead on both teams: one role, not hybrid
    hat(SAM, BRAVO, "tech-lead", "2026-09-01");
    expect(leadIds(ALPHA)).toEqual([KIM, LEE]);
    expect(leadIds(BRAVO)).toEqual([KIM]);
    const kim = load(BRAVO).input.leads[0];
    expect(kim?.hats).toEqual(["tech-lead", "architect"]);
    expect(kim?.teamHats).toEqual(["tech-lead"]); // on bravo itself
  });

  it("counts only the weeks (by their Thursday) in which they were a lead of this team", () => {
    hat(LEE, ALPHA, "tech-lead", "2026-09-01");
    hat(LEE, ALPHA, "engineering-manager", "2026-09-01");
    hat(LEE, ALPHA, "engineering-manager", "2026-11-18", "unassign"); // before W47's Thursday (19th)
    const lead = load(ALPHA).input.leads[0];
    expect(lead?.hybridPeriods).toEqual([{ start: "2026-09-01", end: "2026-11-18" }]);
    const digest = computeTeamDigest(load(ALPHA).input);
    expect(digest.leads[0]?.weeks).toEqual({ lead: 2, answered: 0, away: 0, missing: 2 });
  });

  it("leaves out a lead whose hybrid time on the team ended before the window", () => {
    hat(LEE, ALPHA, "tech-lead", "2024-01-01");
    hat(LEE, ALPHA, "engineering-manager", "2024-01-01");
    hat(LEE, ALPHA, "engineering-manager", "2024-06-01", "unassign");
    expect(leadIds(ALPHA)).toEqual([]);
  });
});

describe("away weeks, by the check-in day", () => {
  beforeEach(() => {
    for (const user of [LEE, KIM]) {
      hat(user, ALPHA, "tech-lead", "2026-09-01");
      hat(user, ALPHA, "engineering-manager", "2026-09-01");
    }
  });

  it("are the weeks whose check-in day lies in an away range (workspace Friday, or the lead's own day)", () => {
    ctx.stores.people.setCheckinSlot(T, KIM, 3, "11:00"); // Kim checks in on Wednesdays
    // Mon 16 – Wed 18 Nov: Lee's Friday (20th) is outside, Kim's Wednesday (18th) inside.
    seed.away(T, LEE, "2026-11-16", "2026-11-18", NOW);
    seed.away(T, KIM, "2026-11-16", "2026-11-18", NOW);
    // Friday 27 Nov only: Lee's check-in day.
    seed.away(T, LEE, "2026-11-27", "2026-11-27", NOW);
    const byUser = new Map(load(ALPHA).input.leads.map((l) => [l.userId, [...(l.awayWeeks ?? [])]]));
    expect(byUser.get(LEE)).toEqual(["2026-W48"]);
    expect(byUser.get(KIM)).toEqual(["2026-W47"]);
  });

  it("count as away, not missing; an answer wins over a range; a week never answered is missing", () => {
    seed.away(T, LEE, "2026-11-02", "2026-11-13", NOW); // W45 and W46 away
    seed.answer(
      T,
      LEE,
      "2026-W46",
      { kind: "split", split: { "tech-lead": 80, "engineering-manager": 20 } },
      NOW,
    );
    seed.answer(T, LEE, "2026-W47", { kind: "away" }, NOW);
    const lee = computeTeamDigest(load(ALPHA).input).leads.find((l) => l.userId === LEE);
    expect(lee?.weeks).toEqual({ lead: 4, answered: 1, away: 2, missing: 1 });
    expect(lee?.actual).toEqual({ "tech-lead": 80, "engineering-manager": 20 });
  });
});

describe("answers", () => {
  beforeEach(() => {
    hat(LEE, ALPHA, "tech-lead", "2026-09-01");
    hat(LEE, ALPHA, "engineering-manager", "2026-09-01");
    ctx.stores.allocations.record(T, {
      userId: LEE,
      effectiveDate: "2026-09-01",
      split: { "tech-lead": 60, "engineering-manager": 40 },
      recordedBy: LEE,
      recordedAt: "2026-09-01T10:00:00Z",
    });
  });

  it("reads only answered rows, and treats an unreadable split as unanswered", () => {
    seed.answer(T, LEE, "2026-W45", { kind: "as-planned" }, NOW);
    seed.answer(
      T,
      LEE,
      "2026-W46",
      { kind: "split", split: { "tech-lead": 90, "engineering-manager": 10 } },
      NOW,
    );
    ctx.stores.db
      .prepare(
        `INSERT INTO checkins (team_id, user_id, week, state, attempts, answer_kind, actual_split)
         VALUES (?, ?, '2026-W47', 'answered', 1, 'split', 'not json'), (?, ?, '2026-W48', 'sent', 1, NULL, NULL)`,
      )
      .run(T, LEE, T, LEE);
    const lee = computeTeamDigest(load(ALPHA).input).leads[0];
    expect(lee?.weeks).toEqual({ lead: 4, answered: 2, away: 0, missing: 2 });
    // As planned = the split in force that week: (60 + 90) / 2.
    expect(lee?.actual).toEqual({ "tech-lead": 75, "engineering-manager": 25 });
  });

  it("uses the workspace's drift threshold", () => {
    ctx.stores.workspaces.update(T, { driftThresholdPp: 25 });
    expect(load(ALPHA).input.thresholdPp).toBe(25);
  });
});
