import { ROLE_IDS, type RoleId, roleLabel } from "../domain/roles.ts";
import type { PersonSplit, RecentWeek } from "../services/allocations.ts";
import { type Block, context, mentionUser, packSections, type Reply, section } from "./reply.ts";
import { BAR_LEGEND, splitBar, splitText, statusText, weekLine } from "./split.ts";

const MAX_TEAM_LINES = 40;

export type WhoisData = {
  userId: string;
  person: PersonSplit;
  /** Newest first; undefined when the viewer may not see them (the lead keeps their figures private). */
  weeks: RecentWeek[] | undefined;
};

/** Hats grouped by team, one line per team. */
export function hatLines(person: PersonSplit): string[] {
  const byChannel = new Map<string, RoleId[]>();
  for (const h of person.hats) byChannel.set(h.channelId, [...(byChannel.get(h.channelId) ?? []), h.role]);
  const lines = [...byChannel].map(
    ([channel, roles]) =>
      `• <#${channel}>: ${ROLE_IDS.filter((r) => roles.includes(r))
        .map(roleLabel)
        .join(", ")}`,
  );
  return lines.length > MAX_TEAM_LINES
    ? [...lines.slice(0, MAX_TEAM_LINES), `…and ${lines.length - MAX_TEAM_LINES} more teams`]
    : lines;
}

/** The stated split today and any scheduled change, as a few mrkdwn lines. */
export function splitLines(person: PersonSplit, allocateHint: string): string[] {
  const { status, current } = person;
  const lines: string[] = [];
  if (status.kind === "missing") {
    lines.push(`:warning: No stated split yet. Set one: \`${allocateHint}\``);
  } else if (current && lapsed(person)) {
    const now = person.roles[0] ? `One hat now (${roleLabel(person.roles[0])})` : "No hats now";
    lines.push(
      `_${now}; the last stated split (${splitText(current.split)}, since ${current.effectiveDate}) no longer applies._`,
    );
  } else if (current) {
    lines.push(`${splitBar(current.split)} ${statusText(status)}  _since ${current.effectiveDate}_`);
    if (status.kind === "stale") lines.push(`Restate it: \`${allocateHint}\``);
  } else {
    lines.push("_One hat, so no split to state._");
  }
  for (const next of person.scheduled) {
    lines.push(`:calendar: From ${next.effectiveDate}: ${splitBar(next.split)} ${splitText(next.split)}`);
  }
  return lines;
}

/**
 * A split left behind when the person is down to one hat or none: `/role allocate` refuses anyone
 * with fewer than two, so it cannot be restated, only reported as no longer applying.
 */
function lapsed(person: PersonSplit): boolean {
  return person.status.kind === "stale" && person.roles.length < 2;
}

/** The allocate command pre-filled with the person's hats, for a hint. */
export function allocateExample(person: PersonSplit): string {
  const roles = person.roles.length >= 2 ? person.roles : ["tech-lead", "engineering-manager"];
  const even = Math.floor(100 / roles.length);
  const parts = roles.map((r, i) => `${r}=${i === 0 ? 100 - even * (roles.length - 1) : even}`);
  return `/role allocate @user ${parts.join(" ")}`;
}

/** "*Last 4 check-ins* · 3 answered": unanswered weeks stay in the list, so the count says it plainly. */
export function weeksTitle(weeks: readonly RecentWeek[], last = "Last"): string {
  const unanswered = weeks.filter((w) => w.answer.kind === "unanswered" || w.answer.kind === "undelivered");
  const title = `*${last} ${weeks.length === 1 ? "check-in" : `${weeks.length} check-ins`}*`;
  return unanswered.length ? `${title} · ${weeks.length - unanswered.length} answered` : title;
}

export function whoisReply(data: WhoisData): Reply {
  const who = mentionUser(data.userId);
  const { person } = data;
  if (!person.hats.length && !person.current && !person.scheduled.length) {
    return {
      text: `${who} wears no hats yet.`,
      blocks: [
        section(`${who} wears no hats on any team yet.`),
        context("An admin gives hats in a team's channel: `/role assign @user tech-lead`"),
      ],
    };
  }
  const blocks: Block[] = [];
  blocks.push(
    ...(person.hats.length
      ? packSections(hatLines(person), { title: `${who} wears:` }).blocks
      : [section(`${who} wears no hats on any team today.`)]),
  );
  blocks.push(section(`*Stated split*\n${splitLines(person, allocateExample(person)).join("\n")}`));
  if (data.weeks === undefined) {
    blocks.push(context(`${who} keeps their check-in figures private.`));
  } else if (data.weeks.length) {
    blocks.push(
      section(`${weeksTitle(data.weeks)}\n${data.weeks.map((w) => weekLine(w.week, w.answer)).join("\n")}`),
    );
  } else if (person.roles.length >= 2) {
    blocks.push(context("No check-ins yet."));
  }
  blocks.push(context(BAR_LEGEND));
  const split = person.current && !lapsed(person) ? ` · split ${splitText(person.current.split)}` : "";
  return { text: `${who} wears ${person.hats.length} hat(s)${split}`, blocks };
}
