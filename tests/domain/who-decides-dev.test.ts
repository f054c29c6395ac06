import { describe, expect, it } from "vitest";
import { AreaMatcher } from "../../src/domain/matcher.ts";
import { loadCatalog, loadMatcherOptions } from "../../src/store/catalog-file.ts";
import { readCases } from "./who-decides-cases.ts";

const DEFAULT_CATALOG = loadCatalog();

// A wider regression net than the held-out set: phrasings used while tuning plus a last untuned batch.
// The bar is lower than for the held-out set, but a wrong owner is held to a much stricter one than
// "no confident owner", because a wrong name misleads and a refusal offers the closest areas as
// buttons. The bar was 90% until the threshold was raised so that realistic out-of-domain questions
// it was not fitted on get no owner either (docs/who-decides.md, "How well it answers"): 309 of 357
// are answered right now, with 2 wrong owners where there were 3.
const cases = readCases(new URL("./fixtures/dev-questions.tsv", import.meta.url));
const matcher = new AreaMatcher(DEFAULT_CATALOG, loadMatcherOptions());

describe("who-decides development questions", () => {
  const results = cases.map((c) => ({ ...c, best: matcher.match(c.question).best }));
  const outOfDomain = results.filter((r) => r.accepted.length === 0);
  const claimed = results.filter((r) => r.accepted.length > 0 && r.best !== null);

  it("never claims an owner for an out-of-domain question", () => {
    expect(outOfDomain.length).toBeGreaterThanOrEqual(50);
    expect(
      outOfDomain.filter((r) => r.best !== null).map((r) => `${r.question} -> ${r.best?.area.id}`),
    ).toEqual([]);
  });

  it("answers at least 86% correctly and names a wrong owner for at most 2%", () => {
    const correct = results.filter((r) =>
      r.accepted.length === 0 ? r.best === null : r.best !== null && r.accepted.includes(r.best.area.decider),
    );
    const wrong = claimed.filter((r) => r.best && !r.accepted.includes(r.best.area.decider));
    console.info(`dev accuracy: ${correct.length}/${results.length}, wrong owners: ${wrong.length}`);
    expect(correct.length / results.length).toBeGreaterThanOrEqual(0.86);
    expect(wrong.length / results.length, wrong.map((r) => r.question).join("\n")).toBeLessThanOrEqual(0.02);
  });
});
