/**
 * The organisation's monthly report, as Block Kit (the admins' DM, `/role org`) and as plain text (the
 * CLI). One list of lines serves both; only how a lead and a team are named differs. Private leads
 * arrive here already reduced to counts (domain/org-report.ts), so nothing here can reveal one.
 */
import { monthLabel } from "../domain/date-text.ts";
import { MIN_AGGREGATE_SIZE } from "../domain/digest.ts";
import { joinNames } from "../domain/health-rules.ts";
import type { OrgLeadRuleId, OrgReport, Trend } from "../domain/org-report.ts";
import { type Block, context, escapeMrkdwn, header, mentionUser, packSections } from "./reply.ts";

type Naming = {
  lead: (lead: { userId: string; displayName: string | null }) => string;
  team: (team: { channelId: string; teamName: string | null }) => string;
};

const RULE_TITLE: Record<OrgLeadRuleId, string> = {
  "nobody-mentored":
    "Engineering-manager hat left unworn (90%+ technical for 2+ months; nobody feels mentored)",
  "architecture-context-decay":
    "Managers deciding architecture with 10% or less technical time for 6+ months (context decays)",
  "persistent-drift": "Drift over the threshold for 3+ months in a row",
};

const ARROW = { up: "↑", down: "↓", same: "→" } as const;

function trendText(label: string, t: Trend, unit: string): string {
  const now = t.current === null ? "n/a" : `${t.current}${unit}`;
  if (t.previous === null || t.direction === null) return `${label}: ${now}`;
  return `${label}: ${now} ${ARROW[t.direction]} (last month ${t.previous}${unit})`;
}

function privateCount(n: number | null, what: string): string | null {
  return n === null ? null : `${n} private ${what}`;
}

function lines(report: OrgReport, naming: Naming): string[] {
  const out: string[] = [];
  out.push(
    [
      trendText("Findings", report.trend.findingCount, ""),
      trendText("Average largest drift", report.trend.averageDriftPp, " pp"),
      trendText("Check-in response rate", report.trend.responseRatePct, "%"),
    ].join(" · "),
  );
  out.push("");
  out.push(`Teams of 9+ engineers with a hybrid tech lead + engineering manager:`);
  if (report.splitTeams.length === 0) out.push("  none");
  for (const t of report.splitTeams) {
    const who = [
      ...t.hybrids.map(naming.lead),
      ...(privateCount(t.privateHybridCount, "leads")
        ? [privateCount(t.privateHybridCount, "leads") as string]
        : []),
    ];
    out.push(`  • ${naming.team(t)} (${t.engineerCount} engineers): ${joinNames(who)} — split the role`);
  }
  for (const f of report.leadFindings) {
    out.push("");
    out.push(`${RULE_TITLE[f.rule]}:`);
    for (const l of f.leads) out.push(`  • ${naming.lead(l)} (${l.teams.map(naming.team).join(", ")})`);
    const priv = privateCount(f.privateLeadCount, f.privateLeadCount === 1 ? "lead" : "leads");
    if (priv) out.push(`  • ${priv}`);
  }
  out.push("");
  out.push("Check-in response rate per team:");
  if (report.responses.length === 0) out.push("  no hybrid lead this month");
  for (const r of report.responses) {
    const rate = r.ratePct === null ? "no week owed" : `${r.ratePct}% (${r.answered}/${r.owed} weeks)`;
    out.push(`  • ${naming.team(r)}: ${rate}`);
  }
  out.push("");
  out.push(
    `Private leads are counted only in groups of ${MIN_AGGREGATE_SIZE} or more; smaller groups are left out of every figure.`,
  );
  return out;
}

function title(report: OrgReport): string {
  return `Org role report — ${monthLabel(report.month)}`;
}

/** Plain text, for the CLI. */
export function orgReportText(report: OrgReport): string {
  const naming: Naming = {
    lead: (l) => l.displayName ?? l.userId,
    team: (t) => (t.teamName ? `#${t.teamName}` : t.channelId),
  };
  return `${title(report)}\n\n${lines(report, naming).join("\n")}\n`;
}

export type OrgReportMessage = { text: string; blocks: Block[] };

/** Block Kit, for the admins' DM and `/role org`. Team names are user text: escaped. */
export function orgReportMessage(report: OrgReport): OrgReportMessage {
  const naming: Naming = {
    lead: (l) => mentionUser(l.userId),
    team: (t) => (t.teamName ? `#${escapeMrkdwn(t.teamName)}` : `<#${t.channelId}>`),
  };
  const body = lines(report, naming);
  const { blocks } = packSections(
    body.slice(0, -1).filter((l, i, all) => l !== "" || all[i - 1] !== ""),
    {
      maxSections: 45,
    },
  );
  return {
    text: `${title(report)}: ${report.findingCount} finding${report.findingCount === 1 ? "" : "s"}.`,
    blocks: [header(title(report)), ...blocks, context(body[body.length - 1] ?? "")],
  };
}
