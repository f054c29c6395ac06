import { describe, expect, it } from "vitest";
import { exactIds } from "../../src/slack/listener-pattern.ts";

describe("exactIds", () => {
  const pattern = exactIds(["checkin_skip", "checkin_edit", "a.b"]);

  it("matches each id exactly", () => {
    expect(["checkin_skip", "checkin_edit", "a.b"].map((id) => pattern.test(id))).toEqual([true, true, true]);
  });

  it("matches no prefix, suffix or look-alike", () => {
    for (const id of ["checkin_skip_x", "xcheckin_edit", "checkin_", "axb", "a.b.c", ""]) {
      expect(pattern.test(id), id).toBe(false);
    }
  });

  it("refuses an empty list, which would match every action", () => {
    expect(() => exactIds([])).toThrow();
  });
});
