import { describe, expect, it } from "vitest";
import {
  actualOfWeek,
  allocationStatus,
  apportion,
  checkAllocation,
  distinctRoles,
  isHybrid,
  splitProblem,
  staleReason,
} from "../../src/domain/allocation.ts";
import { parseCommand } from "../../src/domain/command.ts";
import type { RoleId } from "../../src/domain/roles.ts";

const TL: RoleId = "tech-lead";
const EM: RoleId = "engineering-manager";
const ARCH: RoleId = "architect";

const request = (
  parts: { key: "tech-lead" | "engineering-manager" | "architect" | "other"; pct: number }[],
  over = {},
) => ({
  who: "<@U0LEE>",
  held: [TL, EM],
  parts,
  from: undefined as string | undefined,
  today: "2026-11-23",
  ...over,
});

describe("checkAllocation", () => {
  it("accepts a split over every hat worn, in canonical order, from today", () => {
    const r = checkAllocation(
      request([
        { key: "other", pct: 10 },
        { key: "engineering-manager", pct: 40 },
        { key: "tech-lead", pct: 50 },
      ]),
    );
    expect(r).toEqual({
      ok: true,
      split: { "tech-lead": 50, "engineering-manager": 40, other: 10 },
      effectiveDate: "2026-11-23",
    });
    expect(Object.keys((r as { split: object }).split)).toEqual([
      "tech-lead",
      "engineering-manager",
      "other",
    ]);
  });

  it("schedules from a future date and accepts today as `from`", () => {
    const parts = [
      { key: "tech-lead" as const, pct: 60 },
      { key: "engineering-manager" as const, pct: 40 },
    ];
    expect(checkAllocation(request(parts, { from: "2026-12-01" }))).toMatchObject({
      ok: true,
      effectiveDate: "2026-12-01",
    });
    expect(checkAllocation(request(parts, { from: "2026-11-23" }))).toMatchObject({ ok: true });
  });

  it("refuses a date in the past, saying why", () => {
    const r = checkAllocation(
      request(
        [
          { key: "tech-lead", pct: 60 },
          { key: "engineering-manager", pct: 40 },
        ],
        { from: "2026-11-22" },
      ),
    );
    expect(r).toEqual({ ok: false, error: expect.stringContaining("2026-11-22 is in the past") });
  });

  it("refuses a role the person does not wear, naming the hats they do wear", () => {
    const r = checkAllocation(
      request([
        { key: "tech-lead", pct: 60 },
        { key: "architect", pct: 40 },
      ]),
    );
    expect(r.ok).toBe(false);
    expect((r as { error: string }).error).toContain("doesn't wear the Architect hat");
    expect((r as { error: string }).error).toContain("Tech lead, Engineering manager");
  });

  it("asks for a share for every hat worn (0 is fine)", () => {
    const r = checkAllocation(request([{ key: "tech-lead", pct: 100 }]));
    expect((r as { error: string }).error).toMatch(/Give Engineering manager a share too \(0 is fine\)/);
    expect(
      checkAllocation(
        request([
          { key: "tech-lead", pct: 100 },
          { key: "engineering-manager", pct: 0 },
        ]),
      ).ok,
    ).toBe(true);
  });

  it("refuses a person with no hat or one hat: a split is for hybrid leads", () => {
    const parts = [{ key: "tech-lead" as const, pct: 100 }];
    expect((checkAllocation(request(parts, { held: [] })) as { error: string }).error).toMatch(
      /wears no hats/,
    );
    expect((checkAllocation(request(parts, { held: [TL, TL] })) as { error: string }).error).toMatch(
      /wears one hat .*Tech lead/,
    );
  });

  it("re-checks the shape (sum, repeats, negatives) for callers other than the slash parser", () => {
    const bad = (parts: { key: "tech-lead" | "engineering-manager"; pct: number }[]) =>
      (checkAllocation(request(parts)) as { error: string }).error;
    expect(
      bad([
        { key: "tech-lead", pct: 60 },
        { key: "engineering-manager", pct: 30 },
      ]),
    ).toMatch(/add up to 90/);
    expect(
      bad([
        { key: "tech-lead", pct: 60 },
        { key: "tech-lead", pct: 40 },
      ]),
    ).toMatch(/given twice/);
    expect(
      bad([
        { key: "tech-lead", pct: 110 },
        { key: "engineering-manager", pct: -10 },
      ]),
    ).toMatch(/more than 100/);
    expect(
      bad([
        { key: "tech-lead", pct: 60.5 },
        { key: "engineering-manager", pct: 39.5 },
      ]),
    ).toMatch(/whole number/);
  });
});

describe("the /role allocate grammar (domain/command.ts) refuses bad input before any rule runs", () => {
  const error = (text: string) => {
    const r = parseCommand(text);
    if (r.ok) throw new Error(`expected a parse error for ${text}`);
    return r;
  };
  it.each([
    ["an unknown role", "allocate <@U0LEE> wizard=60 em=40", /not a role/],
    ["a sum other than 100", "allocate <@U0LEE> tl=60 em=30", /add up to 90/],
    ["a repeated role", "allocate <@U0LEE> tl=50 tech-lead=50", /given twice/],
    ["a non-number", "allocate <@U0LEE> tl=lots em=40", /not a whole number/],
    ["a fraction", "allocate <@U0LEE> tl=59.5 em=40.5", /not a whole number/],
    ["a missing number", "allocate <@U0LEE> tl= em=40", /^tech-lead has no percentage after `=`/],
    ["a negative number", "allocate <@U0LEE> tl=-10 em=110", /negative/],
    ["a malformed part", "allocate <@U0LEE> tl:60 em:40", /role=percent/],
    ["no person", "allocate tl=60 em=40", /@mention/],
    ["a bad date", "allocate <@U0LEE> tl=60 em=40 from 2026-02-30", /from/],
  ])("%s", (_what, text, message) => {
    const r = error(text);
    expect(r.error).toMatch(message);
    expect(r.usage).toBe("/role allocate @user <role>=<pct> … [from YYYY-MM-DD]");
  });
});

describe("allocationStatus", () => {
  it("reads a hybrid without a split as missing, and a one-hat person as not hybrid", () => {
    expect(allocationStatus([TL, EM], undefined)).toEqual({ kind: "missing" });
    expect(allocationStatus([TL], undefined)).toEqual({ kind: "not-hybrid" });
    expect(allocationStatus([], undefined)).toEqual({ kind: "not-hybrid" });
  });

  it("flags a split that names a hat no longer worn, or leaves out a new one", () => {
    const split = { "tech-lead": 60, "engineering-manager": 40 };
    expect(allocationStatus([TL, EM], split)).toEqual({ kind: "ok", split });
    const lost = allocationStatus([TL], split);
    expect(lost).toEqual({ kind: "stale", split, notWorn: [EM], uncovered: [] });
    const gained = allocationStatus([TL, EM, ARCH], split);
    expect(gained).toEqual({ kind: "stale", split, notWorn: [], uncovered: [ARCH] });
    expect(staleReason(lost as never)).toBe("the split names Engineering manager, no longer worn");
    expect(staleReason(gained as never)).toBe("the split leaves out Architect");
  });

  it("counts a hat worn on two teams once", () => {
    expect(distinctRoles([{ role: TL }, { role: TL }])).toEqual([TL]);
    expect(isHybrid(distinctRoles([{ role: TL }, { role: TL }]))).toBe(false);
    expect(distinctRoles([{ role: EM }, { role: TL }])).toEqual([TL, EM]);
  });
});

describe("splitProblem", () => {
  it("accepts a valid split and names the first problem of a bad one", () => {
    expect(splitProblem({ "tech-lead": 100 })).toBeUndefined();
    expect(splitProblem({})).toMatch(/at least one part/);
    expect(splitProblem({ wizard: 100 })).toMatch(/not a role/);
    expect(splitProblem({ "tech-lead": "60", other: 40 })).toMatch(/whole number/);
    expect(splitProblem({ "tech-lead": 99 })).toMatch(/add up to 99/);
  });
});

describe("apportion", () => {
  it("fills exactly the cells asked for, by largest remainder", () => {
    const cells = (split: Record<string, number>) =>
      Object.fromEntries(apportion(split, 10).map((p) => [p.key, p.cells]));
    expect(cells({ "tech-lead": 60, "engineering-manager": 40 })).toEqual({
      "tech-lead": 6,
      "engineering-manager": 4,
    });
    expect(cells({ "tech-lead": 34, "engineering-manager": 33, other: 33 })).toEqual({
      "tech-lead": 4,
      "engineering-manager": 3,
      other: 3,
    });
    expect(cells({ "tech-lead": 95, other: 5 })).toEqual({ "tech-lead": 10, other: 0 });
    for (const split of [{ "tech-lead": 1 }, { "tech-lead": 1, architect: 1, other: 98 }]) {
      expect(apportion(split as never, 10).reduce((s, p) => s + p.cells, 0)).toBe(10);
    }
  });
});

describe("actualOfWeek", () => {
  const stated = { "tech-lead": 60, "engineering-manager": 40 };
  it("reads 'as planned' as the split in force that week, and keeps a reported split", () => {
    expect(actualOfWeek({ kind: "as-planned", split: null }, stated)).toEqual({
      kind: "as-planned",
      split: stated,
    });
    expect(
      actualOfWeek({ kind: "split", split: { "engineering-manager": 70, "tech-lead": 30 } }, stated),
    ).toEqual({
      kind: "split",
      split: { "tech-lead": 30, "engineering-manager": 70 },
    });
    expect(actualOfWeek({ kind: "away", split: null }, stated)).toEqual({ kind: "away" });
    expect(actualOfWeek({ kind: "as-planned", split: null }, undefined)).toEqual({
      kind: "as-planned",
      split: undefined,
    });
  });
});
