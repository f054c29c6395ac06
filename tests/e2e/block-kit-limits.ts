/**
 * Slack's documented Block Kit limits for messages, checked on what rolecall actually sent: a payload
 * over any of them is refused by Slack (invalid_blocks) and the person gets nothing.
 */
export function blockKitProblems(message: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const text = message.text;
  if (typeof text === "string" && text.length > 40_000) problems.push(`text is ${text.length} characters`);
  const blocks = (message.blocks ?? []) as Record<string, unknown>[];
  if (!Array.isArray(blocks)) return [...problems, "blocks is not an array"];
  if (blocks.length > 50) problems.push(`${blocks.length} blocks`);
  blocks.forEach((block, i) => {
    const at = `block ${i} (${String(block.type)})`;
    const textOf = (t: unknown) => (t as { text?: string } | undefined)?.text ?? "";
    switch (block.type) {
      case "section": {
        const t = textOf(block.text);
        if (!t || t.length > 3000) problems.push(`${at}: text of ${t.length} characters`);
        break;
      }
      case "context": {
        const elements = (block.elements ?? []) as unknown[];
        if (elements.length === 0 || elements.length > 10)
          problems.push(`${at}: ${elements.length} elements`);
        for (const e of elements)
          if (textOf(e).length > 2000) problems.push(`${at}: element of ${textOf(e).length} characters`);
        break;
      }
      case "header":
        if (textOf(block.text).length > 150) problems.push(`${at}: header over 150 characters`);
        break;
      case "actions": {
        const elements = (block.elements ?? []) as Record<string, unknown>[];
        if (elements.length === 0 || elements.length > 25)
          problems.push(`${at}: ${elements.length} elements`);
        for (const e of elements) {
          if (textOf(e.text).length > 75) problems.push(`${at}: button text over 75 characters`);
          if (typeof e.value === "string" && e.value.length > 2000) problems.push(`${at}: value over 2000`);
          if (typeof e.action_id === "string" && e.action_id.length > 255)
            problems.push(`${at}: long action_id`);
        }
        break;
      }
      case "divider":
      case "image":
        break;
      default:
        problems.push(`${at}: unexpected block type`);
    }
  });
  return problems;
}
