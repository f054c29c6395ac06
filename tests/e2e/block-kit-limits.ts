/**
 * Slack's documented Block Kit limits for the parts rolecall sends in messages, checked on what
 * actually reached the stand-in Slack. Returns every breach, so an assertion shows all of them.
 */
const LIMITS = {
  blocks: 50,
  text: 40_000,
  sectionText: 3000,
  contextElements: 10,
  contextText: 2000,
  headerText: 150,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
};

type Node = Record<string, unknown>;

export function blockKitProblems(message: { text?: unknown; blocks?: unknown }): string[] {
  const problems: string[] = [];
  const blocks = (
    typeof message.blocks === "string" ? JSON.parse(message.blocks) : (message.blocks ?? [])
  ) as Node[];
  const over = (what: string, length: number, max: number) => {
    if (length > max) problems.push(`${what} is ${length} long, over ${max}`);
  };
  over("the fallback text", String(message.text ?? "").length, LIMITS.text);
  over("the block list", blocks.length, LIMITS.blocks);
  const actionIds = new Set<string>();
  blocks.forEach((block, i) => {
    const at = `block ${i} (${String(block.type)})`;
    if (typeof block.block_id === "string") over(`${at} block_id`, block.block_id.length, LIMITS.blockId);
    const text = (block.text as Node | undefined)?.text;
    if (block.type === "section" && typeof text === "string")
      over(`${at} text`, text.length, LIMITS.sectionText);
    if (block.type === "header" && typeof text === "string")
      over(`${at} text`, text.length, LIMITS.headerText);
    const elements = (block.elements ?? []) as Node[];
    if (block.type === "context") {
      over(`${at} elements`, elements.length, LIMITS.contextElements);
      for (const e of elements) over(`${at} element text`, String(e.text ?? "").length, LIMITS.contextText);
    }
    if (block.type === "actions") {
      over(`${at} elements`, elements.length, LIMITS.actionsElements);
      for (const e of elements) {
        const id = String(e.action_id ?? "");
        over(`${at} action_id`, id.length, LIMITS.actionId);
        if (actionIds.has(id)) problems.push(`${at}: action_id ${id} is not unique in the message`);
        actionIds.add(id);
        if (e.type === "button") {
          over(
            `${at} button text`,
            String((e.text as Node | undefined)?.text ?? "").length,
            LIMITS.buttonText,
          );
          over(`${at} button value`, String(e.value ?? "").length, LIMITS.buttonValue);
        }
      }
    }
  });
  return problems;
}
