import { beforeEach, describe, expect, it } from "vitest";
import { createAppContext } from "../../src/compose.ts";
import type { AppContext } from "../../src/context.ts";
import { silentLogger } from "../../src/log.ts";
import { orgChartInput } from "../../src/messages/chart/org-chart.ts";
import { orgReportMessage, orgReportText } from "../../src/messages/org-report.ts";
import { buildOrgReport } from "../../src/services/org-report.ts";
import { openDatabase } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrate.ts";
import { buildOrgWorkspace, PLAN, PRIVATE_LEADS, seedAnswers, T } from "./org-workspace.ts";

const NOW = new Date("2026-12-01T12:00:00Z");
let ctx: AppContext;

beforeEach(() => {
  const db = openDatabase(":memory:");
  migrate(db);
  ctx = createAppContext(db, { logger: silentLogger, clock: () => NOW });
  buildOrgWorkspace(ctx);
});

const november = () => buildOrgReport(ctx, { teamId: T, month: "2026-11", asOf: "2026-12-01" });
const publicIds = (f: { leads: readonly { userId: string }[] } | undefined) => f?.leads.map((l) => l.userId);

describe("the org report of a workspace of 12 teams", () => {
  it("lists the teams of 9+ engineers with a hybrid TL+EM, counting private hybrids only in threes", async () => {
    const report = await november();
    expect(report.splitTeams).toEqual([
      {
        channelId: "C0ALPHA",
        teamName: "alpha",
        engineerCount: 11,
        hybrids: [{ userId: "U0A1", displayName: null }],
        privateHybridCount: null,
      },
      {
        channelId: "C0CHARLIE",
        teamName: "charlie",
        engineerCount: 10,
        hybrids: [{ userId: "U0C1", displayName: null }],
        privateHybridCount: null,
      },
      { channelId: "C0DELTA", teamName: "delta", engineerCount: 9, hybrids: [], privateHybridCount: 3 },
    ]);
  });

  it("finds exactly the expected leads per rule, and counts private ones only when 3 or more", async () => {
    const report = await november();
    const byRule = new Map(report.leadFindings.map((f) => [f.rule, f]));
    expect([...byRule.keys()]).toEqual(["nobody-mentored", "architecture-context-decay", "persistent-drift"]);
    expect(publicIds(byRule.get("nobody-mentored"))).toEqual(["U0F1"]);
    expect(byRule.get("nobody-mentored")?.privateLeadCount).toBe(3);
    expect(publicIds(byRule.get("architecture-context-decay"))).toEqual(["U0G1"]);
    expect(byRule.get("architecture-context-decay")?.privateLeadCount).toBeNull();
    // P1 and P2 drift too, but two private leads are a group too small to count.
    expect(publicIds(byRule.get("persistent-drift"))).toEqual(["U0E1", "U0G1"]);
    expect(byRule.get("persistent-drift")?.privateLeadCount).toBeNull();
    expect(byRule.get("persistent-drift")?.leads[0]?.teams).toEqual([
      { channelId: "C0ECHO", teamName: "echo" },
    ]);
    expect(report.findingCount).toBe(3 + 4 + 1 + 2);
  });

  it("gives each team's response rate, pooling private leads only in a team of 3 or more of them", async () => {
    const report = await november();
    const rates = Object.fromEntries(
      report.responses.map((r) => [r.teamName, [r.leadCount, r.answered, r.owed, r.ratePct]]),
    );
    expect(rates.bravo).toBeUndefined(); // P1 alone: no figure at all
    expect(rates.charlie).toEqual([1, 4, 4, 100]); // P2's missed week is not in it
    expect(rates.delta).toEqual([3, 12, 12, 100]);
    expect(rates.hotel).toEqual([1, 2, 4, 50]);
    expect(report.responses).toHaveLength(11);
    expect(report.responseRatePct).toBe(96.2); // 50 of 52 weeks
  });

  it("compares the month with the one before", async () => {
    const report = await november();
    expect(report.previousMonth).toBe("2026-10");
    // October: the 3 split teams and G1's drift (5 months); mentoring and context decay need longer.
    expect(report.trend.findingCount).toEqual({ current: 10, previous: 4, direction: "up" });
    expect(report.trend.responseRatePct).toEqual({ current: 96.2, previous: 100, direction: "down" });
    // 13 counted leads; P4–P6, F1 and G1 at 45 pp, E1 at 30, the rest as planned: 255 / 13.
    expect(report.trend.averageDriftPp).toEqual({ current: 19.6, previous: 19.6, direction: "same" });
  });

  it("does not change when a private lead in a group of 1 or 2 answers differently", async () => {
    const before = await november();
    // Different figures for P1 (alone), P2 and P3 (two on charlie), still firing the same rules.
    seedAnswers(
      ctx,
      (lead, month, index) => {
        if (lead === "U0P1") return { kind: "split", split: { "tech-lead": 85, "engineering-manager": 15 } };
        if (lead === "U0P2") return index === 1 ? null : PLAN(lead, month, index);
        if (lead === "U0P3")
          return month === "2026-11" && index > 1
            ? null
            : { kind: "split", split: { "tech-lead": 55, "engineering-manager": 45 } };
        return null;
      },
      ["U0P1", "U0P2", "U0P3"],
    );
    const after = await november();
    expect(after).toEqual(before);
  });

  it("never shows a private lead in its text, its Block Kit or its JSON", async () => {
    const report = await november();
    const outputs = [orgReportText(report), JSON.stringify(orgReportMessage(report)), JSON.stringify(report)];
    for (const out of outputs) for (const id of PRIVATE_LEADS) expect(out).not.toContain(id);
    expect(orgReportText(report)).toContain("3 private leads");
  });

  it("charts each public lead once and only the private averages a team digest shows", async () => {
    const chart = orgChartInput(await november());
    const labels = chart.series.map((s) => s.label);
    expect(labels).toEqual([
      "U0A1",
      "U0C1",
      "Private leads of #delta (avg of 3)",
      "U0E1",
      "U0F1",
      "U0G1",
      "U0H1",
      "U0I1",
      "U0J1",
      "U0K1",
      "U0L1",
    ]);
    expect(chart.months).toEqual(["2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]);
    // P4–P6 at 95% technical in October and November, against a stated 50%.
    expect(chart.series[2]?.points.slice(-2)).toEqual([
      { month: "2026-10", stated: 50, actual: 95 },
      { month: "2026-11", stated: 50, actual: 95 },
    ]);
    for (const id of PRIVATE_LEADS) expect(JSON.stringify(chart)).not.toContain(id);
  });

  it("escapes team names in Block Kit", async () => {
    const report = await november();
    const named = { ...report, splitTeams: report.splitTeams.map((t) => ({ ...t, teamName: "a<b>&" })) };
    const blocks = JSON.stringify(orgReportMessage(named).blocks);
    expect(blocks).toContain("#a&lt;b&gt;&amp;");
    expect(blocks).not.toContain("a<b>");
  });
});
