/**
 * Turns the text of a Slack message (asked about with the message shortcut, or an @rolecall mention)
 * into a who-decides question. Pure: Slack's message markup in, plain text out.
 */

/** The same limit `/role who-decides` puts on a typed question, so every way of asking matches alike. */
export const MAX_QUESTION_LENGTH = 500;

export type MessageQuestion =
  | { ok: true; question: string; clipped: boolean }
  | { ok: false; reason: "empty" | "no-text" };

export type MessageShape = {
  text?: string | undefined;
  /** Whether the message carries files, images or attachments besides (or instead of) text. */
  hasFiles?: boolean | undefined;
};

/**
 * The question a message asks. `botUserId` mentions are dropped (they address rolecall, they are not
 * part of the question); other mentions, channels and links become their readable labels.
 */
export function questionFromMessage(message: MessageShape, botUserId?: string): MessageQuestion {
  const plain = plainText(message.text ?? "", botUserId);
  if (!plain) return { ok: false, reason: message.hasFiles ? "no-text" : "empty" };
  if (plain.length <= MAX_QUESTION_LENGTH) return { ok: true, question: plain, clipped: false };
  return { ok: true, question: clipAtWord(plain, MAX_QUESTION_LENGTH), clipped: true };
}

/** Slack markup (`<@U…>`, `<#C…|name>`, `<url|label>`, `<!here>`) as readable text, entities decoded once. */
export function plainText(text: string, botUserId?: string): string {
  const rendered = text.replace(/<([^<>]*)>/g, (_, inner: string) => renderToken(inner, botUserId));
  return decodeEntities(rendered)
    .replace(/\p{Cc}+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function renderToken(inner: string, botUserId: string | undefined): string {
  const bar = inner.indexOf("|");
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? undefined : inner.slice(bar + 1);
  if (target.startsWith("@")) {
    if (botUserId && target === `@${botUserId}`) return " ";
    return label ? `@${label.replace(/^@/, "")}` : target;
  }
  if (target.startsWith("#")) return label ? `#${label}` : target;
  if (target.startsWith("!")) {
    // <!here>, <!channel>, <!subteam^S…|@team>, <!date^…|fallback>: the readable part only.
    if (label) return label;
    return `@${target.slice(1).split("^")[0]}`;
  }
  return label ?? target;
}

/** Slack escapes exactly these three in message text; decoding in one pass keeps `&amp;lt;` as `&lt;`. */
function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_, name: string) =>
    name === "amp" ? "&" : name === "lt" ? "<" : ">",
  );
}

function clipAtWord(text: string, max: number): string {
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(" ");
  // A word cut in half would match nothing, but a very long "word" is still better clipped than dropped.
  return (space > max / 2 ? cut.slice(0, space) : cut).trimEnd();
}
