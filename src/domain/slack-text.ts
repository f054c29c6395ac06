/**
 * Slack sends the three characters it reserves in text (`&`, `<`, `>`) as `&amp;`, `&lt;` and `&gt;`,
 * while its own mentions and links (`<@U123|lee>`, `<#C123|team>`) arrive as real angle brackets.
 * Decoding once, in one pass, turns what Slack sent back into what the person typed: `&amp;lt;` is
 * the typed text `&lt;`, never `<`. Replies escape it again on the way out (`escapeMrkdwn`), so each
 * character is escaped exactly once.
 */
export function decodeSlackEntities(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_, name: string) =>
    name === "amp" ? "&" : name === "lt" ? "<" : ">",
  );
}

/**
 * A question as typed in Slack, reduced to the words that say what it is about. Slack sends
 * mentions, channel links and URLs in angle brackets, emoji as `:shortcodes:` and `&`, `<`, `>` as
 * entities; none of these name a subject, and a user id such as U05ZXC9VB would otherwise read as
 * an unknown word that makes a question look off-topic.
 */

/** Chatty openings that end at the first comma, colon or dash ("hiya,", "random q:", "Q for the hive mind:"). */
const OPENING = new RegExp(
  "^(?:(?:" +
    [
      "(?:hi|hey|hello|hiya|heya|yo|howdy|(?:good )?morning|afternoon|evening)(?: (?:all|team|everyone|folks|gang|y'?all|there))?",
      "(?:random|quick|noob|dumb|silly|stupid) (?:q|question)",
      "q for the hive mind",
      "(?:idk|not sure) who (?:to|else to) ask(?: so)?",
      "(?:sorry|apologies) (?:if this is|for the) [a-z ]{0,20}?(?:obvious|question|q)(?:,? but)?",
      "sorry to bother(?: you)?",
    ].join("|") +
    ")\\b[\\s!,.:;\u2014\u2013-]*)+",
  "i",
);

export function plainQuestion(text: string): string {
  // Matching only (nothing here is echoed): text from the CLI or a test may still carry Slack's entities.
  let s = decodeSlackEntities(text);
  // <@U123|name>, <#C123|name>, <!here>: who or where, never what. A link keeps its label.
  s = s.replace(/<[@#!][^>]*>/g, " ");
  s = s.replace(/<(?:https?|mailto):[^|>]*\|([^>]*)>/g, " $1 ");
  s = s.replace(/<(?:https?|mailto):[^>]*>/g, " ");
  s = s.replace(/:[a-z0-9_+-]+:/gi, " ");
  // `code spans` keep their content: it often names the thing asked about; snake_case splits into words.
  s = s.replace(/`+/g, " ").replace(/([\p{L}\p{N}])_(?=[\p{L}\p{N}])/gu, "$1 ");
  s = s.trim().replace(OPENING, "");
  return s.trim();
}
