import { describe, expect, it } from "vitest";
import { type CheckinAnswer, computeTeamDigest, type LeadInput } from "../../src/domain/digest.ts";
import { renderLeadDigestText, renderTeamDigestText } from "../../src/domain/digest-text.ts";
import {
  architectureContextRule,
  channelSafeFindings,
  findingsForLead,
  healthSentences,
  joinNames,
  nobodyMentoredRule,
  persistentDriftRule,
  splitHybridTeamRule,
  teamHealthFindings,
} from "../../src/domain/health-rules.ts";
import type { RoleId } from "../../src/domain/roles.ts";
import { addMonths, weeksOfMonth } from "../../src/domain/time.ts";

const TL_EM: RoleId[] = ["tech-lead", "engineering-manager"];

describe("splitHybridTeamRule (seed 004: 9+ engineers, split the hybrid)", () => {
  it("fires for a team of 9+ engineers with a TL+EM hybrid", () => {
    const text = splitHybridTeamRule({ engineerCount: 9, hybrids: [{ name: "Ana", hats: TL_EM }] });
    expect(text).toMatch(
      /^This team has 9 engineers and Ana wears both the tech-lead and the engineering-manager hat/,
    );
    expect(text).toMatch(/dedicated engineering manager and a tech lead/);
  });

  it("names every TL+EM hybrid", () => {
    const text = splitHybridTeamRule({
      engineerCount: 12,
      hybrids: [
        { name: "Ana", hats: TL_EM },
        { name: "Bo", hats: ["engineering-manager", "product-manager"] },
        { name: "Cy", hats: ["engineering-manager", "tech-lead", "architect"] },
      ],
    });
    expect(text).toContain("Ana and Cy each wear");
    expect(text).not.toContain("Bo");
  });

  it("does not fire below 9 engineers, with unknown headcount, or without a TL+EM hybrid", () => {
    expect(splitHybridTeamRule({ engineerCount: 8, hybrids: [{ name: "Ana", hats: TL_EM }] })).toBeNull();
    expect(splitHybridTeamRule({ engineerCount: null, hybrids: [{ name: "Ana", hats: TL_EM }] })).toBeNull();
    expect(
      splitHybridTeamRule({
        engineerCount: 15,
        hybrids: [{ name: "Ana", hats: ["tech-lead", "architect"] }],
      }),
    ).toBeNull();
  });
});

describe("nobodyMentoredRule (seed 004: technical share stays ≥ 90% while holding the EM hat)", () => {
  it("fires when the technical share stays at 90% or more", () => {
    const text = nobodyMentoredRule({ name: "Ana", hats: TL_EM, technicalShareByMonth: [60, 90, 95] });
    expect(text).toMatch(/nobody feels mentored/);
    expect(text).toContain("for 2 months in a row");
  });

  it("does not fire for one month only, a month below 90%, a gap, or a lead without both hats", () => {
    expect(nobodyMentoredRule({ name: "Ana", hats: TL_EM, technicalShareByMonth: [60, 95] })).toBeNull();
    expect(nobodyMentoredRule({ name: "Ana", hats: TL_EM, technicalShareByMonth: [95, 89.9] })).toBeNull();
    expect(
      nobodyMentoredRule({ name: "Ana", hats: TL_EM, technicalShareByMonth: [95, null, 95] }),
    ).toBeNull();
    expect(
      nobodyMentoredRule({ name: "Ana", hats: ["tech-lead", "architect"], technicalShareByMonth: [95, 95] }),
    ).toBeNull();
  });
});

describe("architectureContextRule (seed 004: EM deciding architecture without hands-on work, 6 months)", () => {
  const sixLow = [5, 0, 10, 2, 0, 8];

  it("fires for an EM deciding architecture areas at ≤ 10% technical share for 6 months", () => {
    const text = architectureContextRule({
      name: "Bo",
      hats: ["engineering-manager", "product-manager"],
      architectureAreasDecided: 2,
      technicalShareByMonth: sixLow,
    });
    expect(text).toMatch(/Bo decides 2 architecture areas/);
    expect(text).toMatch(/context decays/);
  });

  it("does not fire without architecture areas, above 10%, before 6 months, or without the EM hat", () => {
    const base = { name: "Bo", hats: TL_EM, architectureAreasDecided: 1, technicalShareByMonth: sixLow };
    expect(architectureContextRule(base)).not.toBeNull();
    expect(architectureContextRule({ ...base, architectureAreasDecided: 0 })).toBeNull();
    expect(architectureContextRule({ ...base, technicalShareByMonth: [5, 0, 11, 2, 0, 8] })).toBeNull();
    expect(architectureContextRule({ ...base, technicalShareByMonth: [0, 2, 0, 8, null] })).toBeNull();
    expect(architectureContextRule({ ...base, technicalShareByMonth: sixLow.slice(1) })).toBeNull();
    expect(architectureContextRule({ ...base, hats: ["tech-lead", "architect"] })).toBeNull();
  });
});

describe("persistentDriftRule (seed 004: review monthly)", () => {
  const base = { name: "Ana", thresholdPp: 15, largestDrift: { hat: "tech-lead" as const, pp: 22 } };

  it("fires at 3 months or more over the threshold", () => {
    const text = persistentDriftRule({ ...base, driftStreakMonths: 3 });
    expect(text).toBe(
      "Ana's split has drifted more than 15 pp from the stated allocation for 3 months in a row (this month TL +22 pp): " +
        "revisit the allocation, or the role split.",
    );
    expect(persistentDriftRule({ ...base, driftStreakMonths: 12, driftStreakCapped: true })).toContain(
      "12+ months",
    );
  });

  it("does not fire below 3 months", () => {
    expect(persistentDriftRule({ ...base, driftStreakMonths: 2 })).toBeNull();
    expect(persistentDriftRule({ ...base, driftStreakMonths: 0, largestDrift: null })).toBeNull();
  });
});

describe("teamHealthFindings wired to a digest", () => {
  const MONTH = "2026-11";
  function answers(tl: number, months = 6): Record<string, CheckinAnswer> {
    const out: Record<string, CheckinAnswer> = {};
    for (let i = 0; i < months; i++) {
      for (const w of weeksOfMonth(addMonths(MONTH, -i))) {
        out[w] = { kind: "split", split: { "tech-lead": tl, "engineering-manager": 100 - tl } };
      }
    }
    return out;
  }
  function lead(userId: string, displayName: string, tl: number, extra: Partial<LeadInput> = {}): LeadInput {
    return {
      userId,
      displayName,
      hats: TL_EM,
      hybridPeriods: [{ start: "2025-01-01", end: null }],
      allocations: [{ effectiveDate: "2025-01-01", split: { "tech-lead": 60, "engineering-manager": 40 } }],
      answers: answers(tl),
      ...extra,
    };
  }

  const digest = computeTeamDigest({
    month: MONTH,
    asOf: "2026-12-01",
    leads: [lead("U1", "Ana", 95), lead("U2", "Bo", 5), lead("U3", "Cy", 100, { isPrivate: true })],
  });
  const findings = teamHealthFindings(digest, { engineerCount: 10, architectureAreasDecided: { U2: 3 } });

  it("finds each rule for the right lead", () => {
    const byRule = (userId: string | null) =>
      findings
        .filter((f) => f.userId === userId)
        .map((f) => f.rule)
        .sort();
    expect(byRule(null)).toEqual(["split-hybrid-team"]);
    expect(byRule("U1")).toEqual(["nobody-mentored", "persistent-drift"]);
    expect(byRule("U2")).toEqual(["architecture-context-decay", "persistent-drift"]);
    expect(byRule("U3")).toEqual(["nobody-mentored", "persistent-drift"]);
    expect(findings.every((f) => f.seed === "004")).toBe(true);
  });

  it("keeps sentences about a private lead out of the channel and in their DM", () => {
    const safe = channelSafeFindings(digest, findings);
    expect(safe.some((f) => f.userId === "U3")).toBe(false);
    const text = renderTeamDigestText(digest, { teamName: "#payments", findings });
    expect(text).toContain("Health");
    expect(text).toContain("Ana holds the engineering-manager hat");
    expect(text).not.toContain("Cy holds");
    const own = digest.leads.find((l) => l.userId === "U3");
    if (!own) throw new Error("missing private lead");
    expect(findingsForLead(findings, "U3")).toHaveLength(2);
    expect(renderLeadDigestText(own, { thresholdPp: 15, findings })).toContain(
      "Cy holds the engineering-manager hat",
    );
  });

  it("says each finding in one plain sentence", () => {
    expect(findings.length).toBeGreaterThanOrEqual(4);
    for (const f of findings) {
      expect(f.text).toMatch(/^[A-Z].*\.$/);
      // One sentence: no full stop before the end (decimals such as 12.5 pp aside).
      expect(f.text.slice(0, -1)).not.toMatch(/\.(\s|$)/);
      expect(f.text).not.toMatch(/[*_`]|\n/);
    }
  });

  it("does not ask a large team to split a TL+EM whose EM hat is on another team", () => {
    const elsewhere = computeTeamDigest({
      month: MONTH,
      asOf: "2026-12-01",
      leads: [lead("U1", "Ana", 62, { teamHats: ["tech-lead"] })],
    });
    const rules = teamHealthFindings(elsewhere, { engineerCount: 12 }).map((f) => f.rule);
    expect(rules).not.toContain("split-hybrid-team");
    const here = computeTeamDigest({ month: MONTH, asOf: "2026-12-01", leads: [lead("U1", "Ana", 62)] });
    expect(teamHealthFindings(here, { engineerCount: 12 }).map((f) => f.rule)).toContain("split-hybrid-team");
  });

  it("stays quiet for a balanced small team", () => {
    const calm = computeTeamDigest({ month: MONTH, asOf: "2026-12-01", leads: [lead("U1", "Ana", 62)] });
    expect(teamHealthFindings(calm, { engineerCount: 6 })).toEqual([]);
  });
});

describe("healthSentences: one sentence per rule for the channel", () => {
  const MONTH = "2026-11";
  function drifting(userId: string, displayName: string): LeadInput {
    const answers: Record<string, CheckinAnswer> = {};
    for (let i = 0; i < 4; i++) {
      for (const w of weeksOfMonth(addMonths(MONTH, -i))) {
        answers[w] = { kind: "split", split: { "tech-lead": 95, "engineering-manager": 5 } };
      }
    }
    return {
      userId,
      displayName,
      hats: TL_EM,
      hybridPeriods: [{ start: "2025-01-01", end: null }],
      allocations: [{ effectiveDate: "2025-01-01", split: { "tech-lead": 60, "engineering-manager": 40 } }],
      answers,
    };
  }
  const NAMES = ["Ana", "Ben", "Cy", "Dee", "Eve", "Fay"];
  const digestOf = (n: number) =>
    computeTeamDigest({
      month: MONTH,
      asOf: "2026-12-01",
      leads: NAMES.slice(0, n).map((name, i) => drifting(`U${i}`, name)),
    });

  it("keeps a single lead's own sentence, word for word", () => {
    const findings = teamHealthFindings(digestOf(1), { engineerCount: 6 });
    expect(healthSentences(findings).map((s) => s.text)).toEqual(findings.map((f) => f.text));
  });

  it("names every lead of a rule in one plural sentence", () => {
    const findings = teamHealthFindings(digestOf(6), { engineerCount: 6 });
    expect(findings).toHaveLength(12);
    const sentences = healthSentences(findings);
    expect(sentences.map((s) => s.rule)).toEqual(["nobody-mentored", "persistent-drift"]);
    expect(sentences[1]?.text).toBe(
      "Ana, Ben, Cy, Dee, Eve and Fay have drifted more than 15 pp from the stated allocation for 3+ months in a row: " +
        "revisit the allocation, or the role split.",
    );
    expect(sentences[1]?.userIds).toEqual(["U0", "U1", "U2", "U3", "U4", "U5"]);
    expect(sentences[0]?.text).toMatch(
      /^Ana, Ben, Cy, Dee, Eve and Fay hold the engineering-manager hat .*"nobody feels mentored"/,
    );
    for (const s of sentences) {
      expect(s.text).toMatch(/^[A-Z].*\.$/);
      expect(s.text.slice(0, -1)).not.toMatch(/\.(\s|$)/);
    }
  });

  it("shortens a long list only by saying how many it leaves out", () => {
    const findings = teamHealthFindings(digestOf(6), { engineerCount: 6 });
    const [, drift] = healthSentences(findings, { maxNames: 4 });
    expect(drift?.text).toMatch(/^Ana, Ben and 4 others have drifted more than 15 pp/);
    const [, tight] = healthSentences(findings, { maxChars: 29 });
    expect(tight?.text).toMatch(/^Ana, Ben, Cy and 3 others have drifted/);
    expect(joinNames(["Ana", "Ben", "Cy"], { maxNames: 4 })).toBe("Ana, Ben and Cy");
    expect(joinNames(["Ana"], { maxChars: 1 })).toBe("Ana");
  });

  it("renders one Health line per rule in the channel text, private leads left out", () => {
    const digest = computeTeamDigest({
      month: MONTH,
      asOf: "2026-12-01",
      leads: [
        ...NAMES.map((name, i) => drifting(`U${i}`, name)),
        { ...drifting("U9", "Zed"), isPrivate: true },
      ],
    });
    const text = renderTeamDigestText(digest, { findings: teamHealthFindings(digest, { engineerCount: 7 }) });
    const health = text
      .slice(text.indexOf("\nHealth\n"))
      .split("\n")
      .filter((l) => l.startsWith("  • "));
    expect(health).toEqual([
      expect.stringMatching(/^ {2}• Ana, Ben and 4 others hold the engineering-manager hat .* \(seed 004\)$/),
      "  • Ana, Ben and 4 others have drifted more than 15 pp from the stated allocation for 3+ months in a row: " +
        "revisit the allocation, or the role split. (seed 004)",
    ]);
    expect(text).not.toContain("Zed");
  });
});
