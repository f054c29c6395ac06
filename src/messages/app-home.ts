import type { types } from "@slack/bolt";
import type { PersonSplit, TeamOverview, WorkspaceOverview } from "../services/allocations.ts";
import type { AppHomeData } from "../services/app-home.ts";
import {
  type Block,
  clipText,
  context,
  divider,
  header,
  MAX_SECTION_TEXT,
  mentionUser,
  packSections,
  section,
} from "./reply.ts";
import { BAR_LEGEND, statusText, weekLine } from "./split.ts";
import { hatLines, splitLines, weeksTitle } from "./whois.ts";

/** Slack's limit for a Home tab. */
export const MAX_HOME_BLOCKS = 100;
/** Sections the admin's team list may use; the rest of the budget stays free for the viewer's part. */
const MAX_ATTENTION_SECTIONS = 12;
const MAX_LINE = 600;

/** The contract with the check-in flow, which listens for this action. */
export const PAUSE_TOGGLE_ACTION = "checkin_pause_toggle";

/** The Home tab: the viewer's hats, split and recent weeks; for admins, every team summarised. */
export function appHomeView(data: AppHomeData): types.HomeView {
  const blocks: Block[] = [...viewerBlocks(data)];
  if (data.admin) blocks.push(...adminBlocks(data.admin, MAX_HOME_BLOCKS - blocks.length));
  return { type: "home", blocks: blocks.slice(0, MAX_HOME_BLOCKS) };
}

function viewerBlocks(data: AppHomeData): Block[] {
  const { person } = data;
  const hybrid = person.roles.length >= 2;
  const blocks: Block[] = [header(":tophat: Your hats")];
  blocks.push(
    ...(person.hats.length
      ? packSections(hatLines(person)).blocks
      : [
          section(
            "You wear no hats yet. An admin gives hats in a team's channel: `/role assign @user tech-lead`.",
          ),
        ]),
  );
  if (hybrid || person.current || person.scheduled.length) {
    blocks.push(section(`*Your stated split*\n${splitLines(person, allocateHint(person)).join("\n")}`));
  }
  if (!hybrid && !data.weeks.length && !data.checkinsPaused) {
    blocks.push(context("Weekly check-ins are for hybrid leads: people who wear two or more hats."));
    return blocks;
  }
  const recent = data.weeks.length
    ? `${weeksTitle(data.weeks, "Your last")}\n${data.weeks.map((w) => weekLine(w.week, w.answer)).join("\n")}`
    : "*Your check-ins*\n_None yet: the first one arrives at the end of your week._";
  const state = data.checkinsPaused
    ? ":double_vertical_bar: Weekly check-ins are *paused*."
    : hybrid
      ? ":white_check_mark: Weekly check-ins are *on*."
      : "Weekly check-ins are for hybrid leads: people who wear two or more hats.";
  const checkins: Block = section(`${recent}\n\n${state}`);
  if (hybrid || data.checkinsPaused)
    (checkins as types.SectionBlock).accessory = pauseToggle(data.checkinsPaused);
  blocks.push(checkins, context(BAR_LEGEND));
  return blocks;
}

function allocateHint(person: PersonSplit): string {
  const roles = person.roles.length >= 2 ? person.roles : ["tech-lead", "engineering-manager"];
  return `/role allocate @you ${roles.map((r) => `${r}=…`).join(" ")}`;
}

function pauseToggle(paused: boolean): types.Button {
  return {
    type: "button",
    action_id: PAUSE_TOGGLE_ACTION,
    value: paused ? "resume" : "pause",
    text: { type: "plain_text", text: paused ? "Resume check-ins" : "Pause check-ins", emoji: true },
    ...(paused ? { style: "primary" as const } : {}),
  };
}

function needsAttention(lead: TeamOverview["leads"][number]): boolean {
  return lead.status.kind === "missing" || lead.status.kind === "stale";
}

/**
 * Every team, summarised to fit the Home tab whatever the workspace's size: counts first, then each
 * team with a hybrid lead lacking a split (or with a stale one), then the rest by name only.
 */
function adminBlocks(overview: WorkspaceOverview, budget: number): Block[] {
  const teams = [...overview.teams].sort((a, b) =>
    teamName(a).localeCompare(teamName(b), "en", { numeric: true }),
  );
  const missing = overview.leads.filter((l) => l.status.kind === "missing").length;
  const stale = overview.leads.filter((l) => l.status.kind === "stale").length;
  const hybrids = overview.leads.filter((l) => l.roles.length >= 2).length;
  const counts = [
    `${teams.length} team${teams.length === 1 ? "" : "s"}`,
    `${hybrids} hybrid lead${hybrids === 1 ? "" : "s"}`,
    missing ? `:warning: ${missing} without a stated split` : "every hybrid lead has a split",
    ...(stale ? [`:warning: ${stale} with a split that no longer matches their hats`] : []),
  ];
  const blocks: Block[] = [divider, header(":busts_in_silhouette: Teams"), context(counts.join(" · "))];
  const flagged = teams.filter((t) => t.leads.some(needsAttention));
  const fine = teams.filter((t) => !t.leads.some(needsAttention));
  // Keep one block for the closing summary of everything not shown.
  const room = Math.min(MAX_ATTENTION_SECTIONS, budget - blocks.length - 2);
  const attention = packLines(
    "*Teams with a hybrid lead to look at*",
    flagged.map(flaggedTeamLine),
    Math.max(room, 0),
  );
  blocks.push(...attention.blocks);
  const notShown = flagged.length - attention.shown;
  if (fine.length) {
    const names = clipList(
      fine.map((t) => `<#${t.channelId}>`),
      MAX_SECTION_TEXT - 200,
    );
    const heading = flagged.length ? "*Other teams* (nothing to look at)" : "*Teams*";
    blocks.push(section(`${heading}\n${names.text}`));
    if (names.left || notShown) blocks.push(context(moreText(notShown, names.left)));
  } else if (notShown) {
    blocks.push(context(moreText(notShown, 0)));
  }
  if (!teams.length)
    blocks.push(section("No teams yet: a channel becomes a team when an admin assigns a hat in it."));
  return blocks.slice(0, Math.max(budget, 0));
}

function moreText(flaggedLeft: number, fineLeft: number): string {
  const parts = [
    ...(flaggedLeft ? [`${flaggedLeft} more team(s) with a lead to look at`] : []),
    ...(fineLeft ? [`${fineLeft} more team(s) with nothing to look at`] : []),
  ];
  return `…and ${parts.join(", ")}. \`npm run cli -- export\` lists every team; \`/role team\` shows one.`;
}

function teamName(t: TeamOverview): string {
  return t.name ?? t.channelId;
}

/** A team and its leads to look at; a team with many is cut between leads and counted, never mid-mention. */
function flaggedTeamLine(t: TeamOverview): string {
  const leads = t.leads.filter(needsAttention).map((l) => `${mentionUser(l.userId)} ${statusText(l.status)}`);
  const more = (n: number) => (n ? `; …and ${n} more` : "");
  let line = `• <#${t.channelId}> —`;
  for (const [i, lead] of leads.entries()) {
    const next = `${line}${i ? ";" : ""} ${lead}`;
    // Room is kept for the count of the leads after this one, should the next not fit.
    if (i && next.length + more(leads.length - i - 1).length > MAX_LINE)
      return `${line}${more(leads.length - i)}`;
    line = next;
  }
  return clipText(line, MAX_LINE);
}

/** Lines packed into as few sections as fit (≤ `maxSections`), under a bold title. */
function packLines(title: string, lines: string[], maxSections: number): { blocks: Block[]; shown: number } {
  const blocks: Block[] = [];
  let shown = 0;
  let current = title;
  for (const line of lines) {
    if (current.length + 1 + line.length > MAX_SECTION_TEXT) {
      if (blocks.length + 1 >= maxSections) break;
      blocks.push(section(current));
      current = line;
    } else {
      current = `${current}\n${line}`;
    }
    shown++;
  }
  if (shown > 0 && maxSections > 0) blocks.push(section(current));
  return { blocks, shown: maxSections > 0 ? shown : 0 };
}

/** Items joined with " · " up to a length, and how many were left out. */
function clipList(items: string[], max: number): { text: string; left: number } {
  let text = "";
  let n = 0;
  for (const item of items) {
    const next = text ? `${text} · ${item}` : item;
    if (next.length > max) break;
    text = next;
    n++;
  }
  return { text, left: items.length - n };
}
