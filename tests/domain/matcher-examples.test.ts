import { describe, expect, it } from "vitest";
import type { DecisionArea } from "../../src/domain/catalog.ts";
import { ExampleIndex } from "../../src/domain/example-index.ts";
import { parseExampleQuestions } from "../../src/domain/example-questions.ts";
import { AreaMatcher } from "../../src/domain/matcher.ts";
import { loadCatalog } from "../../src/store/catalog-file.ts";

const CATALOG = loadCatalog();
const IDS = new Set(CATALOG.map((a) => a.id));

// Words the catalog's keywords lack ("frazzled", "fumes"); only the examples know them.
const examples = new ExampleIndex(
  parseExampleQuestions(
    [
      "areas:",
      "  burnout-wellbeing:",
      '    - "I am frazzled and running on fumes, who do I tell?"',
      '    - "the whole squad is frazzled after the launch"',
      '    - "running on fumes since the migration"',
      "  hiring:",
      '    - "who approves a new job ad?"',
      "out_of_domain:",
      '  - "the fridge is full of frazzled lettuce"',
      '  - "who cleaned the fridge"',
    ].join("\n"),
    "examples.yml",
    IDS,
  ),
);
const QUESTION = "honestly I'm frazzled and running on fumes";

describe("the matcher with example questions", () => {
  it("reaches an area through words only its examples use", () => {
    expect(new AreaMatcher(CATALOG).match(QUESTION).ranked[0]?.area.id).not.toBe("burnout-wellbeing");
    const match = new AreaMatcher(CATALOG, { examples }).match(QUESTION);
    expect(match.ranked[0]?.area.id).toBe("burnout-wellbeing");
    expect(match.ranked[0]?.matchedTerms).toEqual(expect.arrayContaining(["frazzled", "fumes"]));
  });

  // Examples are mapped by area id: with the area gone, no other area may inherit them.
  it("gives an area the workspace deleted no heir for its examples", () => {
    const without = CATALOG.filter((a) => a.id !== "burnout-wellbeing");
    const ranked = new AreaMatcher(without, { examples }).match(QUESTION).ranked;
    expect(ranked.flatMap((m) => m.matchedTerms)).not.toContain("fumes");
    expect(ranked.flatMap((m) => m.matchedTerms)).not.toContain("frazzled");
  });

  it("gives none to a custom area, even one that reuses a default area's id", () => {
    const custom: DecisionArea = {
      id: "burnout-wellbeing",
      title: "Team snacks budget",
      description: "Custom area added by an admin.",
      keywords: ["snacks"],
      decider: "engineering-manager",
      consulted: [],
      informed: [],
      source: "custom",
    };
    const areas = [...CATALOG.filter((a) => a.id !== "burnout-wellbeing"), custom];
    const ranked = new AreaMatcher(areas, { examples }).match(QUESTION).ranked;
    // Its keywords do not reach the question, so only the default area's examples could.
    expect(ranked.map((m) => m.area.title)).not.toContain("Team snacks budget");
    expect(ranked.flatMap((m) => m.matchedTerms)).not.toContain("fumes");
  });

  it("lets a word used only by out-of-domain examples vouch for no area", () => {
    const [fridge] = examples.terms("fridge");
    expect(fridge).toBeDefined();
    expect(examples.areasFor(fridge as string).slots.length).toBe(0);
    // A word both use vouches less than one only the area's examples use.
    const [frazzled] = examples.terms("frazzled");
    const [fumes] = examples.terms("fumes");
    const strength = (term: string) => examples.areasFor(term).strength[0] ?? 0;
    expect(strength(frazzled as string)).toBeLessThan(strength(fumes as string));
  });
});
