import { beforeEach, describe, expect, it } from "vitest";
import { createAppContext } from "../../src/compose.ts";
import type { AppContext } from "../../src/context.ts";
import { silentLogger } from "../../src/log.ts";
import { personSplit, recentWeeks, setAllocation, timelineOf } from "../../src/services/allocations.ts";
import { openDatabase } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrate.ts";

const T = "T0ACME";
const LEE = "U0LEE";

function freshContext(now = "2026-11-23T12:00:00Z") {
  const db = openDatabase(":memory:");
  migrate(db);
  let clock = new Date(now);
  const ctx = createAppContext(db, { logger: silentLogger, clock: () => clock });
  ctx.stores.workspaces.ensure(T, clock);
  return {
    ctx,
    setNow: (t: string) => {
      clock = new Date(t);
    },
  };
}

function hat(
  ctx: AppContext,
  channelId: string,
  role: "tech-lead" | "engineering-manager" | "architect",
  action: "assign" | "unassign",
  date: string,
) {
  ctx.stores.hats.record(T, {
    channelId,
    userId: LEE,
    role,
    action,
    effectiveDate: date,
    recordedBy: "U0ADMIN",
    recordedAt: `${date}T09:00:00Z`,
  });
}

function allocation(
  ctx: AppContext,
  date: string,
  split: Record<string, number>,
  recordedAt = `${date}T10:00:00Z`,
) {
  ctx.stores.allocations.record(T, { userId: LEE, effectiveDate: date, split, recordedBy: LEE, recordedAt });
}

describe("allocation history", () => {
  let ctx: AppContext;
  beforeEach(() => {
    ctx = freshContext().ctx;
  });

  it("answers the allocation in force on any date across several changes", () => {
    allocation(ctx, "2026-01-05", { "tech-lead": 60, "engineering-manager": 40 });
    allocation(ctx, "2026-04-01", { "tech-lead": 50, "engineering-manager": 50 });
    allocation(ctx, "2026-12-01", { "tech-lead": 40, "engineering-manager": 60 });
    const on = (d: string) => ctx.stores.allocations.inForce(T, LEE, d)?.split;
    expect(on("2026-01-04")).toBeUndefined();
    expect(on("2026-01-05")).toEqual({ "tech-lead": 60, "engineering-manager": 40 });
    expect(on("2026-03-31")).toEqual({ "tech-lead": 60, "engineering-manager": 40 });
    expect(on("2026-04-01")).toEqual({ "tech-lead": 50, "engineering-manager": 50 });
    expect(on("2026-11-30")).toEqual({ "tech-lead": 50, "engineering-manager": 50 });
    expect(on("2026-12-01")).toEqual({ "tech-lead": 40, "engineering-manager": 60 });
    expect(ctx.stores.allocations.inForce(T, "U0NOBODY", "2026-12-01")).toBeUndefined();
    expect(ctx.stores.allocations.inForce("T0OTHER", LEE, "2026-12-01")).toBeUndefined();
  });

  it("keeps every change: a second statement for the same date wins without erasing the first", () => {
    allocation(ctx, "2026-04-01", { "tech-lead": 50, "engineering-manager": 50 }, "2026-03-20T10:00:00Z");
    allocation(ctx, "2026-04-01", { "tech-lead": 70, "engineering-manager": 30 }, "2026-03-21T10:00:00Z");
    expect(ctx.stores.allocations.inForce(T, LEE, "2026-04-01")?.split).toEqual({
      "tech-lead": 70,
      "engineering-manager": 30,
    });
    expect(ctx.stores.allocations.history(T, LEE).map((c) => c.split["tech-lead"])).toEqual([50, 70]);
    expect(timelineOf(ctx, T, LEE)).toEqual([
      { effectiveDate: "2026-04-01", split: { "tech-lead": 70, "engineering-manager": 30 } },
    ]);
  });

  it("answers 'in force for P on D' with one seek on the allocation_in_force index", () => {
    const plan = ctx.stores.db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT * FROM allocation_changes WHERE team_id = ? AND user_id = ? AND effective_date <= ?
         ORDER BY effective_date DESC, id DESC LIMIT 1`,
      )
      .all(T, LEE, "2026-01-01") as { detail: string }[];
    const detail = plan.map((p) => p.detail).join(" | ");
    expect(detail).toContain("USING INDEX allocation_in_force");
    expect(detail).not.toContain("TEMP B-TREE");
  });
});

describe("setAllocation over the history", () => {
  it("records from today, schedules a future change, and leaves past weeks with their split", () => {
    const { ctx, setNow } = freshContext("2026-11-02T12:00:00Z");
    hat(ctx, "C0ALPHA", "tech-lead", "assign", "2026-01-05");
    hat(ctx, "C0ALPHA", "engineering-manager", "assign", "2026-01-05");
    const set = (parts: [string, number][], from?: string) =>
      setAllocation(ctx, {
        teamId: T,
        userId: LEE,
        by: LEE,
        who: "<@U0LEE>",
        parts: parts.map(([key, pct]) => ({ key: key as never, pct })),
        from,
      });
    expect(
      set([
        ["tech-lead", 60],
        ["engineering-manager", 40],
      ]),
    ).toMatchObject({ ok: true, outcome: "recorded", effectiveDate: "2026-11-02" });
    expect(
      set(
        [
          ["tech-lead", 50],
          ["engineering-manager", 50],
        ],
        "2026-12-01",
      ),
    ).toMatchObject({
      ok: true,
      scheduled: true,
      previous: { "tech-lead": 60, "engineering-manager": 40 },
    });
    // Restating what is already in force writes nothing.
    expect(
      set([
        ["tech-lead", 60],
        ["engineering-manager", 40],
      ]),
    ).toMatchObject({ outcome: "unchanged" });
    expect(ctx.stores.allocations.history(T, LEE)).toHaveLength(2);

    setNow("2026-11-16T12:00:00Z");
    const changed = set([
      ["tech-lead", 70],
      ["engineering-manager", 30],
    ]);
    expect(changed).toMatchObject({ outcome: "recorded", later: { effectiveDate: "2026-12-01" } });
    expect(ctx.stores.allocations.inForce(T, LEE, "2026-11-09")?.split["tech-lead"]).toBe(60);
    expect(ctx.stores.allocations.inForce(T, LEE, "2026-11-16")?.split["tech-lead"]).toBe(70);
    expect(ctx.stores.allocations.inForce(T, LEE, "2026-12-01")?.split["tech-lead"]).toBe(50);

    const person = personSplit(ctx, T, LEE, "2026-11-16");
    expect(person.current).toEqual({
      effectiveDate: "2026-11-16",
      split: { "tech-lead": 70, "engineering-manager": 30 },
    });
    expect(person.scheduled).toEqual([
      { effectiveDate: "2026-12-01", split: { "tech-lead": 50, "engineering-manager": 50 } },
    ]);
    expect(person.status.kind).toBe("ok");
  });

  it("validates against the hats worn on the date the split starts", () => {
    const { ctx } = freshContext("2026-11-02T12:00:00Z");
    hat(ctx, "C0ALPHA", "tech-lead", "assign", "2026-01-05");
    hat(ctx, "C0BRAVO", "architect", "assign", "2026-12-01"); // a hat that starts later
    const r = (from?: string) =>
      setAllocation(ctx, {
        teamId: T,
        userId: LEE,
        by: "U0ADMIN",
        who: "<@U0LEE>",
        parts: [
          { key: "tech-lead", pct: 50 },
          { key: "architect", pct: 50 },
        ],
        from,
      });
    expect(r()).toMatchObject({ ok: false, error: expect.stringMatching(/wears one hat/) });
    expect(r("2026-12-01")).toMatchObject({ ok: true, effectiveDate: "2026-12-01" });
  });

  it("flags, rather than drops, a split once a hat it names comes off", () => {
    const { ctx } = freshContext("2026-11-02T12:00:00Z");
    hat(ctx, "C0ALPHA", "tech-lead", "assign", "2026-01-05");
    hat(ctx, "C0ALPHA", "engineering-manager", "assign", "2026-01-05");
    allocation(ctx, "2026-02-01", { "tech-lead": 60, "engineering-manager": 40 });
    hat(ctx, "C0ALPHA", "engineering-manager", "unassign", "2026-10-01");
    const person = personSplit(ctx, T, LEE, "2026-11-02");
    expect(person.current?.split).toEqual({ "tech-lead": 60, "engineering-manager": 40 });
    expect(person.status).toMatchObject({ kind: "stale", notWorn: ["engineering-manager"] });
    // The weeks before the hat came off still read against that split.
    expect(ctx.stores.allocations.inForce(T, LEE, "2026-09-24")?.split["engineering-manager"]).toBe(40);
  });
});

describe("hat history", () => {
  it("answers the hats worn on a date across assign and unassign on several teams", () => {
    const { ctx } = freshContext();
    hat(ctx, "C0ALPHA", "tech-lead", "assign", "2026-01-05");
    hat(ctx, "C0BRAVO", "engineering-manager", "assign", "2026-03-01");
    hat(ctx, "C0ALPHA", "tech-lead", "unassign", "2026-06-01");
    hat(ctx, "C0ALPHA", "tech-lead", "assign", "2026-09-01");
    const on = (d: string) => ctx.stores.hats.ofUser(T, LEE, d).map((h) => `${h.channelId}:${h.role}`);
    expect(on("2026-01-01")).toEqual([]);
    expect(on("2026-02-01")).toEqual(["C0ALPHA:tech-lead"]);
    expect(on("2026-05-31")).toEqual(["C0ALPHA:tech-lead", "C0BRAVO:engineering-manager"]);
    expect(on("2026-06-01")).toEqual(["C0BRAVO:engineering-manager"]);
    expect(on("2026-09-01")).toEqual(["C0ALPHA:tech-lead", "C0BRAVO:engineering-manager"]);
    expect(ctx.stores.hats.history(T)).toHaveLength(4);
  });
});

describe("check-in history (read-only over checkins)", () => {
  function answered(ctx: AppContext, week: string, kind: string, split: object | null, state = "answered") {
    ctx.stores.db
      .prepare(
        `INSERT INTO checkins (team_id, user_id, week, state, answer_kind, actual_split, answered_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        T,
        LEE,
        week,
        state,
        state === "answered" ? kind : null,
        split ? JSON.stringify(split) : null,
        "2026-11-20T16:00:00Z",
      );
  }

  it("lists the last N check-ins with the unanswered and undelivered ones, so none is hidden", () => {
    const { ctx } = freshContext();
    allocation(ctx, "2026-01-05", { "tech-lead": 60, "engineering-manager": 40 });
    allocation(ctx, "2026-11-12", { "tech-lead": 80, "engineering-manager": 20 }); // a Thursday
    answered(ctx, "2026-W42", "split", { "tech-lead": 50, "engineering-manager": 50 });
    answered(ctx, "2026-W43", "as-planned", null);
    answered(ctx, "2026-W44", "as-planned", null, "failed"); // the DM could not be sent
    answered(ctx, "2026-W45", "away", null);
    answered(ctx, "2026-W46", "as-planned", null); // Thursday 2026-11-12: the new split
    answered(ctx, "2026-W47", "as-planned", null, "sent"); // asked, not answered

    expect(recentWeeks(ctx, T, LEE, 5)).toEqual([
      { week: "2026-W47", answer: { kind: "unanswered" } },
      {
        week: "2026-W46",
        answer: { kind: "as-planned", split: { "tech-lead": 80, "engineering-manager": 20 } },
      },
      { week: "2026-W45", answer: { kind: "away" } },
      { week: "2026-W44", answer: { kind: "undelivered" } },
      {
        week: "2026-W43",
        answer: { kind: "as-planned", split: { "tech-lead": 60, "engineering-manager": 40 } },
      },
    ]);
    expect(ctx.stores.checkinHistory.lastWeeks(T, LEE, 2)).toEqual([
      {
        week: "2026-W47",
        state: "sent",
        kind: null,
        actualSplit: null,
        note: null,
        answeredAt: expect.any(String),
      },
      {
        week: "2026-W46",
        state: "answered",
        kind: "as-planned",
        actualSplit: null,
        note: null,
        answeredAt: expect.any(String),
      },
    ]);
    expect(recentWeeks(ctx, T, "U0NOBODY", 4)).toEqual([]);
  });
});
