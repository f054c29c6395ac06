import { ROLE_IDS, roleLabel } from "../domain/roles.ts";
import type { TeamOverview } from "../services/allocations.ts";
import {
  type Block,
  context,
  escapeMrkdwn,
  header,
  MAX_MESSAGE_BLOCKS,
  mentionUser,
  packSections,
  type Reply,
  section,
} from "./reply.ts";
import { BAR_LEGEND, splitBar, statusText } from "./split.ts";

/** A lead's line: who, their roles across teams, and their split or what is wrong with it. */
export function leadLine(lead: TeamOverview["leads"][number]): string {
  const bar =
    lead.status.kind === "ok" || lead.status.kind === "stale" ? `${splitBar(lead.status.split)} ` : "";
  return `• ${mentionUser(lead.userId)} — ${bar}${statusText(lead.status)}`;
}

export function teamReply(team: TeamOverview, channelName: string | undefined): Reply {
  if (!team.hats.length) {
    return {
      text: "No one wears a hat on this channel's team yet.",
      blocks: [
        section("No one wears a hat on this channel's team yet."),
        context(
          "An admin can add one: `/role assign @user tech-lead` (or engineering-manager, architect, product-manager).",
        ),
      ],
    };
  }
  const lines = ROLE_IDS.map((role) => {
    const who = team.hats.filter((h) => h.role === role).map((h) => mentionUser(h.userId));
    return `*${roleLabel(role)}:* ${who.length ? who.join(", ") : "_nobody_"}`;
  });
  const name = channelName ?? team.name ?? undefined;
  const blocks: Block[] = [header(`Role map${name ? ` for #${name}` : ""}`), ...packSections(lines).blocks];
  if (team.leads.length) {
    // A big team's leads take several sections; two blocks stay free for the legend and a count.
    const leads = packSections(team.leads.map(leadLine), {
      title: "*Hybrid leads and their stated split*",
      maxSections: MAX_MESSAGE_BLOCKS - blocks.length - 2,
    });
    blocks.push(...leads.blocks);
    if (leads.shown < team.leads.length)
      blocks.push(context(`…and ${team.leads.length - leads.shown} more hybrid leads.`));
    const needsSplit = team.leads.some((l) => l.status.kind === "missing" || l.status.kind === "stale");
    blocks.push(
      context(
        needsSplit
          ? `${BAR_LEGEND}\nSet or restate a split: \`/role allocate @user tech-lead=60 engineering-manager=40\` (an admin, or the lead themself)`
          : BAR_LEGEND,
      ),
    );
  }
  const flagged = team.leads.filter((l) => l.status.kind !== "ok").length;
  return {
    text: `Role map${name ? ` for #${escapeMrkdwn(name)}` : ""}: ${team.hats.length} hats, ${team.leads.length} hybrid lead(s)${flagged ? `, ${flagged} needing a split` : ""}`,
    blocks,
  };
}
