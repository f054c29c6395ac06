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
