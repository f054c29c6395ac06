import { describe, expect, it } from "vitest";
import {
  dueCheckins,
  explainLead,
  type LeadSchedule,
  type ScheduleOptions,
  type StateLookup,
} from "../../src/domain/checkin-schedule.ts";
import { checkinDayAround, type HolidayCalendar } from "../../src/domain/holiday-shift.ts";
import { holidayCalendar, holidayPlaceName, isPublicHoliday } from "../../src/services/public-holidays.ts";

const OPTS: ScheduleOptions = { reminderAfterHours: 24, maxAttempts: 3 };
const none: StateLookup = () => undefined;
const at = (iso: string) => new Date(iso);

const germany = holidayCalendar({ country: "DE", region: null });
const us = holidayCalendar({ country: "US", region: null });

function lead(userId: string, tz: string, holidays: HolidayCalendar | undefined, weekday = 5): LeadSchedule {
  return { userId, tz, slot: { weekday: weekday as 5, time: "15:00" }, paused: false, away: [], holidays };
}

const dueAt = (l: LeadSchedule, now: string) => dueCheckins([l], none, at(now), OPTS);

describe("the public-holiday lookup", () => {
  it("knows public holidays by country and region, and not observances", () => {
    expect(isPublicHoliday({ country: "DE", region: null }, "2026-04-03")).toBe(true); // Good Friday
    expect(isPublicHoliday({ country: "US", region: null }, "2026-04-03")).toBe(false);
    expect(isPublicHoliday({ country: "US", region: null }, "2026-04-15")).toBe(false); // Tax Day: an observance
    expect(isPublicHoliday({ country: "DE", region: "BY" }, "2026-01-06")).toBe(true); // Epiphany, Bavaria only
    expect(isPublicHoliday({ country: "DE", region: "BE" }, "2026-01-06")).toBe(false);
  });

  it("names the place for the DM, and knows no calendar for an unknown country", () => {
    expect(germany?.placeName).toBe("Germany");
    expect(holidayPlaceName({ country: "XX", region: null })).toBeNull();
    expect(holidayCalendar({ country: "XX", region: null })).toBeUndefined();
  });
});

describe("a check-in on a public holiday", () => {
  it("comes on Thursday for a lead in Germany whose Friday is Good Friday, saying why", () => {
    const de = lead("U0DE", "Europe/Berlin", germany);
    expect(dueAt(de, "2026-04-02T12:59:00Z")).toEqual([]);
    const [action] = dueAt(de, "2026-04-02T13:00:00Z"); // Thu 15:00 CEST
    expect(action).toMatchObject({
      kind: "send",
      week: "2026-W14",
      dueAt: at("2026-04-02T13:00:00Z"),
      holidayMove: { from: "2026-04-03", to: "2026-04-02", placeName: "Germany" },
    });
  });

  it("comes on Friday as usual for a lead in the US that week", () => {
    const usLead = lead("U0US", "America/New_York", us);
    expect(dueAt(usLead, "2026-04-02T19:00:00Z")).toEqual([]);
    const [action] = dueAt(usLead, "2026-04-03T19:00:00Z"); // Fri 15:00 EDT
    expect(action?.dueAt).toEqual(at("2026-04-03T19:00:00Z"));
    expect(action && "holidayMove" in action).toBe(false);
  });

  it("moves back across the year boundary within the ISO week: New Year's Day 2027 to 31 December", () => {
    const [action] = dueAt(lead("U0DE", "Europe/Berlin", germany), "2026-12-31T14:00:00Z");
    expect(action).toMatchObject({
      week: "2026-W53",
      dueAt: at("2026-12-31T14:00:00Z"), // 15:00 CET
      holidayMove: { from: "2027-01-01", to: "2026-12-31" },
    });
  });

  it("keeps the slot's wall-clock time on the day it moves to, in the week the clocks change", () => {
    // Good Friday 2027 is 26 March; Europe moves to summer time on Sunday 28 March.
    const [action] = dueAt(lead("U0DE", "Europe/Berlin", germany), "2027-03-25T14:00:00Z");
    expect(action).toMatchObject({ week: "2027-W12", dueAt: at("2027-03-25T14:00:00Z") }); // 15:00 CET
    // Cairo goes to summer time at midnight into Friday 24 April 2026: Thursday's 15:00 is still +02:00.
    const friday = { isHoliday: (d: string) => d === "2026-04-24", placeName: "Egypt" };
    const [cairo] = dueAt(lead("U0EG", "Africa/Cairo", friday), "2026-04-23T13:00:00Z");
    expect(cairo).toMatchObject({ dueAt: at("2026-04-23T13:00:00Z"), holidayMove: { to: "2026-04-23" } });
  });

  it("counts the week as away when every working day up to the slot is a holiday", () => {
    const everyDay: HolidayCalendar = { isHoliday: () => true, placeName: "Holidayland" };
    const l = lead("U0H", "Europe/Berlin", everyDay);
    expect(dueAt(l, "2026-11-20T23:00:00Z")).toEqual([]);
    const explained = explainLead(l, none, at("2026-11-20T23:00:00Z"), OPTS);
    expect(explained.status).toBe("away");
    expect(explained.reason).toContain("public holiday in Holidayland");
    // A Monday slot on Easter Monday has no earlier working day either.
    expect(
      explainLead(lead("U0DE", "Europe/Berlin", germany, 1), none, at("2026-04-06T14:00:00Z"), OPTS).status,
    ).toBe("away");
  });

  it("skips holidays and weekends when stepping back, and leaves a working day alone", () => {
    const holidays = new Set(["2026-11-20", "2026-11-19"]);
    const calendar = { isHoliday: (d: string) => holidays.has(d), placeName: "X" };
    expect(checkinDayAround("2026-11-20", calendar)).toEqual({
      kind: "moved",
      date: "2026-11-18",
      from: "2026-11-20",
    });
    // A Sunday slot on a holiday steps back past Saturday to Friday.
    expect(checkinDayAround("2026-11-22", { isHoliday: (d) => d === "2026-11-22", placeName: "X" })).toEqual({
      kind: "moved",
      date: "2026-11-20",
      from: "2026-11-22",
    });
    expect(checkinDayAround("2026-11-17", calendar)).toEqual({ kind: "on", date: "2026-11-17" });
    expect(checkinDayAround("2026-11-20", undefined)).toEqual({ kind: "on", date: "2026-11-20" });
  });
});
