import { describe, expect, it } from "vitest";
import { computeTeamDigest } from "../../src/domain/digest.ts";
import {
  formatDrift,
  formatPp,
  formatSplit,
  monthLabel,
  renderTeamDigestText,
} from "../../src/domain/digest-text.ts";

describe("digest text", () => {
  it("formats splits, drift and months", () => {
    expect(formatSplit({ "engineering-manager": 40, "tech-lead": 60 })).toBe("TL 60% · EM 40%");
    expect(formatSplit({ "tech-lead": 52.5, other: 47.5 })).toBe("TL 52.5% · other 47.5%");
    expect(formatPp(12)).toBe("+12 pp");
    expect(formatPp(-3.5)).toBe("−3.5 pp");
    expect(formatPp(0)).toBe("±0 pp");
    expect(formatDrift({ "tech-lead": 20, "engineering-manager": -20 })).toBe("TL +20 pp · EM −20 pp");
    expect(monthLabel("2026-11")).toBe("November 2026");
  });

  it("renders a lead at a glance", () => {
    const digest = computeTeamDigest({
      month: "2026-11",
      asOf: "2026-12-01",
      leads: [
        {
          userId: "U1",
          displayName: "Ana",
          hats: ["tech-lead", "engineering-manager"],
          hybridPeriods: [{ start: "2026-01-01", end: null }],
          allocations: [
            { effectiveDate: "2026-01-01", split: { "tech-lead": 60, "engineering-manager": 40 } },
          ],
          answers: {
            "2026-W41": { kind: "split", split: { "tech-lead": 70, "engineering-manager": 30 } },
            "2026-W45": { kind: "split", split: { "tech-lead": 80, "engineering-manager": 20 } },
            "2026-W46": { kind: "as-planned" },
            "2026-W47": { kind: "away" },
          },
        },
      ],
    });
    expect(renderTeamDigestText(digest, { teamName: "#payments" })).toBe(
      [
        "Role drift digest — November 2026 — #payments",
        "Stated vs actual split per hybrid lead · drift threshold 15 pp · as of 2026-12-01",
        "",
        "Ana — Tech lead + Engineering manager",
        "  stated   TL 60% · EM 40%",
        "  actual   TL 70% · EM 30%",
        "  drift    TL +10 pp · EM −10 pp",
        "  trend    → steady (last month 10 pp)",
        "  weeks    2 answered · 1 away · 1 missing (of 4)",
      ].join("\n"),
    );
  });

  it("says so when there is no lead", () => {
    const digest = computeTeamDigest({ month: "2026-11", asOf: "2026-12-01", leads: [] });
    expect(renderTeamDigestText(digest)).toContain("No hybrid lead had a check-in week this month.");
  });
});
