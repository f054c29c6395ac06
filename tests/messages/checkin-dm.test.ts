import { describe, expect, it } from "vitest";
import { checkinPrompt, checkinReminder, weekLabel, weekRange } from "../../src/messages/checkin-dm.ts";
import { CHECKIN_ACTIONS } from "../../src/messages/checkin-ids.ts";
import { MAX_MESSAGE_BLOCKS } from "../../src/messages/reply.ts";
import { visibleText } from "../e2e/harness.ts";

type Button = { action_id: string; value: string; text: { text: string }; style?: string };
const buttonsOf = (blocks: unknown[]): Button[] =>
  blocks.flatMap((b) =>
    (b as { type: string }).type === "actions" ? (b as { elements: Button[] }).elements : [],
  );

describe("week labels", () => {
  it("names a week by its days, with years only when it straddles two", () => {
    expect(weekLabel("2026-W47")).toBe("week of 16–22 Nov");
    expect(weekRange("2026-W49")).toBe("30 Nov – 6 Dec");
    expect(weekRange("2026-W53")).toBe("28 Dec 2026 – 3 Jan 2027");
    expect(weekRange("2027-W01")).toBe("4–10 Jan");
    expect(weekRange("not-a-week")).toBe("not-a-week");
  });
});

describe("the check-in DM", () => {
  const planned = {
    userId: "U0LEE",
    week: "2026-W47",
    roles: ["tech-lead", "engineering-manager"] as const,
    stated: { split: { "tech-lead": 60, "engineering-manager": 40 }, since: "2026-11-02" },
  };

  it("shows the week, the stated plan and the three answers, each carrying the week", () => {
    const m = checkinPrompt({ ...planned, roles: [...planned.roles] });
    const text = visibleText(m);
    expect(text).toContain("16–22 Nov");
    expect(text).toContain("*60%* Tech lead");
    expect(text).toContain("*40%* Engineering manager");
    expect(text).toContain("2 Nov 2026");
    expect(buttonsOf(m.blocks).map((b) => [b.action_id, b.value, b.text.text])).toEqual([
      [CHECKIN_ACTIONS.asPlanned, "2026-W47", "As planned"],
      [CHECKIN_ACTIONS.enterSplit, "2026-W47", "Enter my split"],
      [CHECKIN_ACTIONS.skip, "2026-W47", "Skip this week (away)"],
    ]);
    // Notifications and screen readers get the gist without blocks.
    expect(m.text).toContain("week of 16–22 Nov");
    expect(m.text).toContain("TL 60 · EM 40");
    expect(m.blocks.length).toBeLessThanOrEqual(MAX_MESSAGE_BLOCKS);
  });

  it("offers no 'As planned' when no split was stated, and says how to state one", () => {
    const m = checkinPrompt({ ...planned, roles: [...planned.roles], stated: undefined });
    expect(buttonsOf(m.blocks).map((b) => b.action_id)).toEqual([
      CHECKIN_ACTIONS.enterSplit,
      CHECKIN_ACTIONS.skip,
    ]);
    expect(visibleText(m)).toContain("You haven't stated a split yet");
    expect(visibleText(m)).toContain("/role allocate");
  });

  it("reminds once, naming the week, without buttons of its own", () => {
    const m = checkinReminder({ userId: "U0LEE", week: "2026-W47", planned: true });
    expect(visibleText(m)).toContain("week of 16–22 Nov");
    expect(visibleText(m)).toContain("only reminder");
    expect(visibleText(m)).toContain("*As planned*, *Enter my split* or *Skip this week (away)*");
    expect(buttonsOf(m.blocks)).toEqual([]);
  });

  it("a reminder names only the answers its check-in offers: no 'As planned' without a plan", () => {
    const text = visibleText(checkinReminder({ userId: "U0NEO", week: "2026-W47", planned: false }));
    expect(text).not.toContain("As planned");
    expect(text).toContain("*Enter my split* or *Skip this week (away)*");
  });

  it("without a plan, the hint to state one names the hats the lead actually wears", () => {
    const m = checkinPrompt({ ...planned, roles: ["tech-lead", "product-manager"], stated: undefined });
    const text = visibleText(m);
    expect(text).toContain("`/role allocate @you tech-lead=… product-manager=…`");
    expect(text).not.toContain("engineering-manager");
  });
});
