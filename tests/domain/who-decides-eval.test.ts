import { describe, expect, it } from "vitest";
import { AreaMatcher } from "../../src/domain/matcher.ts";
import { loadCatalog } from "../../src/store/catalog-file.ts";
import { readCases } from "./who-decides-cases.ts";

const DEFAULT_CATALOG = loadCatalog();

// The example questions every build must answer, vendored in fixtures/ so the test reads nothing
// outside the repository.
const cases = readCases(new URL("./fixtures/who-decides-examples.tsv", import.meta.url));
const matcher = new AreaMatcher(DEFAULT_CATALOG);

describe("who-decides example questions", () => {
  it("has examples to check", () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases.map((c) => [c.question, c] as const))("%s", (_, c) => {
    const { best } = matcher.match(c.question);
    if (c.accepted.length === 0) {
      expect(best, `claimed ${best?.area.id} for an out-of-domain question`).toBeNull();
    } else {
      expect(best, "no confident area").not.toBeNull();
      expect(c.accepted).toContain(best?.area.decider);
    }
  });
});
