/**
 * The org report's chart: the digest's stated-vs-actual technical share chart (drift-chart.ts), with a
 * line pair per public hybrid lead across every team and one per team's private-lead average where
 * that team's digest shows one. Private leads' own numbers are not in the report, so not here either.
 */
import { monthLabel } from "../../domain/date-text.ts";
import type { OrgReport, OrgShareSeries } from "../../domain/org-report.ts";
import type { DriftChartInput } from "./drift-chart.ts";

function label(who: OrgShareSeries["who"]): string {
  if (who.kind === "lead") return who.displayName ?? who.userId;
  return `Private leads of ${who.teamName ? `#${who.teamName}` : who.channelId} (avg of ${who.leadCount})`;
}

export function orgChartInput(report: OrgReport): DriftChartInput {
  return {
    months: report.chartMonths,
    series: report.chart.map((s) => ({ label: label(s.who), points: s.points })),
    title: `Hybrid leads' technical share, stated vs actual — ${monthLabel(report.month)}`,
    subtitle:
      "Time on tech-lead and architect work. Solid: what check-ins reported. Dashed: the stated allocation.",
  };
}
