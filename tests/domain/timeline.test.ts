import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  appendsToMatch,
  canonicalTimeline,
  type Entry,
  periodsOf,
  stateOn,
  timelineOfPeriods,
} from "../../src/domain/timeline.ts";

const same = (a: string | null, b: string | null) => a === b;

describe("timelines", () => {
  const history: Entry<string | null>[] = [
    { date: "2026-01-05", state: "60/40" },
    { date: "2026-03-01", state: "50/50" },
    { date: "2026-03-01", state: "70/30" }, // recorded later the same day: wins
    { date: "2026-06-01", state: "70/30" }, // changes nothing
  ];

  it("answers the state in force on a date; a later recording wins on the same date", () => {
    expect(stateOn(history, "2026-01-04", null)).toBeNull();
    expect(stateOn(history, "2026-01-05", null)).toBe("60/40");
    expect(stateOn(history, "2026-02-28", null)).toBe("60/40");
    expect(stateOn(history, "2026-03-01", null)).toBe("70/30");
    expect(stateOn(history, "2027-01-01", null)).toBe("70/30");
  });

  it("reduces a history to its real changes", () => {
    expect(canonicalTimeline(history, null, same)).toEqual([
      { date: "2026-01-05", state: "60/40" },
      { date: "2026-03-01", state: "70/30" },
    ]);
  });

  it("appends nothing when a history already matches, and only the differing dates otherwise", () => {
    expect(appendsToMatch(history, canonicalTimeline(history, null, same), null, same)).toEqual([]);
    const desired = [
      { date: "2026-01-05", state: "60/40" },
      { date: "2026-02-01", state: "55/45" },
    ];
    expect(appendsToMatch(history, desired, null, same)).toEqual([
      { date: "2026-02-01", state: "55/45" },
      { date: "2026-03-01", state: "55/45" },
      // The old history's own (redundant) entry here would otherwise answer again from this day.
      { date: "2026-06-01", state: "55/45" },
    ]);
  });

  it("turns boolean timelines into periods and back", () => {
    const periods = [
      { from: "2026-01-05", until: "2026-03-01" },
      { from: "2026-03-01", until: "2026-04-01" }, // adjacent: one period
      { from: "2026-06-01", until: undefined },
    ];
    const t = timelineOfPeriods(periods);
    expect(periodsOf(t)).toEqual([
      { from: "2026-01-05", until: "2026-04-01" },
      { from: "2026-06-01", until: undefined },
    ]);
  });

  it("after appending, every date answers as desired, whatever the two histories (property)", () => {
    const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-01-${String(d).padStart(2, "0")}`);
    const entries = fc.array(
      fc.record({ date: day, state: fc.constantFrom("a", "b", "c", null as string | null) }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(entries, entries, (existing, wanted) => {
        // A desired timeline is canonical (one entry per date); the existing history may be anything.
        const desired = canonicalTimeline(wanted, null, same);
        const merged = [...existing, ...appendsToMatch(existing, desired, null, same)];
        for (let d = 1; d <= 28; d++) {
          const date = `2026-01-${String(d).padStart(2, "0")}`;
          if (stateOn(merged, date, null) !== stateOn(desired, date, null)) return false;
        }
        return appendsToMatch(merged, desired, null, same).length === 0;
      }),
    );
  });
});
