import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  isoWeekKeyOf,
  isoWeekMonday,
  isoWeekThursday,
  monthOfWeek,
  weeksOfMonth,
} from "../../src/domain/iso-week.ts";

describe("iso-week helpers", () => {
  it("knows some fixed points", () => {
    expect(isoWeekKeyOf("2026-11-26")).toBe("2026-W48");
    expect(isoWeekMonday("2026-W48")).toBe("2026-11-23");
    expect(isoWeekKeyOf("2021-01-03")).toBe("2020-W53"); // Sunday of a 53-week year
    expect(isoWeekKeyOf("2024-12-30")).toBe("2025-W01"); // Monday counted in the next ISO year
    expect(isoWeekMonday("2025-W01")).toBe("2024-12-30");
    expect(isoWeekThursday("2026-W44")).toBe("2026-10-29");
  });

  it("puts a week in the month of its Thursday", () => {
    // 2026-W44 runs Mon 26 Oct – Sun 1 Nov: October. 2026-W49 runs Mon 30 Nov – Sun 6 Dec: December.
    expect(monthOfWeek("2026-W44")).toBe("2026-10");
    expect(monthOfWeek("2026-W49")).toBe("2026-12");
    expect(weeksOfMonth("2026-11")).toEqual(["2026-W45", "2026-W46", "2026-W47", "2026-W48"]);
    expect(weeksOfMonth("2026-10")).toEqual(["2026-W40", "2026-W41", "2026-W42", "2026-W43", "2026-W44"]);
  });

  it("shifts days and months", () => {
    expect(addDays("2026-12-30", 3)).toBe("2027-01-02");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addMonths("2026-11", 2)).toBe("2027-01");
    expect(addMonths("2026-01", -13)).toBe("2024-12");
  });

  it("rejects malformed values", () => {
    expect(isoWeekMonday("2026-W53")).toBe("2026-12-28"); // 2026 starts on a Thursday: 53 weeks
    expect(() => isoWeekMonday("2027-W53")).toThrow(RangeError);
    expect(() => isoWeekMonday("2027-W00")).toThrow(RangeError);
    expect(() => isoWeekKeyOf("2026-02-30")).toThrow(RangeError);
    expect(() => weeksOfMonth("2026-13")).toThrow(RangeError);
  });

  it("every date lies in its week, and each week in exactly one month", () => {
    const day = fc.integer({ min: 0, max: 365 * 60 }).map((n) => addDays("1990-01-01", n));
    fc.assert(
      fc.property(day, (date) => {
        const week = isoWeekKeyOf(date);
        const monday = isoWeekMonday(week);
        expect(monday <= date && date <= addDays(monday, 6)).toBe(true);
        expect(weeksOfMonth(monthOfWeek(week))).toContain(week);
        expect(weeksOfMonth(addMonths(monthOfWeek(week), 1))).not.toContain(week);
      }),
    );
  });

  it("consecutive months' weeks follow on without gaps", () => {
    const month = fc.integer({ min: 0, max: 12 * 60 }).map((n) => addMonths("1990-01", n));
    fc.assert(
      fc.property(month, (m) => {
        const weeks = [...weeksOfMonth(m), ...weeksOfMonth(addMonths(m, 1))];
        for (let i = 1; i < weeks.length; i++) {
          expect(isoWeekMonday(weeks[i] as string)).toBe(addDays(isoWeekMonday(weeks[i - 1] as string), 7));
        }
      }),
    );
  });
});
