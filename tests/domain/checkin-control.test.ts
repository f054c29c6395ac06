import { describe, expect, it } from "vitest";
import {
  awayWeeksInRange,
  checkAwayRange,
  LAST_AWAY_DAY,
  MAX_AWAY_DAYS,
} from "../../src/domain/checkin-control.ts";
import { checkinDateOf, checkinSlotInstant } from "../../src/domain/checkin-slot.ts";
import { addDays, addWeeks, isoWeekOf, type Weekday } from "../../src/domain/time.ts";

const FRIDAY_15 = { weekday: 5, time: "15:00" } as const;

describe("away ranges", () => {
  it("lists the weeks whose check-in day falls in the range, across a year end", () => {
    expect(awayWeeksInRange({ start: "2026-12-20", end: "2027-01-05" }, FRIDAY_15)).toEqual([
      { week: "2026-W52", checkinDate: "2026-12-25" },
      { week: "2026-W53", checkinDate: "2027-01-01" },
    ]);
  });

  it("suppresses no week when the range misses every check-in day", () => {
    expect(awayWeeksInRange({ start: "2026-11-23", end: "2026-11-25" }, FRIDAY_15)).toEqual([]);
    expect(
      awayWeeksInRange({ start: "2026-11-23", end: "2026-11-25" }, { weekday: 2, time: "09:00" }),
    ).toEqual([{ week: "2026-W48", checkinDate: "2026-11-24" }]);
  });

  it("takes a range from today on", () => {
    const check = checkAwayRange({ start: "2026-11-23", end: "2026-11-27" }, "2026-11-23", FRIDAY_15);
    expect(check).toEqual({
      ok: true,
      range: { start: "2026-11-23", end: "2026-11-27" },
      weeks: [{ week: "2026-W48", checkinDate: "2026-11-27" }],
    });
  });

  it("refuses days already past, suggesting the part still to come", () => {
    const check = checkAwayRange({ start: "2026-11-20", end: "2026-11-27" }, "2026-11-23", FRIDAY_15);
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.error).toContain("2026-11-20 is in the past");
      expect(check.error).toContain("`2026-11-23..2026-11-27`");
      expect(check.usage).toContain("YYYY-MM-DD");
    }
    const over = checkAwayRange({ start: "2026-11-01", end: "2026-11-02" }, "2026-11-23", FRIDAY_15);
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.error).not.toContain("Try");
  });

  it("refuses a range longer than a year and points to pause", () => {
    const start = "2026-12-01";
    expect(
      checkAwayRange({ start, end: addDays(start, MAX_AWAY_DAYS - 1) }, "2026-11-23", FRIDAY_15).ok,
    ).toBe(true);
    const long = checkAwayRange({ start, end: addDays(start, MAX_AWAY_DAYS) }, "2026-11-23", FRIDAY_15);
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.error).toContain("/role checkin pause");
  });

  it("refuses days where the calendar runs out, late in 9999, instead of failing", () => {
    for (const range of [
      { start: "9999-12-25", end: "9999-12-31" },
      { start: "9999-12-20", end: "9999-12-20" },
    ]) {
      const check = checkAwayRange(range, "2026-11-23", FRIDAY_15);
      expect(check).toMatchObject({
        ok: false,
        error: `${range.end} is too far ahead: rolecall's calendar ends in 9999, so away days end by 9999-12-19.`,
      });
    }
  });

  it("accepts the last allowed day, and the week after it still has a check-in day on every slot", () => {
    expect(LAST_AWAY_DAY).toBe("9999-12-19");
    for (let weekday = 1; weekday <= 7; weekday++) {
      const slot = { weekday: weekday as Weekday, time: "15:00" };
      const check = checkAwayRange({ start: "9999-12-01", end: LAST_AWAY_DAY }, "2026-11-23", slot);
      expect(check.ok).toBe(true);
      const next = addWeeks(isoWeekOf(LAST_AWAY_DAY).key, 1);
      expect(checkinDateOf(next, slot) <= "9999-12-26").toBe(true);
      expect(checkinSlotInstant(next, slot, "Pacific/Kiritimati").getUTCFullYear()).toBe(9999);
    }
  });
});
