import { describe, expect, it } from "vitest";
import {
  findLearned,
  NEAR_IDENTICAL_OVERLAP,
  normalisePhrasing,
  phrasingOverlap,
} from "../../src/domain/phrasing.ts";

describe("normalisePhrasing", () => {
  it("lower-cases, drops stop words and ignores word order and repeats", () => {
    expect(normalisePhrasing("Who names our services?")).toBe("names services");
    expect(normalisePhrasing("services: who names them, the services")).toBe("names services");
  });

  it("strips Slack mentions, channel links, links, emoji and escaped entities", () => {
    expect(
      normalisePhrasing(
        "<@U0LEE|lee> who names <#C0ALPHA|alpha> services :thinking_face: <https://x.example|docs> &amp; &lt;stuff&gt;",
      ),
    ).toBe("names services stuff");
  });

  it("drops possessives and keeps non-English letters", () => {
    expect(normalisePhrasing("Who owns the team’s Überblick?")).toBe("überblick");
  });

  it("is empty when only filler is left", () => {
    expect(normalisePhrasing("who decides this?")).toBe("");
  });
});

describe("phrasingOverlap and findLearned", () => {
  const learned = [
    { phrasing: "names services", areaId: "a" },
    { phrasing: "billing database service", areaId: "b" },
  ];

  it("measures shared words over all words", () => {
    expect(phrasingOverlap("billing database service", "billing database new service")).toBe(0.75);
    expect(phrasingOverlap("backups database", "choice database")).toBeCloseTo(1 / 3);
    expect(phrasingOverlap("", "")).toBe(0);
  });

  it("finds the same question reworded", () => {
    expect(findLearned("Services — who names them?", learned)?.areaId).toBe("a");
  });

  it(`accepts a near-identical question at ${NEAR_IDENTICAL_OVERLAP} overlap, and nothing below it`, () => {
    expect(findLearned("which database for the billing service, cloud?", learned)?.areaId).toBe("b");
    expect(
      findLearned("which database for the billing service in the cloud region?", learned),
    ).toBeUndefined();
    expect(findLearned("who names our queues", learned)).toBeUndefined();
  });

  it("never matches a question made only of filler", () => {
    expect(findLearned("who decides?", [{ phrasing: "", areaId: "x" }])).toBeUndefined();
  });
});
