import { SUBCOMMANDS } from "../domain/command.ts";
import { type Block, context, escapeMrkdwn, header, type Reply, section } from "./reply.ts";

export function helpReply(unknown?: string): Reply {
  const blocks: Block[] = [];
  if (unknown) {
    blocks.push(section(`:thinking_face: I don't know \`${escapeMrkdwn(unknown)}\`. Here is what I can do:`));
  }
  blocks.push(header("rolecall: who holds which hat"));
  const lines = SUBCOMMANDS.map((s) => `*\`${s.usage}\`*\n${s.summary} · _${s.who}_ · e.g. \`${s.example}\``);
  // Two sections keep each under the 3,000-character limit.
  const half = Math.ceil(lines.length / 2);
  blocks.push(section(lines.slice(0, half).join("\n\n")), section(lines.slice(half).join("\n\n")));
  blocks.push(
    context("Roles: `tech-lead` (TL) · `engineering-manager` (EM) · `architect` · `product-manager` (PM)"),
  );
  const text = `${unknown ? `Unknown subcommand "${unknown}". ` : ""}rolecall commands: ${SUBCOMMANDS.map((s) => s.usage).join("; ")}`;
  return { text, blocks };
}
