import { describe, expect, it } from "vitest";
import { choiceLabel, DID_YOU_MEAN_ACTIONS, withDidYouMean } from "../../src/messages/did-you-mean.ts";
import type { Reply } from "../../src/messages/reply.ts";
import { blockKitProblems } from "../e2e/block-kit-limits.ts";

const choice = (title: string, names: string[] = []) => ({
  areaId: "coding-standards",
  title,
  role: "tech-lead" as const,
  names,
});
const asked = { question: "who names our services", askerId: "U0LEE", channelId: "C0ALPHA" };
const abstention: Reply = {
  text: "I can't say",
  blocks: [{ type: "section", text: { type: "mrkdwn", text: "x" } }],
};

describe("Did you mean? buttons", () => {
  it("labels a choice with the area and who decides it here", () => {
    expect(choiceLabel(choice("Database choice", ["Alice"]))).toBe("Database choice — Alice (tech lead)");
    expect(choiceLabel(choice("Database choice"))).toBe("Database choice — Tech lead");
  });

  it("keeps a label within 75 characters, cutting the title before the people", () => {
    const label = choiceLabel(choice("A".repeat(80), ["Alexandra Montgomery-Smythe"]));
    expect(label.length).toBeLessThanOrEqual(75);
    expect(label).toMatch(/^A+… — Alexandra Montgomery-Smythe \(tech lead\)$/);
    expect(choiceLabel(choice("Database choice", ["N".repeat(90)])).length).toBeLessThanOrEqual(75);
  });

  it("adds one button per choice, up to three, with unique action ids, within Block Kit limits", () => {
    const reply = withDidYouMean(
      abstention,
      ["One", "Two", "Three", "Four"].map((t) => choice(t)),
      { ...asked, question: '"'.repeat(500) },
    );
    const actions = reply.blocks?.at(-1) as { type: string; elements: { action_id: string }[] };
    expect(actions.type).toBe("actions");
    expect(actions.elements.map((e) => e.action_id)).toEqual([...DID_YOU_MEAN_ACTIONS]);
    expect(blockKitProblems(reply)).toEqual([]);
    expect(reply.blocks?.[0]).toEqual(abstention.blocks?.[0]);
  });

  it("leaves the reply as it is when there is nothing to offer", () => {
    expect(withDidYouMean(abstention, [], asked)).toBe(abstention);
  });
});
