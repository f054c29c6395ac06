import { describe, expect, it } from "vitest";
import { ExampleClassifier, posterior } from "../../src/domain/example-classifier.ts";
import { ExampleIndex } from "../../src/domain/example-index.ts";
import { AreaMatcher } from "../../src/domain/matcher.ts";
import {
  loadCatalog,
  loadExampleQuestions,
  loadMatcherOptions,
  loadTechnologies,
} from "../../src/store/catalog-file.ts";

const CATALOG = loadCatalog();
const index = new ExampleIndex(loadExampleQuestions(CATALOG), loadTechnologies(), CATALOG);
const OUT_OF_DOMAIN = index.areaIds.length;

/** The class a question reads most like: an area id, or "out of domain". */
function classOf(question: string): string {
  const into = new Float64Array(index.classifier.classes);
  index.classifier.classify(index.terms(question), into);
  let best = 0;
  for (let c = 1; c < into.length; c++) if ((into[c] as number) > (into[best] as number)) best = c;
  return best === OUT_OF_DOMAIN ? "out of domain" : (index.areaIds[best] as string);
}

describe("the example classifier", () => {
  it("learns from a handful of documents per class", () => {
    const classifier = new ExampleClassifier([
      [
        ["databas", "postgr"],
        ["databas", "mysql"],
      ],
      [
        ["hire", "candid"],
        ["hire", "interview"],
      ],
      [
        ["lunch", "pizza"],
        ["parti", "pizza"],
      ],
    ]);
    const into = new Float64Array(classifier.classes);
    expect(classifier.classify(["databas", "unknown"], into)).toBe(1);
    expect(into[0]).toBeGreaterThan(0.5);
    expect(into.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    classifier.classify(["pizza"], into);
    expect(into[2]).toBeGreaterThan(into[0] as number);
  });

  it("with pairs, tells apart questions whose words alone say nothing, by which word follows which", () => {
    // Every word is used once by each class; only the order of the words differs.
    const documents = [
      [
        ["product", "roadmap"],
        ["two", "teams"],
      ],
      [
        ["product", "two"],
        ["roadmap", "teams"],
      ],
    ];
    const into = new Float64Array(2);
    const words = new ExampleClassifier(documents);
    words.classify(["product", "two"], into);
    expect(into[0]).toBeCloseTo(0.5, 10);
    const pairs = new ExampleClassifier(documents, { pairs: true });
    expect(pairs.classify(["product", "two"], into)).toBe(3);
    expect(into[1]).toBeGreaterThan(0.6);
    pairs.classify(["product", "roadmap"], into);
    expect(into[0]).toBeGreaterThan(0.6);
    // Reversed, a pair is another pair: "two product" was never seen.
    expect(pairs.classify(["two", "product"], into)).toBe(2);
    expect(into[0]).toBeCloseTo(0.5, 10);
  });

  it("with pairs, stays finite when a class has no documents or a pair only one class used comes last", () => {
    for (const documents of [
      [
        [
          ["x", "y"],
          ["p", "q"],
        ],
        [["x", "y"]],
      ],
      [[["x", "y"]], []],
    ]) {
      const classifier = new ExampleClassifier(documents, { pairs: true });
      const into = new Float64Array(2);
      classifier.classify(["p", "q"], into);
      classifier.classify(["x", "y"], into);
      expect([...into].every(Number.isFinite)).toBe(true);
      expect(into.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    }
  });

  it("gives every class the same share when it knows none of the words", () => {
    const classifier = new ExampleClassifier([[["a"]], [["b"]]]);
    const into = new Float64Array(2);
    expect(classifier.classify(["zzz"], into)).toBe(0);
    expect([...into]).toEqual([0.5, 0.5]);
  });

  it("reads an obvious question as its area", () => {
    expect(classOf("who approves the offer for the backend candidate we interviewed")).toBe("hiring");
  });

  it("reads office life as out of domain", () => {
    expect(classOf("who is bringing the cake to the friday birthday lunch in the kitchen")).toBe(
      "out of domain",
    );
  });

  // The two-class reading the decision to answer leans on most: all areas pooled against office life.
  it.each([
    ["who picks the database for the new payments service", "work"],
    ["my teammate and I keep clashing over code review comments", "work"],
    ["is the EM's standing desk free this afternoon?", "out of domain"],
    ["which architect designed the museum extension downtown", "out of domain"],
  ])("reads %j as %s in the two-class reading", (question, expected) => {
    const into = new Float64Array(2);
    expect(index.domain.classify(index.terms(question), into)).toBeGreaterThan(0);
    expect((into[0] as number) > 0.5 ? "work" : "out of domain").toBe(expected);
  });

  it("gives the matcher's decision the two-class reading, the same however the terms arrive", () => {
    const matcher = new AreaMatcher(CATALOG, loadMatcherOptions());
    const work = matcher.match("who picks the database for the new payments service").features;
    const office = matcher.match("is the EM's standing desk free this afternoon?").features;
    expect(work?.domain).toBeGreaterThan(0);
    expect(office?.domain).toBeLessThan(0);
    // Asked again after another question: the reused term buffer keeps nothing from the last one.
    expect(matcher.match("who picks the database for the new payments service").features).toEqual(work);
  });

  // The reading learnt "work" from the default areas' examples; an admin's own area is work by their say.
  it("lets the two-class reading vouch for an admin's custom area but not veto it", () => {
    const question = "who owns the hackathon judging?";
    const before = new AreaMatcher(CATALOG, loadMatcherOptions()).match(question);
    expect(before.best).toBeNull();
    expect(before.features?.domain).toBeLessThan(0);
    const custom = {
      id: "hackathon-judging",
      title: "Hackathon judging",
      description: "Custom area: Hackathon judging.",
      keywords: ["hackathon", "judging"],
      decider: "product-manager" as const,
      consulted: [],
      informed: [],
      source: "custom",
    };
    const after = new AreaMatcher([...CATALOG, custom], loadMatcherOptions()).match(question);
    expect(after.best?.area.id).toBe("hackathon-judging");
    expect(after.features?.domain).toBe(0);
  });

  it("is deterministic: the same training gives the same posteriors", () => {
    const again = new ExampleIndex(loadExampleQuestions(CATALOG), loadTechnologies(), CATALOG);
    const question = "the new joiner has no laptop and no access yet, who sorts that";
    const a = new Float64Array(index.classifier.classes);
    const b = new Float64Array(again.classifier.classes);
    index.classifier.classify(index.terms(question), a);
    again.classifier.classify(again.terms(question), b);
    expect([...b]).toEqual([...a]);
  });

  it("softens its posterior with a higher temperature", () => {
    const scores = Float64Array.from([0, 4]);
    const sharp = new Float64Array(2);
    const soft = new Float64Array(2);
    posterior(scores, sharp, 1);
    posterior(scores, soft, 4);
    expect(soft[1]).toBeLessThan(sharp[1] as number);
    expect(soft[1]).toBeGreaterThan(0.5);
  });
});
