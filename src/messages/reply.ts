import type { types } from "@slack/bolt";

export type Block = types.KnownBlock;

/** What a /role subcommand answers: Block Kit plus the fallback text notifications show. */
export type Reply = {
  text: string;
  blocks?: Block[];
  /** Ephemeral unless a feature says the channel should see it. */
  visibility?: "ephemeral" | "in_channel";
  /** Set on refusals and usage errors, so metrics can tell them from answers. */
  refused?: true;
};

export const MAX_MESSAGE_BLOCKS = 50;
export const MAX_SECTION_TEXT = 3000;

export function section(markdown: string): Block {
  return { type: "section", text: { type: "mrkdwn", text: clipText(markdown, MAX_SECTION_TEXT) } };
}

export function context(...markdown: string[]): Block {
  return {
    type: "context",
    elements: markdown.slice(0, 10).map((t) => ({ type: "mrkdwn", text: clipText(t, 2000) })),
  };
}

export function header(text: string): Block {
  return { type: "header", text: { type: "plain_text", text: clipText(text, 150), emoji: true } };
}

export const divider: Block = { type: "divider" };

/**
 * Lines packed into as few sections as fit Slack's per-section limit, never splitting a line (a
 * clipped line could cut a mention in half). Stops at `maxSections`; `shown` says how many lines made it.
 */
export function packSections(
  lines: readonly string[],
  opts: { title?: string; maxSections?: number } = {},
): { blocks: Block[]; shown: number } {
  const max = opts.maxSections ?? MAX_MESSAGE_BLOCKS;
  const texts: string[] = [];
  let current = opts.title ?? "";
  let shown = 0;
  for (const line of lines) {
    if (current && current.length + 1 + line.length > MAX_SECTION_TEXT) {
      if (texts.length + 1 >= max) break;
      texts.push(current);
      current = line;
    } else {
      current = current ? `${current}\n${line}` : line;
    }
    shown++;
  }
  if (current && max > 0) texts.push(current);
  return { blocks: texts.map(section), shown: max > 0 ? shown : 0 };
}

export function clipText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Escapes text for mrkdwn (blocks and a message's fallback `text`) so it reads as typed and cannot
 * ping a channel, forge a mention or make a link. The one escaping function: every piece of user text
 * (and every usage line with `<placeholders>`) goes through it exactly once on its way to Slack.
 */
export function escapeMrkdwn(text: string): string {
  // Most text has none of the three: one scan instead of three replaces.
  if (!/[&<>]/.test(text)) return text;
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function mentionUser(userId: string): string {
  return `<@${userId}>`;
}

/**
 * A refusal or parse error: what was wrong, then the right form. `problem` is mrkdwn (any user text
 * in it already escaped); `usage` is plain text, escaped here because its `<placeholders>` would
 * otherwise read as Slack's link syntax. Slack decodes entities inside code spans too.
 */
export function errorReply(problem: string, usage: string): Reply {
  const form = escapeMrkdwn(usage);
  return {
    text: `${problem} Usage: ${form}`,
    refused: true,
    blocks: [
      section(`:warning: ${problem}`),
      context(`Usage: \`${form}\` · \`/role help\` lists every command`),
    ],
  };
}

export function infoReply(markdown: string): Reply {
  return { text: markdown, blocks: [section(markdown)] };
}
