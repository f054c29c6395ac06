import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CheckinAnswer,
  computeLeadDigest,
  computeTeamDigest,
  digestWindow,
  type LeadDigest,
  type LeadInput,
  type TeamDigestInput,
} from "../../src/domain/digest.ts";
import { renderLeadDigestText, renderTeamDigestText } from "../../src/domain/digest-text.ts";
import { hybridPeriodsFromHatChanges, leadPeriodsOnTeam } from "../../src/domain/hat-periods.ts";
import { teamHealthFindings } from "../../src/domain/health-rules.ts";
import type { RoleId } from "../../src/domain/roles.ts";
import { addMonths, weeksOfMonth } from "../../src/domain/time.ts";

// November 2026 has the weeks W45 (Thu 5 Nov) … W48 (Thu 26 Nov). W44 (Mon 26 Oct – Sun 1 Nov) is
// October's; W49 (Mon 30 Nov – Sun 6 Dec) is December's.
const MONTH = "2026-11";
const AS_OF = "2026-12-01";
const TL_EM = { "tech-lead": 60, "engineering-manager": 40 } as const;

function split(tl: number): CheckinAnswer {
  return { kind: "split", split: { "tech-lead": tl, "engineering-manager": 100 - tl } };
}

/** Every week of each month answered with the given tech-lead share. */
function answersFor(byMonth: Record<string, number>): Record<string, CheckinAnswer> {
  const out: Record<string, CheckinAnswer> = {};
  for (const [month, tl] of Object.entries(byMonth)) for (const w of weeksOfMonth(month)) out[w] = split(tl);
  return out;
}

function lead(overrides: Partial<LeadInput> = {}): LeadInput {
  return {
    userId: "U1",
    displayName: "Ana",
    hats: ["tech-lead", "engineering-manager"],
    hybridPeriods: [{ start: "2020-01-01", end: null }],
    allocations: [{ effectiveDate: "2020-01-01", split: TL_EM }],
    answers: {},
    ...overrides,
  };
}

function digest(l: LeadInput, options: Partial<TeamDigestInput> = {}): LeadDigest {
  const d = computeLeadDigest(l, options.month ?? MONTH, options.asOf ?? AS_OF, options);
  if (!d) throw new Error("expected a lead digest");
  return d;
}

describe("digestWindow", () => {
  it("covers this month and 12 months back by default, as weeks and dates", () => {
    const w = digestWindow(MONTH);
    expect(w.months).toHaveLength(12);
    expect(w.months[0]).toBe("2025-12");
    expect(w.months[11]).toBe("2026-11");
    expect(w.fromWeek).toBe("2025-W49"); // Thu 4 Dec 2025
    expect(w.fromDate).toBe("2025-12-01");
    expect(w.toWeek).toBe("2026-W48");
    expect(w.toDate).toBe("2026-11-29");
    expect(digestWindow(MONTH, { streakCapMonths: 3, chartMonths: 6 }).months).toHaveLength(6);
  });
});

describe("stated split and allocation in force", () => {
  it("weights an allocation change in the middle of the month by the weeks each was in force", () => {
    // Effective on Thursday 12 Nov: in force for W46 (its Thursday) onwards.
    const l = lead({
      allocations: [
        { effectiveDate: "2026-01-01", split: TL_EM },
        { effectiveDate: "2026-11-12", split: { "tech-lead": 40, "engineering-manager": 60 } },
      ],
      answers: Object.fromEntries(
        weeksOfMonth(MONTH).map((w) => [w, { kind: "as-planned" } as CheckinAnswer]),
      ),
    });
    const d = digest(l);
    expect(d.stated).toEqual({ "tech-lead": 45, "engineering-manager": 55 }); // (60 + 3×40) / 4
    expect(d.allocationsInForce.map((a) => a.effectiveDate)).toEqual(["2026-01-01", "2026-11-12"]);
    // As-planned means "the allocation in force that week", so no drift at all.
    expect(d.actual).toEqual({ "tech-lead": 45, "engineering-manager": 55 });
    expect(d.drift).toEqual({ "tech-lead": 0, "engineering-manager": 0 });
    expect(d.technicalShare).toEqual({ stated: 45, actual: 45 });
  });

  it("a change effective after the week's Thursday applies from the next week", () => {
    const l = lead({
      allocations: [
        { effectiveDate: "2026-11-13", split: { "tech-lead": 40, "engineering-manager": 60 } }, // Friday
        { effectiveDate: "2026-01-01", split: TL_EM }, // any order
      ],
    });
    expect(digest(l).stated).toEqual({ "tech-lead": 50, "engineering-manager": 50 }); // 2 weeks each
  });

  it("measures drift against the allocation in force each week, not today's", () => {
    const l = lead({
      allocations: [
        { effectiveDate: "2026-01-01", split: TL_EM },
        { effectiveDate: "2026-11-12", split: { "tech-lead": 40, "engineering-manager": 60 } },
      ],
      answers: answersFor({ [MONTH]: 60 }),
    });
    const d = digest(l);
    expect(d.actual).toEqual({ "tech-lead": 60, "engineering-manager": 40 });
    // W45: 0; W46–W48: +20 → +15 on average (against today's 40/60 it would wrongly be +20).
    expect(d.drift).toEqual({ "tech-lead": 15, "engineering-manager": -15 });
    expect(d.largestDrift).toEqual({ hat: "tech-lead", pp: 15 });
    expect(d.overThreshold).toBe(false); // 15 is not over 15
  });

  it("reports the baseline of the answered weeks when it differs from the stated split", () => {
    const l = lead({
      allocations: [
        { effectiveDate: "2026-01-01", split: TL_EM },
        { effectiveDate: "2026-11-12", split: { "tech-lead": 40, "engineering-manager": 60 } },
      ],
      answers: { "2026-W47": split(70), "2026-W48": split(70) },
    });
    const d = digest(l);
    expect(d.stated).toEqual({ "tech-lead": 45, "engineering-manager": 55 });
    expect(d.baseline).toEqual({ "tech-lead": 40, "engineering-manager": 60 });
    expect(d.drift).toEqual({ "tech-lead": 30, "engineering-manager": -30 });
    expect(renderLeadDigestText(d, { thresholdPp: 15 })).toContain(
      "vs TL 40% · EM 60% in force in the answered weeks",
    );
  });

  it("keeps the other bucket as its own hat", () => {
    const l = lead({
      allocations: [
        { effectiveDate: "2026-01-01", split: { "tech-lead": 50, "engineering-manager": 40, other: 10 } },
      ],
      answers: {
        "2026-W45": { kind: "split", split: { "tech-lead": 50, "engineering-manager": 20, other: 30 } },
      },
    });
    const d = digest(l);
    expect(d.drift).toEqual({ "tech-lead": 0, "engineering-manager": -20, other: 20 });
    expect(d.largestDrift).toEqual({ hat: "engineering-manager", pp: -20 });
  });
});

describe("which weeks count", () => {
  it("a week spanning two months belongs to the month of its Thursday", () => {
    const l = lead({
      answers: {
        "2026-W44": split(100), // Mon 26 Oct – Sun 1 Nov: October
        "2026-W45": split(80),
        "2026-W49": split(0), // Mon 30 Nov – Sun 6 Dec: December
      },
    });
    const d = digest(l, { asOf: "2026-12-10" });
    expect(d.weeks).toEqual({ lead: 4, answered: 1, away: 0, missing: 3 });
    expect(d.actual).toEqual({ "tech-lead": 80, "engineering-manager": 20 });
    const october = d.history.find((p) => p.month === "2026-10");
    expect(october?.actualTechnical).toBe(100);
    expect(october?.weeks.answered).toBe(1);
  });

  it("counts only weeks on or after the lead became hybrid, and only weeks that have ended", () => {
    // Hybrid from Tue 10 Nov: W46 (Thu 12 Nov) counts, W45 does not.
    const l = lead({ hybridPeriods: [{ start: "2026-11-10", end: null }] });
    expect(digest(l).weeks).toEqual({ lead: 3, answered: 0, away: 0, missing: 3 });
    // On Wed 25 Nov, W48 has not ended and is not answered yet: left out, not missing.
    expect(digest(lead(), { asOf: "2026-11-25" }).weeks.missing).toBe(3);
    // …but an answer already given for it counts.
    expect(digest(lead({ answers: { "2026-W48": split(60) } }), { asOf: "2026-11-25" }).weeks).toEqual({
      lead: 4,
      answered: 1,
      away: 0,
      missing: 3,
    });
    // A hybrid period that ended (end exclusive) stops counting weeks.
    expect(digest(lead({ hybridPeriods: [{ start: "2020-01-01", end: "2026-11-19" }] })).weeks.lead).toBe(2);
    // Not a lead at all this month: no digest.
    expect(
      computeLeadDigest(lead({ hybridPeriods: [{ start: "2026-12-01", end: null }] }), MONTH, AS_OF),
    ).toBeNull();
  });

  it("gives a lead with no answers a null actual and drift, every week missing", () => {
    const d = digest(lead());
    expect(d.weeks).toEqual({ lead: 4, answered: 0, away: 0, missing: 4 });
    expect(d.stated).toEqual(TL_EM);
    expect(d.actual).toBeNull();
    expect(d.drift).toBeNull();
    expect(d.largestDrift).toBeNull();
    expect(d.direction).toBeNull();
    expect(d.driftStreakMonths).toBe(0);
    expect(d.technicalShare).toEqual({ stated: 60, actual: null });
    expect(renderLeadDigestText(d, { thresholdPp: 15 })).toContain("no answers this month");
  });

  it("counts away weeks as away, not missing, from an away answer or an away range", () => {
    const l = lead({
      answers: { "2026-W45": split(60), "2026-W46": { kind: "away" }, "2026-W48": split(80) },
      // W48 is in an away range but was answered: the answer wins.
      awayWeeks: ["2026-W47", "2026-W48"],
    });
    const d = digest(l);
    expect(d.weeks).toEqual({ lead: 4, answered: 2, away: 2, missing: 0 });
    expect(d.actual).toEqual({ "tech-lead": 70, "engineering-manager": 30 });
    expect(d.drift).toEqual({ "tech-lead": 10, "engineering-manager": -10 });
    // A Set works as well as an array.
    expect(digest(lead({ awayWeeks: new Set(["2026-W45"]) })).weeks.away).toBe(1);
  });

  it("never counts a missing week as as-planned", () => {
    const l = lead({ answers: { "2026-W45": split(90) } });
    const d = digest(l);
    expect(d.weeks).toEqual({ lead: 4, answered: 1, away: 0, missing: 3 });
    // Only the answered week: 90/10, not (90 + 3×60) / 4.
    expect(d.actual).toEqual({ "tech-lead": 90, "engineering-manager": 10 });
    expect(d.drift).toEqual({ "tech-lead": 30, "engineering-manager": -30 });
    expect(d.overThreshold).toBe(true);
  });
});

describe("direction against last month", () => {
  it.each([
    [{ "2026-10": 70, "2026-11": 80 }, "growing"], // 10 → 20
    [{ "2026-10": 80, "2026-11": 70 }, "shrinking"], // 20 → 10
    [{ "2026-10": 78, "2026-11": 80 }, "steady"], // 18 → 20: within 5 pp
    [{ "2026-10": 40, "2026-11": 80 }, "steady"], // −20 → +20: same size
    [{ "2026-11": 80 }, "new"], // nothing measured in October
  ] as const)("%j → %s", (byMonth, expected) => {
    expect(digest(lead({ answers: answersFor(byMonth) })).direction).toBe(expected);
  });

  it("looks past a month spent entirely away", () => {
    const l = lead({
      answers: answersFor({ "2026-09": 70, "2026-11": 80 }),
      awayWeeks: weeksOfMonth("2026-10"),
    });
    const d = digest(l);
    expect(d.previousLargestDrift).toEqual({ hat: "tech-lead", pp: 10 });
    expect(d.direction).toBe("growing");
  });

  it("honours a custom steady band", () => {
    const l = lead({ answers: answersFor({ "2026-10": 70, "2026-11": 80 }) });
    expect(digest(l, { steadyBandPp: 11 }).direction).toBe("steady");
  });
});

describe("over-threshold streak", () => {
  it("counts consecutive months over the threshold, ending with this month", () => {
    const l = lead({ answers: answersFor({ "2026-08": 70, "2026-09": 80, "2026-10": 80, "2026-11": 80 }) });
    const d = digest(l);
    expect(d.driftStreakMonths).toBe(3);
    expect(d.driftStreakCapped).toBe(false);
    expect(d.direction).toBe("steady");
  });

  it("is broken by a month exactly at the threshold or without answers", () => {
    expect(
      digest(lead({ answers: answersFor({ "2026-09": 80, "2026-10": 75, "2026-11": 80 }) }))
        .driftStreakMonths,
    ).toBe(1);
    expect(digest(lead({ answers: answersFor({ "2026-09": 80, "2026-11": 80 }) })).driftStreakMonths).toBe(1);
  });

  it("skips a month spent entirely away", () => {
    const l = lead({
      answers: answersFor({ "2026-09": 80, "2026-11": 80 }),
      awayWeeks: weeksOfMonth("2026-10"),
    });
    expect(digest(l).driftStreakMonths).toBe(2);
  });

  it("is zero when this month is not over the threshold", () => {
    expect(digest(lead({ answers: answersFor({ "2026-10": 80, "2026-11": 60 }) })).driftStreakMonths).toBe(0);
  });

  it("uses the threshold parameter", () => {
    const l = lead({ answers: answersFor({ "2026-10": 70, "2026-11": 70 }) }); // +10 pp
    expect(digest(l).driftStreakMonths).toBe(0);
    expect(digest(l, { thresholdPp: 5 }).driftStreakMonths).toBe(2);
  });

  it("is capped at streakCapMonths", () => {
    const months = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [addMonths(MONTH, -i), 90]));
    const l = lead({ answers: answersFor(months) });
    expect(digest(l)).toMatchObject({ driftStreakMonths: 8, driftStreakCapped: false });
    expect(digest(l, { streakCapMonths: 4 })).toMatchObject({
      driftStreakMonths: 4,
      driftStreakCapped: true,
    });
  });
});

describe("six-month series", () => {
  it("has stated and actual technical share per month, oldest first", () => {
    const l = lead({
      hats: ["tech-lead", "architect", "engineering-manager"],
      allocations: [
        { effectiveDate: "2020-01-01", split: { "tech-lead": 40, architect: 20, "engineering-manager": 40 } },
      ],
      answers: {
        ...answersFor({ "2026-07": 70 }),
        "2026-W45": { kind: "split", split: { "tech-lead": 50, architect: 30, "engineering-manager": 20 } },
      },
    });
    const d = digest(l);
    expect(d.series.map((p) => p.month)).toEqual([
      "2026-06",
      "2026-07",
      "2026-08",
      "2026-09",
      "2026-10",
      "2026-11",
    ]);
    expect(d.series.map((p) => p.statedTechnical)).toEqual([60, 60, 60, 60, 60, 60]);
    expect(d.series.map((p) => p.actualTechnical)).toEqual([null, 70, null, null, null, 80]);
    expect(d.history).toHaveLength(12);
  });
});

describe("privacy", () => {
  const base = { month: MONTH, asOf: AS_OF };
  const answers = answersFor({ [MONTH]: 80 });

  it("with fewer than 3 leads, shows no aggregate and nothing numeric for the private lead", () => {
    const d = computeTeamDigest({
      ...base,
      leads: [
        lead({ userId: "U1", displayName: "Ana", answers }),
        lead({ userId: "U2", displayName: "Bo", isPrivate: true, answers: answersFor({ [MONTH]: 97 }) }),
      ],
    });
    expect(d.leads).toHaveLength(2);
    expect(d.publicLeads.map((l) => l.userId)).toEqual(["U1"]);
    expect(d.privateLeadIds).toEqual(["U2"]);
    expect(d.aggregate).toBeNull();
    expect(d.privacyNote).toMatch(/1 lead keeps their numbers private/);
    const text = renderTeamDigestText(d, { findings: teamHealthFindings(d, { engineerCount: 5 }) });
    expect(text).toContain("Ana");
    expect(text).not.toContain("Bo");
    expect(text).not.toContain("97");
    // The private lead still gets their own numbers, for their DM.
    const own = d.leads.find((l) => l.userId === "U2");
    expect(own?.actual).toEqual({ "tech-lead": 97, "engineering-manager": 3 });
  });

  it("never averages a private lead with public leads whose numbers are shown (subtraction)", () => {
    const d = computeTeamDigest({
      ...base,
      leads: [
        lead({ userId: "U1", answers }),
        lead({ userId: "U2", answers }),
        lead({ userId: "U3", answers }),
        lead({ userId: "U4", isPrivate: true, answers }),
      ],
    });
    expect(d.publicLeads).toHaveLength(3);
    expect(d.aggregate).toBeNull();
    expect(d.privateLeadIds).toEqual(["U4"]);
  });

  it("with 3 or more private leads, shows their average and only that", () => {
    const d = computeTeamDigest({
      ...base,
      leads: [
        lead({ userId: "U1", displayName: "Ana", answers }),
        lead({ userId: "U2", displayName: "Bo", isPrivate: true, answers: answersFor({ [MONTH]: 70 }) }),
        lead({ userId: "U3", displayName: "Cy", isPrivate: true, answers: answersFor({ [MONTH]: 80 }) }),
        lead({ userId: "U4", displayName: "Di", isPrivate: true, answers: answersFor({ [MONTH]: 99 }) }),
      ],
    });
    expect(d.publicLeads.map((l) => l.userId)).toEqual(["U1"]);
    expect(d.privateLeadIds).toEqual(["U2", "U3", "U4"]);
    expect(d.aggregate).toMatchObject({
      scope: "private-leads",
      leadCount: 3,
      stated: { "tech-lead": 60, "engineering-manager": 40 },
      actual: { "tech-lead": 83, "engineering-manager": 17 },
      drift: { "tech-lead": 23, "engineering-manager": -23 },
      largestDrift: { hat: "tech-lead", pp: 23 },
      overThreshold: true,
      weeks: { lead: 12, answered: 12, away: 0, missing: 0 },
    });
    expect(d.aggregate?.series.at(-1)).toEqual({ month: MONTH, statedTechnical: 60, actualTechnical: 83 });
    const text = renderTeamDigestText(d);
    expect(text).toContain("Private leads (average of 3)");
    for (const hidden of ["Bo", "Cy", "Di", "99"]) expect(text).not.toContain(hidden);
  });

  it("withholds an aggregate figure that fewer than 3 private leads contribute to", () => {
    const d = computeTeamDigest({
      ...base,
      leads: [
        lead({ userId: "U2", isPrivate: true, answers }),
        lead({ userId: "U3", isPrivate: true, answers }),
        lead({ userId: "U4", isPrivate: true }), // no answers
      ],
    });
    expect(d.aggregate?.stated).toEqual(TL_EM);
    expect(d.aggregate?.actual).toBeNull();
    expect(d.aggregate?.drift).toBeNull();
    expect(d.aggregate?.technicalShare).toEqual({ stated: 60, actual: null });
  });

  it("shows every lead when nobody is private", () => {
    const d = computeTeamDigest({ ...base, leads: [lead({ userId: "U1" }), lead({ userId: "U2" })] });
    expect(d.publicLeads).toHaveLength(2);
    expect(d.aggregate).toBeNull();
    expect(d.privacyNote).toBeNull();
  });
});

describe("invariants (property-based)", () => {
  const weeks = ["2026-W44", ...weeksOfMonth(MONTH), "2026-W49"];
  const answer = fc.oneof(
    fc.constant<CheckinAnswer>({ kind: "as-planned" }),
    fc.constant<CheckinAnswer>({ kind: "away" }),
    fc.integer({ min: 0, max: 100 }).map(split),
  );
  const input = fc.record({
    answers: fc.dictionary(fc.constantFrom(...weeks), answer),
    awayWeeks: fc.subarray(weeks),
    changeDay: fc.integer({ min: 1, max: 30 }),
    tl: fc.integer({ min: 0, max: 100 }),
  });

  it("partitions lead weeks, keeps drift summing to zero and actual null exactly when nothing was answered", () => {
    fc.assert(
      fc.property(input, ({ answers, awayWeeks, changeDay, tl }) => {
        const d = digest(
          lead({
            answers,
            awayWeeks,
            allocations: [
              { effectiveDate: "2020-01-01", split: TL_EM },
              {
                effectiveDate: `2026-11-${String(changeDay).padStart(2, "0")}`,
                split: { "tech-lead": tl, "engineering-manager": 100 - tl },
              },
            ],
          }),
        );
        const w = d.weeks;
        expect(w.lead).toBe(4);
        expect(w.answered + w.away + w.missing).toBe(w.lead);
        expect(d.actual === null).toBe(w.answered === 0);
        const drift = Object.values(d.drift ?? {}).reduce((a, b) => a + b, 0);
        expect(Math.abs(drift)).toBeLessThanOrEqual(0.1 + 1e-9); // each hat rounded to 0.1
        const stated = Object.values(d.stated ?? {}).reduce((a, b) => a + b, 0);
        expect(Math.abs(stated - 100)).toBeLessThanOrEqual(0.1 + 1e-9); // each hat rounded to 0.1
      }),
    );
  });
});

describe("hybridPeriodsFromHatChanges", () => {
  it("opens a period at the second hat and closes it when one is taken off", () => {
    expect(
      hybridPeriodsFromHatChanges([
        { role: "engineering-manager", action: "assign", effectiveDate: "2026-03-01" },
        { role: "tech-lead", action: "assign", effectiveDate: "2026-01-01" },
        { role: "engineering-manager", action: "unassign", effectiveDate: "2026-06-15" },
        { role: "architect", action: "assign", effectiveDate: "2026-09-01" },
        // a swap on one day keeps two hats: no gap
        { role: "architect", action: "unassign", effectiveDate: "2026-10-01" },
        { role: "engineering-manager", action: "assign", effectiveDate: "2026-10-01" },
      ]),
    ).toEqual([
      { start: "2026-03-01", end: "2026-06-15" },
      { start: "2026-09-01", end: null },
    ]);
  });
});

describe("leadPeriodsOnTeam", () => {
  const change = (channelId: string, role: RoleId, action: "assign" | "unassign", effectiveDate: string) => ({
    channelId,
    role,
    action,
    effectiveDate,
  });

  it("is a lead of a team while wearing a hat there and two or more roles across all teams", () => {
    const changes = [
      change("C0ALPHA", "architect", "assign", "2026-01-01"),
      change("C0BRAVO", "tech-lead", "assign", "2026-03-01"), // hybrid across teams from here
      change("C0ALPHA", "architect", "unassign", "2026-05-01"), // no hat on alpha any more
      change("C0BRAVO", "engineering-manager", "assign", "2026-07-01"),
    ];
    expect(leadPeriodsOnTeam(changes, "C0ALPHA")).toEqual([{ start: "2026-03-01", end: "2026-05-01" }]);
    // On bravo: hybrid while the alpha hat lasted, then again from the second hat there.
    expect(leadPeriodsOnTeam(changes, "C0BRAVO")).toEqual([
      { start: "2026-03-01", end: "2026-05-01" },
      { start: "2026-07-01", end: null },
    ]);
  });

  it("does not count one role worn on two teams as two", () => {
    const changes = [
      change("C0ALPHA", "tech-lead", "assign", "2026-01-01"),
      change("C0BRAVO", "tech-lead", "assign", "2026-01-01"),
    ];
    expect(leadPeriodsOnTeam(changes, "C0ALPHA")).toEqual([]);
  });
});

describe("cost", () => {
  function yearsOfHistory(years: number, userId: string, isPrivate: boolean): LeadInput {
    const months = Array.from({ length: years * 12 }, (_, i) => addMonths(MONTH, -i));
    return lead({
      userId,
      isPrivate,
      hybridPeriods: [{ start: `${2026 - years}-11-01`, end: null }],
      allocations: months.map((m, i) => ({
        effectiveDate: `${m}-01`,
        split: { "tech-lead": 50 + (i % 4) * 5, "engineering-manager": 50 - (i % 4) * 5 },
      })),
      answers: new Map(
        months.flatMap((m, i) =>
          weeksOfMonth(m).map(
            (w, j) => [w, (i + j) % 5 === 0 ? { kind: "away" } : split(50 + ((i * 7 + j) % 40))] as const,
          ),
        ),
      ),
      awayWeeks: months.flatMap((m, i) => (i % 7 === 0 ? weeksOfMonth(m).slice(0, 1) : [])),
    });
  }

  it("gives the same digest from 1 or 5 years of history", () => {
    const one = computeLeadDigest(yearsOfHistory(1, "U1", false), MONTH, AS_OF);
    const five = computeLeadDigest(yearsOfHistory(5, "U1", false), MONTH, AS_OF);
    // The 1-year lead became hybrid a year ago, so only compare the months both cover.
    expect(five?.series).toEqual(one?.series);
    expect(five?.drift).toEqual(one?.drift);
  });
});
