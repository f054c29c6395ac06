import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type DecisionArea, keywordsFromTitle } from "../../src/domain/catalog.ts";
import { AreaMatcher, CONFIDENCE_THRESHOLD } from "../../src/domain/matcher.ts";
import { isFillerWord } from "../../src/domain/words.ts";
import { loadCatalog } from "../../src/store/catalog-file.ts";

const DEFAULT_CATALOG = loadCatalog();

const matcher = new AreaMatcher(DEFAULT_CATALOG);
const bestId = (question: string) => matcher.match(question).best?.area.id ?? null;

function customArea(id: string, title: string, decider: DecisionArea["decider"]): DecisionArea {
  return {
    id,
    title,
    description: `Custom area: ${title}.`,
    keywords: keywordsFromTitle(title),
    decider,
    consulted: [],
    informed: [],
    source: "custom",
  };
}

describe("AreaMatcher: phrasing", () => {
  it.each([
    ["who gets to pick the ORM", "orm-data-access"],
    ["who calls it on the message broker", "messaging-queue"],
    ["should we refactor the importer or ship it", "tech-debt"],
    ["who owns the product roadmap", "product-roadmap"],
    ["who runs our retros", "retrospectives"],
    ["which code paths must run in constant time", "critical-code-paths"],
    ["onboarding", "onboarding"],
    ["product priorities", "feature-priorities"],
    ["system boundaries", "system-boundaries"],
  ])("%s -> %s", (question, id) => {
    expect(bestId(question)).toBe(id);
  });

  it("ignores question filler: a question with no subject claims nothing", () => {
    for (const question of [
      "who decides",
      "who on our team should decide?",
      "who owns it",
      "",
      "   ",
      "?!",
    ]) {
      const result = matcher.match(question);
      expect(result.best, question).toBeNull();
      expect(result.ranked, question).toEqual([]);
    }
  });

  it("does not let role names in the question pick the area", () => {
    expect(bestId("should the tech lead or the product manager choose the database?")).toBe("team-database");
    expect(bestId("should the architect or the EM run sprint planning")).toBe("sprint-planning");
  });
});

describe("AreaMatcher: spelling", () => {
  it.each([
    ["who decides on promtion", "promotions"],
    ["should we refactr the checkout code or ship", "tech-debt"],
    ["who owns onbaording", "onboarding"],
    ["who runs the intervews", "hiring"],
    ["who runs retrospectves", "retrospectives"],
    ["who chooses the programing langauge", "programming-language"],
    ["who defines acceptance critera", "requirements"],
  ])("typo: %s -> %s", (question, id) => {
    expect(bestId(question)).toBe(id);
  });

  it.each([
    ["who prioritises features", "product-manager"],
    ["who decides the organisation's technology roadmap", "architect"],
    ["who deals with bad behaviour in the team", "engineering-manager"],
    ["who picks the licence for our SDK", "tech-lead"],
    ["which code paths should we optimise", "architect"],
    ["who standardises logging across teams", "architect"],
    ["prioritisation of the backlog", "product-manager"],
  ])("British: %s -> decided by %s", (question, role) => {
    expect(matcher.match(question).best?.area.decider).toBe(role);
  });
});

describe("AreaMatcher: abbreviations", () => {
  it.each([
    ["perf review", "performance-reviews"],
    ["who runs 1:1s", "one-on-ones"],
    ["1-1", "one-on-ones"],
    ["one on ones", "one-on-ones"],
    ["promo", "promotions"],
    ["who sets our OKRs", "team-okrs"],
    ["who approves PRs", "code-review"],
    ["which DB for the ledger", "team-database"],
    ["k8s", "cloud-platform"],
    ["infra", "cloud-platform"],
    ["arch review", "cross-team-design"],
    ["who writes the PRD", "requirements"],
    ["ADRs", "cross-team-design"],
    ["on-call rota", "on-call-rota"],
    ["weird perf bug in prod", "hard-bugs-performance"],
  ])("%s -> %s", (question, id) => {
    expect(bestId(question)).toBe(id);
  });
});

describe("AreaMatcher: out of domain", () => {
  it.each([
    "who decides lunch?",
    "where should we go for the offsite party",
    "what is the wifi password",
    "who waters the plants",
    "who orders new chairs",
    "who is hosting the summer party",
    "who approves holiday requests",
    "when is the next company all hands",
    "who fixes the broken coffee machine",
  ])("%s -> no owner", (question) => {
    const result = matcher.match(question);
    expect(result.best).toBeNull();
    expect(result.alternatives).toEqual([]);
    for (const m of result.ranked) expect(m.confidence).toBeLessThan(CONFIDENCE_THRESHOLD);
  });
});

describe("AreaMatcher: result shape", () => {
  it("offers close runners-up as alternatives", () => {
    const result = matcher.match("who prioritises the backlog");
    expect(result.best?.area.id).toBe("backlog");
    expect(result.alternatives.map((m) => m.area.id)).toContain("feature-priorities");
  });

  it("keeps alternatives to at most two close runners-up from the ranking", () => {
    for (const question of [
      "perf",
      "who prioritises the backlog",
      "monolith or microservices",
      "tech debt",
    ]) {
      const { best, ranked, alternatives } = matcher.match(question);
      expect(best, question).not.toBeNull();
      expect(ranked[0], question).toBe(best);
      expect(alternatives.length, question).toBeLessThanOrEqual(2);
      for (const alt of alternatives) {
        expect(ranked, question).toContain(alt);
        expect(alt, question).not.toBe(best);
        expect(alt.score, question).toBeGreaterThanOrEqual((best?.score ?? 0) * 0.8);
      }
    }
  });

  it("ranks best first and reports the words that matched", () => {
    const result = matcher.match("who reviews code and catches deep design flaws");
    expect(result.question).toBe("who reviews code and catches deep design flaws");
    expect(result.best?.area.id).toBe("code-review");
    expect(result.best?.matchedTerms).toEqual(expect.arrayContaining(["code", "design", "flaws"]));
    const scores = result.ranked.map((m) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(result.ranked.length).toBeLessThanOrEqual(5);
  });

  it("keeps confidence within 0..1 and claims only above the threshold, whatever the input", () => {
    const words = [
      "who",
      "decides",
      "the",
      "promo",
      "lunch",
      "db",
      "1:1",
      "roadmap",
      "party",
      "refactr",
      "?",
    ];
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(fc.constantFrom(...words)).map((w) => w.join(" ")),
        ),
        (q) => {
          const result = matcher.match(q);
          for (const m of result.ranked) {
            expect(m.confidence).toBeGreaterThanOrEqual(0);
            expect(m.confidence).toBeLessThanOrEqual(1);
          }
          if (result.best) expect(result.best.confidence).toBeGreaterThanOrEqual(CONFIDENCE_THRESHOLD);
          else expect(result.alternatives).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("is deterministic", () => {
    const question = "which message broker should our team's order service use";
    expect(new AreaMatcher(DEFAULT_CATALOG).match(question)).toEqual(matcher.match(question));
  });
});

describe("AreaMatcher: custom areas", () => {
  const vendor = customArea("vendor-contracts", "Vendor contracts and SaaS renewals", "engineering-manager");
  const lunch = customArea("team-lunch", "Team lunch venue", "engineering-manager");
  const withCustom = new AreaMatcher([...DEFAULT_CATALOG, vendor, lunch]);

  it("matches an area added after construction of the default matcher by its title words", () => {
    expect(matcher.match("who signs off SaaS renewals").best).toBeNull();
    expect(withCustom.match("who signs off SaaS renewals").best?.area.id).toBe("vendor-contracts");
    expect(withCustom.match("vendor contracts").best?.area.id).toBe("vendor-contracts");
    expect(withCustom.match("who decides on renewals for our vendors").best?.area.id).toBe(
      "vendor-contracts",
    );
  });

  it("turns an out-of-domain question into an owned one once the workspace adds the area", () => {
    expect(matcher.match("who decides lunch?").best).toBeNull();
    expect(withCustom.match("who decides lunch?").best?.area.id).toBe("team-lunch");
  });

  it("leaves the default areas answering as before", () => {
    expect(withCustom.match("who decides on promotions").best?.area.id).toBe("promotions");
    expect(withCustom.match("where is the nearest coffee shop").best).toBeNull();
  });

  it("still finds the default areas among 300 custom ones", () => {
    const nouns =
      "vendor security audit pricing copy token mobile train retention privacy locale flag budget";
    const list = nouns.split(" ");
    const custom = Array.from({ length: 300 }, (_, i) =>
      customArea(
        `custom-${i}`,
        `${list[i % list.length]} ${list[(i * 7 + 3) % list.length]} policy ${i}`,
        "tech-lead",
      ),
    );
    const big = new AreaMatcher([...DEFAULT_CATALOG, ...custom]);
    expect(big.match("who decides on promotions").best?.area.id).toBe("promotions");
    expect(big.match("who owns the db").best?.area.id).toBe(matcher.match("who owns the db").best?.area.id);
    expect(big.match("security audit policy").best?.area.id).toMatch(/^custom-/);
  });
});

describe("isFillerWord", () => {
  it("treats question words, decision verbs and role names as filler, but not subjects", () => {
    for (const w of ["who", "decides", "should", "our", "team", "gets", "the", "Owns", "architect"]) {
      expect(isFillerWord(w), w).toBe(true);
    }
    for (const w of ["promotion", "database", "roadmap", "on-call", "organisation"]) {
      expect(isFillerWord(w), w).toBe(false);
    }
  });
});
