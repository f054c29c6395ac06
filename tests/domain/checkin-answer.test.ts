import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  answerRefusal,
  CHECKIN_NOTE_MAX,
  checkinFields,
  prefillValues,
  type SplitFieldInput,
  validateCheckinSplit,
} from "../../src/domain/checkin-answer.ts";

const fields = (values: Record<string, string | null>): SplitFieldInput[] =>
  Object.entries(values).map(([key, value]) => ({ key: key as SplitFieldInput["key"], value }));

describe("the split modal's fields", () => {
  it("asks for each hat worn, in role order, then other", () => {
    expect(checkinFields(["engineering-manager", "tech-lead"], undefined)).toEqual([
      "tech-lead",
      "engineering-manager",
      "other",
    ]);
  });

  it("also asks for a hat the pre-filled split names, so a stale split can still be answered", () => {
    expect(checkinFields(["tech-lead", "engineering-manager"], { "tech-lead": 50, architect: 50 })).toEqual([
      "tech-lead",
      "engineering-manager",
      "architect",
      "other",
    ]);
  });

  it("pre-fills from the split, other at 0 when the split has none, hats it does not name blank", () => {
    const keys = checkinFields(["tech-lead", "engineering-manager"], undefined);
    expect(prefillValues(keys, { "tech-lead": 60, "engineering-manager": 40 })).toEqual({
      "tech-lead": 60,
      "engineering-manager": 40,
      other: 0,
    });
    expect(prefillValues(keys, { "tech-lead": 60, other: 40 })).toEqual({ "tech-lead": 60, other: 40 });
    expect(prefillValues(keys, undefined)).toEqual({ other: 0 });
  });
});

describe("validating the split modal", () => {
  it("accepts whole numbers totalling 100 and drops other at 0, keeping a hat at 0", () => {
    const result = validateCheckinSplit(
      fields({ "tech-lead": "100", "engineering-manager": "0", other: "0" }),
      "  launch week\n ",
    );
    expect(result).toEqual({
      ok: true,
      split: { "tech-lead": 100, "engineering-manager": 0 },
      note: "launch week",
    });
  });

  it("keeps other when it has time, and reads an empty note as none", () => {
    expect(
      validateCheckinSplit(fields({ "tech-lead": "50", "engineering-manager": "30", other: "20" }), ""),
    ).toEqual({
      ok: true,
      split: { "tech-lead": 50, "engineering-manager": 30, other: 20 },
      note: undefined,
    });
  });

  it("names the total under the last field when the parts do not add up to 100", () => {
    expect(
      validateCheckinSplit(fields({ "tech-lead": "50", "engineering-manager": "40", other: "0" }), null),
    ).toEqual({
      ok: false,
      errors: { other: "These add up to 90%; make them 100." },
    });
    expect(
      validateCheckinSplit(fields({ "tech-lead": "70", "engineering-manager": "40", other: "0" }), null),
    ).toEqual({
      ok: false,
      errors: { other: "These add up to 110%; take 10 off to make them 100." },
    });
  });

  it("puts a message under each bad field, and no total until every field is a number", () => {
    const result = validateCheckinSplit(
      fields({ "tech-lead": "-10", "engineering-manager": "12.5", architect: "", other: "lots" }),
      null,
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        "tech-lead": "Can't be below 0.",
        "engineering-manager": "Use a whole number, like 40.",
        architect: "Enter a number (0 is fine).",
        other: '"lots" is not a number; use a whole number like 40.',
      },
    });
    expect(validateCheckinSplit(fields({ "tech-lead": "120", other: "0" }), null)).toEqual({
      ok: false,
      errors: { "tech-lead": "Can't be more than 100." },
    });
    expect(validateCheckinSplit(fields({ "tech-lead": null, other: "100" }), null)).toEqual({
      ok: false,
      errors: { "tech-lead": "Enter a number (0 is fine)." },
    });
  });

  it("refuses a note longer than one line of 150 characters, counting it for the lead", () => {
    const long = "x".repeat(CHECKIN_NOTE_MAX + 5);
    expect(validateCheckinSplit(fields({ "tech-lead": "60", other: "40" }), long)).toEqual({
      ok: false,
      errors: { note: `Keep the note to 150 characters (this one has ${CHECKIN_NOTE_MAX + 5}).` },
    });
    const fits = "y".repeat(CHECKIN_NOTE_MAX);
    expect(validateCheckinSplit(fields({ "tech-lead": "60", other: "40" }), fits)).toMatchObject({
      ok: true,
      note: fits,
    });
  });

  it("accepts exactly the inputs of whole numbers 0..100 that total 100", () => {
    const keys = ["tech-lead", "engineering-manager", "architect", "other"] as const;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -20, max: 120 }), { minLength: 4, maxLength: 4 }), (nums) => {
        const input = keys.map((key, i) => ({ key, value: String(nums[i]) }));
        const result = validateCheckinSplit(input, null);
        const valid = nums.every((n) => n >= 0 && n <= 100) && nums.reduce((a, b) => a + b, 0) === 100;
        expect(result.ok).toBe(valid);
        if (result.ok) {
          const total = Object.values(result.split).reduce((a, b) => a + (b ?? 0), 0);
          expect(total).toBe(100);
        }
      }),
    );
  });
});

describe("which clicks may answer a week", () => {
  const sent = { state: "sent", dmChannel: "D1", messageTs: "100.1" };
  const clicked = { channel: "D1", ts: "100.1" };

  it("lets the lead answer their own delivered DM, and edit an answered one", () => {
    expect(answerRefusal({ record: sent, clicked, lockedMonth: undefined })).toBeUndefined();
    expect(
      answerRefusal({ record: { ...sent, state: "answered" }, clicked, lockedMonth: undefined }),
    ).toBeUndefined();
  });

  it("refuses someone without a row for the week, or clicking in another DM", () => {
    expect(answerRefusal({ record: undefined, clicked, lockedMonth: undefined })).toEqual({
      kind: "not-yours",
    });
    expect(
      answerRefusal({ record: sent, clicked: { channel: "D2", ts: "100.1" }, lockedMonth: undefined }),
    ).toEqual({
      kind: "not-yours",
    });
    expect(
      answerRefusal({ record: sent, clicked: { channel: undefined, ts: "100.1" }, lockedMonth: undefined }),
    ).toEqual({ kind: "not-yours" });
  });

  it("refuses an older copy of the lead's check-in", () => {
    expect(
      answerRefusal({ record: sent, clicked: { channel: "D1", ts: "99.9" }, lockedMonth: undefined }),
    ).toEqual({
      kind: "replaced",
    });
  });

  it("refuses a week being re-sent or never delivered", () => {
    expect(answerRefusal({ record: { ...sent, state: "claimed" }, clicked, lockedMonth: undefined })).toEqual(
      {
        kind: "not-open",
      },
    );
    const failed = { state: "failed", dmChannel: undefined, messageTs: undefined };
    expect(
      answerRefusal({ record: failed, clicked: { channel: "C0TEAM", ts: "100.1" }, lockedMonth: undefined }),
    ).toEqual({ kind: "not-open" });
  });

  it("takes a click in the lead's DM as proof that an unrecorded send arrived", () => {
    for (const state of ["claimed", "failed"]) {
      const unrecorded = { state, dmChannel: undefined, messageTs: undefined };
      expect(answerRefusal({ record: unrecorded, clicked, lockedMonth: undefined }), state).toBeUndefined();
      expect(answerRefusal({ record: unrecorded, clicked, lockedMonth: "2026-11" }), state).toEqual({
        kind: "locked",
        month: "2026-11",
      });
    }
  });

  it("refuses a week whose month's digest is out", () => {
    expect(
      answerRefusal({ record: { ...sent, state: "answered" }, clicked, lockedMonth: "2026-11" }),
    ).toEqual({
      kind: "locked",
      month: "2026-11",
    });
  });
});
