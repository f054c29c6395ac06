import { describe, expect, it } from "vitest";
import { AreaMatcher } from "../../src/domain/matcher.ts";
import { ROLE_IDS } from "../../src/domain/roles.ts";
import { loadCatalog } from "../../src/store/catalog-file.ts";
import { readCases } from "./who-decides-cases.ts";

const DEFAULT_CATALOG = loadCatalog();

// Phrasings written before the matcher was tuned, as a generalisation check rather than a target.
const cases = readCases(new URL("./fixtures/held-out-questions.tsv", import.meta.url));
const matcher = new AreaMatcher(DEFAULT_CATALOG);

function outcome(c: (typeof cases)[number]) {
  const { best } = matcher.match(c.question);
  const pass =
    c.accepted.length === 0 ? best === null : best !== null && c.accepted.includes(best.area.decider);
  return { ...c, best, pass };
}

describe("who-decides held-out questions", () => {
  const results = cases.map(outcome);
  const inDomain = results.filter((r) => r.accepted.length > 0);
  const outOfDomain = results.filter((r) => r.accepted.length === 0);

  it("is a broad set: 80+ questions, every role, 15+ out of domain", () => {
    expect(results.length).toBeGreaterThanOrEqual(80);
    expect(outOfDomain.length).toBeGreaterThanOrEqual(15);
    for (const role of ROLE_IDS) {
      expect(inDomain.filter((r) => r.accepted.includes(role)).length, role).toBeGreaterThanOrEqual(10);
    }
  });

  it("never claims an owner for an out-of-domain question", () => {
    const claimed = outOfDomain
      .filter((r) => r.best !== null)
      .map((r) => `${r.question} -> ${r.best?.area.id}`);
    expect(claimed).toEqual([]);
  });

  it("answers at least 95% of the questions correctly", () => {
    const failures = results
      .filter((r) => !r.pass)
      .map((r) => `${r.question} -> ${r.best?.area.id ?? "null"}`);
    const accuracy = (results.length - failures.length) / results.length;
    console.info(`held-out accuracy: ${results.length - failures.length}/${results.length}`);
    expect(failures.length / results.length, failures.join("\n")).toBeLessThanOrEqual(0.05);
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
  });
});
