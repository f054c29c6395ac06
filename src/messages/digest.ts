/**
 * Block Kit for the monthly drift digest: the team channel's message (also the ephemeral preview) and
 * a private lead's DM. Built from the same `BuiltDigest` as the text rendering, and, like it, the
 * channel message only ever shows public leads, the private-lead aggregate and channel-safe findings.
 *
 * Readable at a glance: one status dot and one block per lead (stated, actual, drift, trend, weeks,
 * technical share as fields), then one health sentence per rule, naming (by mention) every lead it
 * applies to. Slack's limits are kept by construction:
 * at most 50 blocks (leads beyond the budget collapse into compact lines) and section text packed
 * into chunks under 3,000 characters.
 */
import type { Split } from "../domain/allocation.ts";
import { SPLIT_KEYS } from "../domain/allocation.ts";
import type { AggregateDigest, LeadDigest } from "../domain/digest.ts";
import {
  formatDrift,
  formatPp,
  formatSplit,
  monthLabel,
  openWeeksNote,
  TREND_ARROWS,
} from "../domain/digest-text.ts";
import {
  channelSafeFindings,
  findingsForLead,
  type HealthFinding,
  type HealthSentence,
  healthSentences,
  joinNames,
} from "../domain/health-rules.ts";
import { ROLE_LABELS } from "../domain/roles.ts";
import type { BuiltDigest, LeadDmPart } from "../services/digest.ts";
import {
  type Block,
  context,
  divider,
  header,
  MAX_MESSAGE_BLOCKS,
  MAX_SECTION_TEXT,
  mentionUser,
  section,
} from "./reply.ts";

export type DigestMessage = { text: string; blocks: Block[] };

export type DigestMessageOptions = {
  /** The health findings named with Slack mentions (`digestFindings(built, mentionName)`). */
  findings: readonly HealthFinding[];
  /** `below`: the posted message, the chart follows it; `failed`: its upload failed; `preview`:
   * ephemeral messages cannot carry the chart; `none`: nothing to chart. */
  chart: "below" | "failed" | "none" | "preview";
  /** Context lines placed under the header (e.g. the preview banner). */
  banner?: readonly string[];
  /** Blocks appended at the end (e.g. the requester's own private figures in a preview). */
  trailer?: readonly Block[];
};

/** In Slack a lead is named by mention: it renders as their current name and links to them. */
export const mentionName = (lead: Pick<LeadDigest, "userId">): string => mentionUser(lead.userId);

const STATUS = {
  over: ":red_circle:",
  within: ":large_green_circle:",
  unmeasured: ":white_circle:",
} as const;

function num(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(1);
}

function field(title: string, body: string) {
  return { type: "mrkdwn" as const, text: `*${title}*\n${body}`.slice(0, 2000) };
}

function statusOf(lead: Pick<LeadDigest, "largestDrift" | "overThreshold">): string {
  if (!lead.largestDrift) return STATUS.unmeasured;
  return lead.overThreshold ? STATUS.over : STATUS.within;
}

function statedText(lead: LeadDigest): string {
  if (!lead.stated) return "_no allocation stated_";
  let text = formatSplit(lead.stated);
  if (lead.allocationsInForce.length > 1) {
    const steps = lead.allocationsInForce
      .map((a, i) => (i === 0 ? formatSplit(a.split) : `${formatSplit(a.split)} from ${a.effectiveDate}`))
      .join(", then ");
    text += `\n_weighted by weeks: ${steps}_`;
  }
  return text;
}

function trendText(lead: LeadDigest, thresholdPp: number): string {
  if (!lead.direction) return "—";
  const parts = [TREND_ARROWS[lead.direction]];
  if (lead.previousLargestDrift && lead.direction !== "new") {
    parts[0] += ` (last month ${num(Math.abs(lead.previousLargestDrift.pp))} pp)`;
  }
  if (lead.driftStreakMonths > 1) {
    const n = `${lead.driftStreakMonths}${lead.driftStreakCapped ? "+" : ""}`;
    parts.push(`over ${thresholdPp} pp for ${n} months in a row`);
  }
  return parts.join("\n");
}

function weeksText(w: LeadDigest["weeks"]): string {
  return `${w.answered} answered · ${w.away} away · ${w.missing} missing`;
}

function technicalText(share: { stated: number | null; actual: number | null }): string {
  const pct = (v: number | null) => (v === null ? "—" : `${num(v)}%`);
  return `stated ${pct(share.stated)} → actual ${pct(share.actual)}`;
}

function driftText(drift: Split | null, overThreshold: boolean, thresholdPp: number): string {
  if (!drift) return "—";
  const nonZero = SPLIT_KEYS.some((h) => (drift[h] ?? 0) !== 0);
  const text = nonZero ? formatDrift(drift) : formatPp(0);
  return overThreshold ? `${text}\n*over ${thresholdPp} pp*` : text;
}

/** Drift is measured against the split in force in the answered weeks; say so when that is not `stated`. */
function baselineNote(lead: LeadDigest): string {
  if (!lead.drift || !lead.baseline || !lead.stated) return "";
  const same = SPLIT_KEYS.every((h) => (lead.baseline?.[h] ?? 0) === (lead.stated?.[h] ?? 0));
  return same ? "" : `\n_vs ${formatSplit(lead.baseline)} in force in the answered weeks_`;
}

/** One lead's block: a status line and six fields. */
export function leadBlock(lead: LeadDigest, thresholdPp: number, name: string): Block {
  const hats = lead.hats.map((h) => ROLE_LABELS[h]).join(" + ");
  return {
    type: "section",
    text: { type: "mrkdwn", text: `${statusOf(lead)} ${name}${hats ? ` · ${hats}` : ""}` },
    fields: [
      field("Stated", statedText(lead)),
      field("Actual", lead.actual ? formatSplit(lead.actual) : "_no answers this month_"),
      field("Drift", driftText(lead.drift, lead.overThreshold, thresholdPp) + baselineNote(lead)),
      field("Trend", trendText(lead, thresholdPp)),
      field("Weeks", weeksText(lead.weeks)),
      field("Technical share", technicalText(lead.technicalShare)),
    ],
  };
}

function aggregateBlock(agg: AggregateDigest, thresholdPp: number): Block {
  return {
    type: "section",
    text: {
      type: "mrkdwn",
      text: `${statusOf({ largestDrift: agg.largestDrift, overThreshold: agg.overThreshold })} *Private leads* · average of ${agg.leadCount}`,
    },
    fields: [
      field("Stated", agg.stated ? formatSplit(agg.stated) : "—"),
      field("Actual", agg.actual ? formatSplit(agg.actual) : "_too few answers to show_"),
      field("Drift", driftText(agg.drift, agg.overThreshold, thresholdPp)),
      field("Weeks", weeksText(agg.weeks)),
      field("Technical share", technicalText(agg.technicalShare)),
    ],
  };
}

/** A lead on one compact line, for teams too large to give everyone a block. */
function compactLine(lead: LeadDigest, name: string): string {
  const drift = lead.largestDrift
    ? `largest drift ${formatDrift({ [lead.largestDrift.hat]: lead.largestDrift.pp })}`
    : "no drift measured";
  return `${statusOf(lead)} ${name} · ${drift} · ${weeksText(lead.weeks)}`;
}

/** Lines packed into as few sections as possible, each under Slack's 3,000 characters. */
export function packedSections(lines: readonly string[], max = MAX_SECTION_TEXT): Block[] {
  const blocks: Block[] = [];
  let current = "";
  for (const raw of lines) {
    const line = raw.length > max ? `${raw.slice(0, max - 1)}…` : raw;
    if (current && current.length + 1 + line.length > max) {
      blocks.push(section(current));
      current = "";
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) blocks.push(section(current));
  return blocks;
}

/** The footnote about weeks not over when the digest was made, with its emoji. */
function openWeeksLine(built: BuiltDigest): string | null {
  const note = openWeeksNote(built);
  return note ? `:hourglass_flowing_sand: ${note}` : null;
}

/** Room for a rule's names in one section line: its text beside them stays well under 400 characters. */
const MAX_NAMES_CHARS = MAX_SECTION_TEXT - 400;

function summaryText(built: BuiltDigest, findings: readonly HealthSentence[]): string {
  const { digest } = built;
  const team = built.teamName ? ` for #${built.teamName}` : "";
  const leads = digest.leads.length;
  if (leads === 0)
    return `Role drift digest — ${monthLabel(digest.month)}${team}: no hybrid lead this month.`;
  const over = digest.publicLeads.filter((l) => l.overThreshold).length;
  const notes = findings.length;
  return (
    `Role drift digest — ${monthLabel(digest.month)}${team}: ${leads} hybrid lead${leads === 1 ? "" : "s"}` +
    `${over ? `, ${over} over the ${digest.thresholdPp} pp threshold` : ""}` +
    `${notes ? `, ${notes} health note${notes === 1 ? "" : "s"}` : ""}.`
  );
}

/** The team channel's digest (and, with a banner, its preview). */
export function digestMessage(built: BuiltDigest, options: DigestMessageOptions): DigestMessage {
  const { digest } = built;
  const findings = healthSentences(channelSafeFindings(digest, options.findings), {
    maxChars: MAX_NAMES_CHARS,
  });
  const top: Block[] = [
    header(`Role drift digest — ${monthLabel(digest.month)}`),
    context(
      `<#${built.channelId}> · stated vs actual split per hybrid lead · drift threshold ${digest.thresholdPp} pp`,
    ),
  ];
  if (options.banner?.length) top.push(context(...options.banner));

  const leadBlocks = digest.publicLeads.map((l) => leadBlock(l, digest.thresholdPp, mentionName(l)));
  const middle: Block[] = [];
  if (digest.aggregate) middle.push(aggregateBlock(digest.aggregate, digest.thresholdPp));
  if (digest.leads.length === 0) {
    middle.push(section("No hybrid lead had a check-in week on this team this month."));
  } else if (digest.publicLeads.length === 0 && !digest.aggregate) {
    middle.push(section(":lock: Every lead on this team keeps their figures private this month."));
  }

  const notes: string[] = [];
  if (digest.privacyNote) notes.push(`:lock: ${digest.privacyNote}`);
  const open = openWeeksLine(built);
  if (open) notes.push(open);
  if (built.teamSize) notes.push(`:busts_in_silhouette: Team size: ${built.teamSize.note}`);

  const health: Block[] = [divider];
  if (digest.leads.length > 0) {
    health.push(
      ...(findings.length
        ? packedSections(["*Health checks*", ...findings.map((f) => `• ${f.text}`)])
        : [section("*Health checks*\n:white_check_mark: No health rule fired this month.")]),
    );
  }
  const legend = [
    "Stated: the allocation in force each week, weighted by weeks · actual: the answered check-ins · drift: actual − stated, in percentage points · a week counts in the month of its Thursday",
  ];
  if (options.chart === "below")
    legend.push(
      ":chart_with_upwards_trend: The chart below: technical share per lead, stated (dashed) vs actual, last 6 months.",
    );
  if (options.chart === "failed") legend.push(":warning: The chart could not be attached this month.");
  if (options.chart === "preview")
    legend.push(":chart_with_upwards_trend: The posted digest adds a chart of the last 6 months.");
  legend.push("`/role digest private` keeps your own figures out of this channel; you get them by DM.");
  const bottom: Block[] = [...health];
  if (notes.length) bottom.push(context(...notes));
  bottom.push(context(...legend));
  const trailer = [...(options.trailer ?? [])];

  const budget = MAX_MESSAGE_BLOCKS - top.length - middle.length - bottom.length - trailer.length;
  let leadsPart: Block[] = leadBlocks;
  if (leadBlocks.length > budget) {
    // Keep full blocks for as many leads as fit, the rest as compact lines.
    const rest = digest.publicLeads;
    for (let full = Math.max(0, budget - 1); full >= 0; full--) {
      const compact = packedSections(rest.slice(full).map((l) => compactLine(l, mentionName(l))));
      if (full + compact.length <= budget) {
        leadsPart = [...leadBlocks.slice(0, full), ...compact];
        break;
      }
    }
  }
  const blocks = [...top, ...leadsPart, ...middle, ...bottom, ...trailer].slice(0, MAX_MESSAGE_BLOCKS);
  return { text: summaryText(built, findings), blocks };
}

/**
 * A lead's own figures for the month, for their DM (how a private lead sees their numbers): one
 * message for all the teams they lead. Their figures are usually the same on each team, and then show
 * once; they differ only when they were a hybrid lead on one team for part of the month.
 */
export function leadDmMessage(parts: readonly LeadDmPart[]): DigestMessage {
  const first = parts[0];
  if (!first) throw new Error("a lead's DM needs at least one team");
  const { lead } = first;
  const thresholdPp = first.built.digest.thresholdPp;
  const channels = parts.map((p) => `<#${p.built.channelId}>`);
  const where = joinNames(channels);
  const several = parts.length > 1;
  const blocks: Block[] = [
    header(`Your role drift — ${monthLabel(lead.month)}`),
    context(
      lead.isPrivate
        ? `:lock: Your figures on ${where}. You keep them private, so ${several ? "the channels' digests do" : "the channel's digest does"} not show them; only you see this.`
        : `Your figures on ${where}.`,
    ),
  ];
  const figures = parts.map((p) => leadBlock(p.lead, p.built.digest.thresholdPp, "*You*"));
  const same = figures.every((b) => JSON.stringify(b) === JSON.stringify(figures[0]));
  if (same && figures[0]) blocks.push(figures[0]);
  else
    for (const [i, p] of parts.entries())
      blocks.push(leadBlock(p.lead, p.built.digest.thresholdPp, `*You* on ${channels[i] ?? ""}`));
  const unposted = parts.filter((p) => !p.posted).map((p) => `<#${p.built.channelId}>`);
  if (unposted.length) {
    blocks.push(
      context(
        `:warning: The digest of ${joinNames(unposted)} could not be posted in the channel this month; your own figures are here all the same.`,
      ),
    );
  }
  const own = [
    ...new Set(parts.flatMap((p) => findingsForLead(p.findings, p.lead.userId).map((f) => f.text))),
  ];
  if (own.length) blocks.push(...packedSections(["*Health checks*", ...own.map((t) => `• ${t}`)]));
  blocks.push(
    context(
      lead.isPrivate
        ? `\`/role digest public\` shows your figures in the team ${several ? "channels" : "channel"} again.`
        : "`/role digest private` keeps your figures out of the team channel.",
    ),
  );
  const over = parts.some((p) => p.lead.overThreshold) ? `, over the ${thresholdPp} pp threshold` : "";
  return { text: `Your role drift for ${monthLabel(lead.month)}${over}.`, blocks };
}
