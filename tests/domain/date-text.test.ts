import { describe, expect, it } from "vitest";
import { dayLabel, monthLabel, weekdayDayLabel } from "../../src/domain/date-text.ts";

describe("dates in messages", () => {
  it("names months, days and weekdays the way people write them", () => {
    expect(monthLabel("2026-11")).toBe("November 2026");
    expect(monthLabel("2027-01")).toBe("January 2027");
    expect(dayLabel("2026-11-02")).toBe("2 Nov");
    expect(dayLabel("2027-01-03", true)).toBe("3 Jan 2027");
    expect(weekdayDayLabel("2026-12-25")).toBe("Fri 25 Dec");
    expect(weekdayDayLabel("2026-12-28", true)).toBe("Mon 28 Dec 2026");
  });

  it("leaves something that is not a month as it was", () => {
    expect(monthLabel("soon")).toBe("soon");
  });
});
