/**
 * Plain-text rendering of a drift digest (CLI, `npm run demo`, logs). Block Kit rendering builds on
 * the same `TeamDigest` data elsewhere. Only `publicLeads`, the aggregate and channel-safe findings
 * reach the team text, one health sentence per rule; `renderLeadDigestText` is for a lead's own DM.
 */

import { SPLIT_KEYS, type Split, splitKeyShort } from "./allocation.ts";
import { dayLabel, monthLabel } from "./date-text.ts";
import type {
  AggregateDigest,
  DriftDirection,
  HatDrift,
  LeadDigest,
  TeamDigest,
  WeekCounts,
} from "./digest.ts";
import {
  channelSafeFindings,
  defaultLeadName,
  findingsForLead,
  type HealthFinding,
  healthSentences,
} from "./health-rules.ts";
import { ROLE_LABELS } from "./roles.ts";
import {
  addDays,
  type IsoWeekKey,
  isoWeekMonday,
  isoWeekOf,
  isoWeekSunday,
  type LocalDate,
  type MonthKey,
  nextMonth,
} from "./time.ts";

export { monthLabel };

function num(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(1);
}

/** `TL 60% · EM 40%` */
export function formatSplit(split: Split): string {
  const parts = SPLIT_KEYS.flatMap((h) => {
    const v = split[h];
    return v === undefined ? [] : [`${splitKeyShort(h)} ${num(v)}%`];
  });
  return parts.length > 0 ? parts.join(" · ") : "—";
}

/** `+12 pp`, `−3.5 pp`, `±0 pp` (a true minus sign, so signs line up and read at a glance). */
export function formatPp(pp: number): string {
  const sign = pp > 0 ? "+" : pp < 0 ? "−" : "±";
  return `${sign}${num(Math.abs(pp))} pp`;
}

/** `TL +12 pp · EM −12 pp` */
export function formatDrift(drift: Split): string {
  return SPLIT_KEYS.flatMap((h) => {
    const v = drift[h];
    return v === undefined ? [] : [`${splitKeyShort(h)} ${formatPp(v)}`];
  }).join(" · ");
}

export const TREND_ARROWS: Record<DriftDirection, string> = {
  growing: "↑ growing",
  shrinking: "↓ shrinking",
  steady: "→ steady",
  new: "• new",
};

function trendText(direction: DriftDirection | null, previous: HatDrift | null): string {
  if (!direction) return "";
  const last = previous && direction !== "new" ? ` (last month ${num(Math.abs(previous.pp))} pp)` : "";
  return `${TREND_ARROWS[direction]}${last}`;
}

function weeksText(w: WeekCounts): string {
  return `${w.answered} answered · ${w.away} away · ${w.missing} missing (of ${w.lead})`;
}

function sameSplit(a: Split | null, b: Split | null): boolean {
  if (!a || !b) return a === b;
  return SPLIT_KEYS.every((h) => (a[h] ?? 0) === (b[h] ?? 0));
}

function leadLines(lead: LeadDigest, thresholdPp: number, name: string): string[] {
  const hats = lead.hats.length > 0 ? ` — ${lead.hats.map((h) => ROLE_LABELS[h]).join(" + ")}` : "";
  const lines = [`${name}${hats}`];
  let stated = lead.stated ? formatSplit(lead.stated) : "no allocation stated";
  if (lead.allocationsInForce.length > 1) {
    const steps = lead.allocationsInForce
      .map((a, i) => (i === 0 ? formatSplit(a.split) : `${formatSplit(a.split)} from ${a.effectiveDate}`))
      .join(", then ");
    stated += `  (weighted by weeks: ${steps})`;
  }
  lines.push(`  stated   ${stated}`);
  lines.push(`  actual   ${lead.actual ? formatSplit(lead.actual) : "no answers this month"}`);
  if (lead.drift && lead.largestDrift) {
    let drift = formatDrift(lead.drift);
    if (lead.baseline && !sameSplit(lead.baseline, lead.stated)) {
      drift += `  (vs ${formatSplit(lead.baseline)} in force in the answered weeks)`;
    }
    lines.push(`  drift    ${drift}`);
    const trend = [trendText(lead.direction, lead.previousLargestDrift)];
    if (lead.driftStreakMonths > 0) {
      const n = `${lead.driftStreakMonths}${lead.driftStreakCapped ? "+" : ""}`;
      trend.push(`over ${thresholdPp} pp ${n === "1" ? "this month" : `for ${n} months in a row`}`);
    }
    lines.push(`  trend    ${trend.filter(Boolean).join(" · ")}`);
  } else {
    lines.push("  drift    —");
  }
  lines.push(`  weeks    ${weeksText(lead.weeks)}`);
  return lines;
}

function aggregateLines(agg: AggregateDigest, thresholdPp: number): string[] {
  const lines = [`Private leads (average of ${agg.leadCount})`];
  lines.push(`  stated   ${agg.stated ? formatSplit(agg.stated) : "—"}`);
  lines.push(`  actual   ${agg.actual ? formatSplit(agg.actual) : "too few answers to show"}`);
  if (agg.drift) {
    const over = agg.overThreshold ? `   over ${thresholdPp} pp` : "";
    lines.push(`  drift    ${formatDrift(agg.drift)}${over}`);
  } else {
    lines.push("  drift    —");
  }
  lines.push(`  weeks    ${weeksText(agg.weeks)}`);
  return lines;
}

/** Past this many leads a channel sentence names two and counts the rest: each lead's block is above. */
export const TEXT_MAX_NAMES_PER_RULE = 4;

function findingLines(findings: readonly { text: string; seed: string }[]): string[] {
  if (findings.length === 0) return [];
  return ["", "Health", ...findings.map((f) => `  • ${f.text} (seed ${f.seed})`)];
}

export type TeamDigestTextOptions = {
  /** e.g. `#payments`. */
  teamName?: string;
  /** From `teamHealthFindings`; those about private leads are dropped here. */
  findings?: readonly HealthFinding[];
  nameOf?: (lead: LeadDigest) => string;
};

/** The team channel's digest as plain text. Never shows a private lead's numbers. */
export function renderTeamDigestText(digest: TeamDigest, options: TeamDigestTextOptions = {}): string {
  const nameOf = options.nameOf ?? defaultLeadName;
  const team = options.teamName ? ` — ${options.teamName}` : "";
  const lines = [
    `Role drift digest — ${monthLabel(digest.month)}${team}`,
    `Stated vs actual split per hybrid lead · drift threshold ${digest.thresholdPp} pp · as of ${digest.asOf}`,
  ];
  if (digest.leads.length === 0) lines.push("", "No hybrid lead had a check-in week this month.");
  for (const lead of digest.publicLeads) lines.push("", ...leadLines(lead, digest.thresholdPp, nameOf(lead)));
  if (digest.aggregate) lines.push("", ...aggregateLines(digest.aggregate, digest.thresholdPp));
  if (digest.privacyNote) lines.push("", digest.privacyNote);
  const safe = channelSafeFindings(digest, options.findings ?? []);
  lines.push(...findingLines(healthSentences(safe, { maxNames: TEXT_MAX_NAMES_PER_RULE })));
  return lines.join("\n");
}

/** One lead's own digest (their DM; the way a private lead sees their numbers). */
export function renderLeadDigestText(
  lead: LeadDigest,
  options: { thresholdPp: number; findings?: readonly HealthFinding[]; name?: string },
): string {
  const lines = [
    `Your role drift — ${monthLabel(lead.month)}${lead.isPrivate ? " (private: only you see this)" : ""}`,
    "",
    ...leadLines(lead, options.thresholdPp, options.name ?? defaultLeadName(lead)),
    ...findingLines(findingsForLead(options.findings ?? [], lead.userId)),
  ];
  return lines.join("\n");
}

/** `week 18 (27 Apr – 3 May)` */
function digestWeekRange(week: IsoWeekKey): string {
  const monday = isoWeekMonday(week);
  return `week ${isoWeekOf(monday).week} (${dayLabel(monday)} – ${dayLabel(isoWeekSunday(week))})`;
}

/** The footnote about weeks of the month not over when the digest was made; null when none. */
export function openWeeksNote(built: {
  month: MonthKey;
  asOf: LocalDate;
  openWeeks: readonly IsoWeekKey[];
}): string | null {
  if (built.openWeeks.length === 0) return null;
  if (built.asOf <= addDays(`${nextMonth(built.month)}-01`, -1)) {
    return `${monthLabel(built.month)} is not over yet: weeks still running count only where already answered.`;
  }
  const weeks = built.openWeeks.map(digestWeekRange).join(", ");
  return `${weeks} had not ended when this digest was made: it counts where already answered, and in full in later digests' charts.`;
}
