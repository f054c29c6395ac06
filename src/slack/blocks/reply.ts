import type { types } from "@slack/bolt";

export type Block = types.KnownBlock;

/** What a /role subcommand answers: Block Kit plus the fallback text notifications show. */
export type Reply = {
  text: string;
  blocks?: Block[];
  /** Ephemeral unless a feature says the channel should see it. */
  visibility?: "ephemeral" | "in_channel";
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

export function clipText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Escapes user-supplied text for mrkdwn so it cannot forge mentions or links. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function mentionUser(userId: string): string {
  return `<@${userId}>`;
}

/** A refusal or parse error: what was wrong, then the right form. */
export function errorReply(problem: string, usage: string): Reply {
  return {
    text: `${problem} Usage: ${usage}`,
    blocks: [
      section(`:warning: ${problem}`),
      context(`Usage: \`${usage}\` · \`/role help\` lists every command`),
    ],
  };
}

export function infoReply(markdown: string): Reply {
  return { text: markdown, blocks: [section(markdown)] };
}
