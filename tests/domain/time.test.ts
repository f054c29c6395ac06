import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  addWeeks,
  daysBetween,
  digestDueInstant,
  firstWorkingDay,
  isIsoWeekKey,
  isLocalDate,
  isLocalTime,
  isMonthKey,
  isoWeekAt,
  isoWeekBounds,
  isoWeekMonday,
  isoWeekOf,
  isoWeekSunday,
  isoWeeksInYear,
  isoWeekThursday,
  isValidTimeZone,
  localDateTimeIn,
  monthAt,
  monthOfWeek,
  monthsBack,
  nextMonth,
  previousMonth,
  resolveTimeZone,
  utcOffsetMinutes,
  weekdayOf,
  weekKeysBetween,
  weeksOfMonth,
  zonedTimeToInstant,
} from "../../src/domain/time.ts";

const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

describe("value guards", () => {
  it("accepts only real dates, times, weeks and months", () => {
    expect(isLocalDate("2028-02-29")).toBe(true);
    expect(isLocalDate("2026-02-29")).toBe(false);
    expect(isLocalDate("2026-13-01")).toBe(false);
    expect(isLocalDate("2026-1-01")).toBe(false);
    expect(isLocalTime("00:00")).toBe(true);
    expect(isLocalTime("23:59")).toBe(true);
    expect(isLocalTime("24:00")).toBe(false);
    expect(isLocalTime("9:00")).toBe(false);
    expect(isIsoWeekKey("2026-W53")).toBe(true);
    expect(isIsoWeekKey("2025-W53")).toBe(false);
    expect(isIsoWeekKey("2026-W00")).toBe(false);
    expect(isIsoWeekKey("2026-W5")).toBe(false);
    expect(isMonthKey("2026-12")).toBe(true);
    expect(isMonthKey("2026-00")).toBe(false);
  });

  it("throws a RangeError naming the bad value", () => {
    expect(() => addDays("2026-02-30", 1)).toThrow(/2026-02-30/);
    expect(() => zonedTimeToInstant("2026-01-01", "25:00", "UTC")).toThrow(RangeError);
    expect(() => zonedTimeToInstant("2026-01-01", "10:00", "Mars/Olympus")).toThrow(RangeError);
    expect(() => isoWeekMonday("2025-W53")).toThrow(/2025-W53/);
    expect(() => weeksOfMonth("2026-13")).toThrow(RangeError);
    expect(() => localDateTimeIn(new Date(Number.NaN), "UTC")).toThrow(RangeError);
  });
});

describe("time zones", () => {
  it("knows valid IANA zones", () => {
    expect(isValidTimeZone("Europe/Berlin")).toBe(true);
    expect(isValidTimeZone("America/New_York")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
    expect(resolveTimeZone(undefined, "Nope/Nope", "Pacific/Auckland")).toBe("Pacific/Auckland");
    expect(resolveTimeZone("Nope/Nope")).toBe("UTC");
  });

  it("reads the wall clock of an instant", () => {
    expect(localDateTimeIn(at("2026-11-27T14:00:00Z"), "Europe/Berlin")).toEqual({
      date: "2026-11-27",
      time: "15:00",
      weekday: 5,
    });
    expect(localDateTimeIn(at("2026-07-03T19:00:59.999Z"), "America/New_York")).toEqual({
      date: "2026-07-03",
      time: "15:00",
      weekday: 5,
    });
    // Midnight prints as 00, never 24.
    expect(localDateTimeIn(at("2026-11-30T00:00:00Z"), "UTC")).toEqual({
      date: "2026-11-30",
      time: "00:00",
      weekday: 1,
    });
    expect(utcOffsetMinutes(at("2026-01-15T12:00:00Z"), "America/New_York")).toBe(-300);
    expect(utcOffsetMinutes(at("2026-07-15T12:00:00Z"), "America/New_York")).toBe(-240);
    expect(utcOffsetMinutes(at("2026-07-15T12:00:00Z"), "Asia/Kathmandu")).toBe(345);
  });

  it("Pacific/Auckland and Pacific/Honolulu are in a different ISO week than UTC around midnight UTC", () => {
    // Sunday 29 Nov 2026 20:00Z is still 2026-W48 in UTC, but Monday 09:00 (NZDT, +13) in Auckland.
    const sundayEvening = at("2026-11-29T20:00:00Z");
    expect(isoWeekAt(sundayEvening, "UTC").key).toBe("2026-W48");
    expect(localDateTimeIn(sundayEvening, "Pacific/Auckland")).toEqual({
      date: "2026-11-30",
      time: "09:00",
      weekday: 1,
    });
    expect(isoWeekAt(sundayEvening, "Pacific/Auckland").key).toBe("2026-W49");
    // Monday 30 Nov 2026 03:00Z is 2026-W49 in UTC, but Sunday 17:00 (−10) in Honolulu.
    const mondayMorning = at("2026-11-30T03:00:00Z");
    expect(isoWeekAt(mondayMorning, "UTC").key).toBe("2026-W49");
    expect(localDateTimeIn(mondayMorning, "Pacific/Honolulu")).toEqual({
      date: "2026-11-29",
      time: "17:00",
      weekday: 7,
    });
    expect(isoWeekAt(mondayMorning, "Pacific/Honolulu").key).toBe("2026-W48");
  });
});

describe("zonedTimeToInstant", () => {
  it("puts Friday 15:00 at the right UTC instant on both sides of the New York DST changes", () => {
    // DST starts Sun 2026-03-08, ends Sun 2026-11-01.
    expect(iso(zonedTimeToInstant("2026-03-06", "15:00", "America/New_York"))).toBe(
      "2026-03-06T20:00:00.000Z",
    );
    expect(iso(zonedTimeToInstant("2026-03-13", "15:00", "America/New_York"))).toBe(
      "2026-03-13T19:00:00.000Z",
    );
    expect(iso(zonedTimeToInstant("2026-10-30", "15:00", "America/New_York"))).toBe(
      "2026-10-30T19:00:00.000Z",
    );
    expect(iso(zonedTimeToInstant("2026-11-06", "15:00", "America/New_York"))).toBe(
      "2026-11-06T20:00:00.000Z",
    );
  });

  it("puts Friday 15:00 at the right UTC instant on both sides of the Berlin DST changes", () => {
    // DST starts Sun 2026-03-29, ends Sun 2026-10-25.
    expect(iso(zonedTimeToInstant("2026-03-27", "15:00", "Europe/Berlin"))).toBe("2026-03-27T14:00:00.000Z");
    expect(iso(zonedTimeToInstant("2026-04-03", "15:00", "Europe/Berlin"))).toBe("2026-04-03T13:00:00.000Z");
    expect(iso(zonedTimeToInstant("2026-10-23", "15:00", "Europe/Berlin"))).toBe("2026-10-23T13:00:00.000Z");
    expect(iso(zonedTimeToInstant("2026-10-30", "15:00", "Europe/Berlin"))).toBe("2026-10-30T14:00:00.000Z");
  });

  it("moves a nonexistent local time (DST gap) forward by the gap", () => {
    const ny = zonedTimeToInstant("2026-03-08", "02:30", "America/New_York");
    expect(iso(ny)).toBe("2026-03-08T07:30:00.000Z");
    expect(localDateTimeIn(ny, "America/New_York").time).toBe("03:30");
    const berlin = zonedTimeToInstant("2026-03-29", "02:00", "Europe/Berlin");
    expect(iso(berlin)).toBe("2026-03-29T01:00:00.000Z");
    expect(localDateTimeIn(berlin, "Europe/Berlin").time).toBe("03:00");
    // Lord Howe Island has a 30-minute DST gap (02:00 → 02:30 on Sun 2026-10-04).
    const lordHowe = zonedTimeToInstant("2026-10-04", "02:15", "Australia/Lord_Howe");
    expect(localDateTimeIn(lordHowe, "Australia/Lord_Howe")).toMatchObject({
      date: "2026-10-04",
      time: "02:45",
    });
  });

  it("picks the earlier instant of a repeated local time (DST overlap)", () => {
    expect(iso(zonedTimeToInstant("2026-11-01", "01:30", "America/New_York"))).toBe(
      "2026-11-01T05:30:00.000Z",
    );
    expect(iso(zonedTimeToInstant("2026-10-25", "02:30", "Europe/Berlin"))).toBe("2026-10-25T00:30:00.000Z");
    // The instant just before the earlier one is the same wall time minus a minute, in summer time.
    expect(localDateTimeIn(at("2026-10-25T00:29:00Z"), "Europe/Berlin").time).toBe("02:29");
  });

  it("handles zones far from UTC and across the date line", () => {
    expect(iso(zonedTimeToInstant("2026-11-27", "15:00", "Pacific/Auckland"))).toBe(
      "2026-11-27T02:00:00.000Z",
    );
    expect(iso(zonedTimeToInstant("2026-11-27", "15:00", "Pacific/Honolulu"))).toBe(
      "2026-11-28T01:00:00.000Z",
    );
    expect(iso(zonedTimeToInstant("2026-11-27", "15:00", "Pacific/Kiritimati"))).toBe(
      "2026-11-27T01:00:00.000Z",
    );
  });

  it("round-trips every existing wall time (property)", () => {
    const zones = [
      "America/New_York",
      "Europe/Berlin",
      "Pacific/Auckland",
      "Pacific/Honolulu",
      "Australia/Lord_Howe",
      "America/Santiago",
      "Asia/Kolkata",
      "UTC",
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) }),
        (tz, ms) => {
          const instant = new Date(Math.floor(ms / 60_000) * 60_000);
          const local = localDateTimeIn(instant, tz);
          const back = zonedTimeToInstant(local.date, local.time, tz);
          // Same wall time; equal instant unless the wall time occurs twice (then the earlier one).
          expect(localDateTimeIn(back, tz)).toEqual(local);
          expect(back.getTime()).toBeLessThanOrEqual(instant.getTime());
          expect(instant.getTime() - back.getTime()).toBeLessThanOrEqual(2 * 3_600_000);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("days and ISO weeks", () => {
  it("adds days across months, leap days and years", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2027-01-01", -1)).toBe("2026-12-31");
    expect(addDays("2026-11-23", 0)).toBe("2026-11-23");
    expect(daysBetween("2026-12-28", "2027-01-03")).toBe(6);
    expect(weekdayOf("2026-11-27")).toBe(5);
    expect(weekdayOf("2026-11-29")).toBe(7);
  });

  it("finds the ISO week of a date, including years with 53 weeks", () => {
    expect(isoWeekOf("2026-11-27")).toEqual({
      key: "2026-W48",
      year: 2026,
      week: 48,
      monday: "2026-11-23",
      sunday: "2026-11-29",
    });
    expect(isoWeekOf("2027-01-01")).toMatchObject({
      key: "2026-W53",
      monday: "2026-12-28",
      sunday: "2027-01-03",
    });
    expect(isoWeekOf("2027-01-04").key).toBe("2027-W01");
    expect(isoWeekOf("2026-01-01").key).toBe("2026-W01");
    expect(isoWeekOf("2024-12-30").key).toBe("2025-W01");
    expect(isoWeekOf("2021-01-03").key).toBe("2020-W53");
    expect(isoWeeksInYear(2026)).toBe(53);
    expect(isoWeeksInYear(2025)).toBe(52);
    expect(isoWeeksInYear(2020)).toBe(53);
  });

  it("maps week keys back to their days", () => {
    expect(isoWeekMonday("2026-W48")).toBe("2026-11-23");
    expect(isoWeekSunday("2026-W48")).toBe("2026-11-29");
    expect(isoWeekThursday("2027-W01")).toBe("2027-01-07");
    expect(isoWeekMonday("2026-W01")).toBe("2025-12-29");
    expect(isoWeekMonday("2026-W53")).toBe("2026-12-28");
    expect(addWeeks("2026-W52", 2)).toBe("2027-W01");
    expect(addWeeks("2027-W01", -1)).toBe("2026-W53");
    expect(weekKeysBetween("2026-W52", "2027-W02")).toEqual(["2026-W52", "2026-W53", "2027-W01", "2027-W02"]);
    expect(weekKeysBetween("2027-W02", "2026-W52")).toEqual([]);
  });

  it("bounds a local week from Monday 00:00 to Sunday 24:00 on the local wall clock", () => {
    // 2026-W43 (Mon 19 – Sun 25 Oct) in Berlin contains the fall-back night, so it is 169 hours long.
    const berlin = isoWeekBounds("2026-W43", "Europe/Berlin");
    expect(iso(berlin.opensAt)).toBe("2026-10-18T22:00:00.000Z");
    expect(iso(berlin.closesAt)).toBe("2026-10-25T23:00:00.000Z");
    expect((berlin.closesAt.getTime() - berlin.opensAt.getTime()) / 3_600_000).toBe(169);
    const ny = isoWeekBounds("2026-W10", "America/New_York");
    expect(iso(ny.opensAt)).toBe("2026-03-02T05:00:00.000Z");
    expect(iso(ny.closesAt)).toBe("2026-03-09T04:00:00.000Z");
  });

  it("every instant lies in exactly one local week, between its bounds (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          "America/New_York",
          "Europe/Berlin",
          "Pacific/Auckland",
          "Pacific/Honolulu",
          "Asia/Kathmandu",
        ),
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }),
        (tz, ms) => {
          const instant = new Date(ms);
          const week = isoWeekAt(instant, tz);
          const bounds = isoWeekBounds(week.key, tz);
          expect(bounds.opensAt.getTime()).toBeLessThanOrEqual(ms);
          expect(ms).toBeLessThan(bounds.closesAt.getTime());
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("months and the digest calendar", () => {
  it("gives a week to the month of its Thursday", () => {
    // Mon 28 Sep – Sun 4 Oct 2026: Thursday 1 Oct → October.
    expect(isoWeekOf("2026-10-01").key).toBe("2026-W40");
    expect(monthOfWeek("2026-W40")).toBe("2026-10");
    expect(monthOfWeek(isoWeekOf("2026-09-28").key)).toBe("2026-10");
    // Mon 28 Dec 2026 – Sun 3 Jan 2027: Thursday 31 Dec → December (and ISO year 2026).
    expect(monthOfWeek(isoWeekOf("2027-01-03").key)).toBe("2026-12");
    expect(monthOfWeek("2026-W53")).toBe("2026-12");
    // 2027-W01's Thursday is 7 Jan 2027.
    expect(monthOfWeek("2027-W01")).toBe("2027-01");
    // Mon 26 Oct – Sun 1 Nov 2026: Thursday 29 Oct → October.
    expect(monthOfWeek(isoWeekOf("2026-11-01").key)).toBe("2026-10");
  });

  it("lists the weeks of a month in order", () => {
    expect(weeksOfMonth("2026-10")).toEqual(["2026-W40", "2026-W41", "2026-W42", "2026-W43", "2026-W44"]);
    expect(weeksOfMonth("2026-11")).toEqual(["2026-W45", "2026-W46", "2026-W47", "2026-W48"]);
    expect(weeksOfMonth("2026-12")).toEqual(["2026-W49", "2026-W50", "2026-W51", "2026-W52", "2026-W53"]);
    expect(weeksOfMonth("2027-01")).toEqual(["2027-W01", "2027-W02", "2027-W03", "2027-W04"]);
  });

  it("partitions the weeks: each week in exactly one month, none skipped", () => {
    const months = monthsBack("2028-12", 48);
    const weeks = months.flatMap(weeksOfMonth);
    expect(weeks).toEqual(weekKeysBetween(weeks[0] ?? "", weeks.at(-1) ?? ""));
    for (const m of months) for (const w of weeksOfMonth(m)) expect(monthOfWeek(w)).toBe(m);
  });

  it("steps months", () => {
    expect(previousMonth("2027-01")).toBe("2026-12");
    expect(nextMonth("2026-12")).toBe("2027-01");
    expect(addMonths("2026-11", -14)).toBe("2025-09");
    expect(monthsBack("2026-02", 3)).toEqual(["2025-12", "2026-01", "2026-02"]);
    expect(monthsBack("2026-02", 0)).toEqual([]);
    expect(monthAt(at("2026-11-30T23:30:00Z"), "Europe/Berlin")).toBe("2026-12");
  });

  it("finds the first working day (Mon–Fri) of a month", () => {
    expect(firstWorkingDay("2026-11")).toBe("2026-11-02"); // 1 Nov is a Sunday
    expect(firstWorkingDay("2026-08")).toBe("2026-08-03"); // 1 Aug is a Saturday
    expect(firstWorkingDay("2027-01")).toBe("2027-01-01"); // a Friday; no holiday calendar
    expect(firstWorkingDay("2026-10")).toBe("2026-10-01"); // a Thursday
  });

  it("puts the digest at 10:00 of the first working day in the workspace zone", () => {
    expect(iso(digestDueInstant("2026-11", "10:00", "Europe/Berlin"))).toBe("2026-11-02T09:00:00.000Z");
    expect(iso(digestDueInstant("2026-03", "10:00", "America/New_York"))).toBe("2026-03-02T15:00:00.000Z");
    expect(iso(digestDueInstant("2026-06", "10:00", "Pacific/Auckland"))).toBe("2026-05-31T22:00:00.000Z");
  });
});
