import { createInterface } from "node:readline";
import type { AppContext } from "../context.ts";
import { roleLabel } from "../domain/roles.ts";
import { type WhoDecidesAnswer, whoDecides } from "../services/who-decides.ts";
import { CliError } from "./context.ts";

export type AskOptions = { channel: string | undefined; json: boolean };

/** The CLI's JSON line: exactly the contract documented in docs/cli.md. */
export function toJsonLine(a: WhoDecidesAnswer): string {
  const holders = (h: { role: string; userIds: string[] }) => ({ role: h.role, userIds: h.userIds });
  return JSON.stringify({
    question: a.question,
    area: a.area,
    decider: a.decider && holders(a.decider),
    consulted: a.consulted.map(holders),
    informed: a.informed.map(holders),
    confidence: a.confidence,
    alternatives: a.alternatives.map((alt) => ({ area: alt.area, decider: holders(alt.decider) })),
  });
}

export function toText(a: WhoDecidesAnswer): string {
  const people = (ids: string[]) => (ids.length ? ids.join(", ") : "nobody assigned");
  if (!a.area || !a.decider) {
    const closest = a.closest.map((c) => `  - ${c.title} (${roleLabel(c.decider)})`).join("\n");
    return `? ${a.question}\n  No confident owner. Closest areas:\n${closest || "  - none"}\n`;
  }
  const lines = [
    `? ${a.question}`,
    `  ${roleLabel(a.decider.role)} decides: ${a.area.title} (${people(a.decider.userIds)})`,
  ];
  if (a.consulted.length) lines.push(`  consulted: ${a.consulted.map((c) => roleLabel(c.role)).join(", ")}`);
  if (a.informed.length) lines.push(`  informed: ${a.informed.map((c) => roleLabel(c.role)).join(", ")}`);
  if (a.matchedTerms.length) lines.push(`  why: ${a.matchedTerms.join(", ")}`);
  lines.push(`  confidence: ${a.confidence.toFixed(2)}`);
  for (const alt of a.alternatives) lines.push(`  or: ${alt.area.title} (${roleLabel(alt.decider.role)})`);
  return `${lines.join("\n")}\n`;
}

export async function ask(
  ctx: AppContext,
  teamId: string,
  question: string | undefined,
  opts: AskOptions,
  io: { stdin: NodeJS.ReadableStream; write: (s: string) => void },
): Promise<void> {
  if (opts.channel && !/^[CG][A-Z0-9]+$/.test(opts.channel)) {
    throw new CliError(`--channel must be a Slack channel id such as C0123ABCD, not "${opts.channel}".`);
  }
  const channel = opts.channel ?? "";
  const answer = (q: string) => whoDecides(ctx, teamId, channel, q);
  if (question !== undefined) {
    if (!question.trim()) throw new CliError('Ask a question: rolecall ask "who approves promotions?"');
    io.write(opts.json ? `${toJsonLine(answer(question))}\n` : toText(answer(question)));
    return;
  }
  if (!opts.json)
    throw new CliError(
      'Ask a question, or use --json to read one question per line from stdin: rolecall ask "who decides X?"',
    );
  // Batch mode: one question per line in, one JSON object per line out, in order (blank lines skipped).
  for await (const line of createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
    if (line.trim()) io.write(`${toJsonLine(answer(line.trim()))}\n`);
  }
}
