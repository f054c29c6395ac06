import { type RoleId, roleLabel } from "../domain/roles.ts";
import type { Decider, RoleHolders, WhoDecidesAnswer } from "../services/who-decides.ts";
import { type Block, context, escapeMrkdwn, mentionUser, type Reply, section } from "./reply.ts";

const people = (userIds: string[]) => userIds.map(mentionUser).join(", ");

function holdersText(h: RoleHolders): string {
  return `${roleLabel(h.role)}${h.userIds.length ? ` (${people(h.userIds)})` : ""}`;
}

function deciderLine(d: Decider): string {
  const who = d.userIds.length
    ? `${people(d.userIds)} ${d.override === "person" ? "(named for this channel)" : "on this team"}`
    : `nobody on this team wears this hat yet · an admin can run \`/role assign @user ${d.role}\``;
  return `*${roleLabel(d.role)}* decides — ${who}`;
}

function deciderPlain(d: Decider): string {
  return `${roleLabel(d.role)} decides${d.userIds.length ? ` (${d.userIds.map((u) => `<@${u}>`).join(", ")})` : ""}`;
}

export function whoDecidesReply(a: WhoDecidesAnswer): Reply {
  const question = `_“${escapeMrkdwn(a.question)}”_`;
  if (!a.area || !a.decider) {
    const closest = a.closest.length
      ? a.closest.map((c) => `• *${escapeMrkdwn(c.title)}* — ${roleLabel(c.decider)} decides`).join("\n")
      : "• nothing close in this workspace's catalog";
    return {
      text: `I can't say who decides "${a.question}" with confidence.`,
      blocks: [
        section(
          `:grey_question: I can't say with confidence who decides ${question}: it doesn't match an area of this team's decision catalog, and I won't guess an owner.`,
        ),
        section(`*Closest areas*\n${closest}`),
        context(
          'Rephrase with the decision itself (e.g. "who approves promotions?"), see `/role areas`, or have an admin record an owner: `/role decide "<area title>" <role|@user>`',
        ),
      ],
    };
  }
  const blocks: Block[] = [
    section(deciderLine(a.decider)),
    context(`${question} → *${escapeMrkdwn(a.area.title)}* · ${Math.round(a.confidence * 100)}% match`),
  ];
  const consulted = a.consulted.map(holdersText).join(", ");
  const informed = a.informed.map(holdersText).join(", ");
  const raci = [consulted && `*Consulted:* ${consulted}`, informed && `*Informed:* ${informed}`].filter(
    Boolean,
  );
  if (raci.length) blocks.push(context(raci.join("   ·   ")));
  if (a.decider.override === "role")
    blocks.push(context(":pushpin: This channel set its own decider for this area."));
  if (a.matchedTerms.length)
    blocks.push(
      context(`Why: your question mentions ${a.matchedTerms.map((t) => `_${escapeMrkdwn(t)}_`).join(", ")}`),
    );
  if (a.alternatives.length) {
    const lines = a.alternatives.map(
      (alt) => `• *${escapeMrkdwn(alt.area.title)}* — ${deciderPlain(alt.decider)}`,
    );
    blocks.push(section(`*Or did you mean*\n${lines.join("\n")}`));
  }
  return { text: `${deciderPlain(a.decider)}: ${a.area.title}`, blocks };
}

export function roleHeading(role: RoleId, count: number): string {
  return `*${roleLabel(role)} decides* (${count})`;
}
