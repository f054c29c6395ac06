import { describe, expect, it } from "vitest";
import { decodePick, encodePick, MAX_BUTTON_VALUE } from "../../src/domain/pick-value.ts";

const asked = { areaId: "coding-standards", askerId: "U0LEE", channelId: "C0ALPHA" };

describe("Did you mean? button values", () => {
  it("round-trips the area, question, asker and channel", () => {
    const value = encodePick({ ...asked, question: 'who names "our" services?' });
    expect(decodePick(value)).toEqual({ ...asked, question: 'who names "our" services?', clipped: false });
  });

  it("fits a 500-character question of characters JSON must escape", () => {
    const value = encodePick({ ...asked, question: '"\\'.repeat(250) });
    expect(value.length).toBeLessThanOrEqual(MAX_BUTTON_VALUE);
    expect(decodePick(value)?.clipped).toBe(false);
  });

  it("cuts a longer question until the value fits, and marks it so it is never learned", () => {
    const question = "\n".repeat(3000);
    const value = encodePick({ ...asked, question });
    expect(value.length).toBeLessThanOrEqual(MAX_BUTTON_VALUE);
    const pick = decodePick(value);
    expect(pick?.clipped).toBe(true);
    expect(question.startsWith(pick?.question ?? "x")).toBe(true);
  });

  it("rejects values rolecall did not write", () => {
    for (const v of [undefined, "", "not json", "{}", '{"a":"x","q":"y","u":"U","c":"C","extra":1}'])
      expect(decodePick(v)).toBeUndefined();
  });
});
