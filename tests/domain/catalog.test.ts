import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { CatalogError, keywordsFromTitle, parseCatalog } from "../../src/domain/catalog.ts";
import { AreaMatcher } from "../../src/domain/matcher.ts";
import { ROLE_IDS } from "../../src/domain/roles.ts";

// The shipped file's text, read and checked the way start-up does (parseCatalog is the schema).
const TEXT = readFileSync(new URL("../../catalog/default.yml", import.meta.url), "utf8");
const CATALOG = parseCatalog(TEXT);

/** The catalog's text with one value changed at `path` (["areas", 1, "decider"]), comments kept. */
function edited(path: (string | number)[], value: unknown): string {
  const doc = parseDocument(TEXT);
  if (value === undefined) doc.deleteIn(path);
  else doc.setIn(path, value);
  return doc.toString();
}

function problemWith(text: string): string {
  try {
    parseCatalog(text);
  } catch (err) {
    expect(err).toBeInstanceOf(CatalogError);
    return (err as Error).message;
  }
  throw new Error("the catalog was accepted");
}

describe("catalog/default.yml", () => {
  it("has between 40 and 80 areas with unique kebab-case ids", () => {
    expect(CATALOG.length).toBeGreaterThanOrEqual(40);
    expect(CATALOG.length).toBeLessThanOrEqual(80);
    const ids = CATALOG.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it("gives every area a title, a one-line description, several keywords and a source article", () => {
    const sources = Object.keys(parseDocument(TEXT).toJS().sources);
    expect(sources).toEqual(["the-line", "technical-lead-role", "two-paths", "tl-vs-em", "real-difference"]);
    for (const area of CATALOG) {
      expect(area.title.trim(), area.id).not.toBe("");
      expect(area.description.trim(), area.id).not.toBe("");
      expect(area.keywords.length, area.id).toBeGreaterThanOrEqual(5);
      expect(sources, area.id).toContain(area.source);
    }
  });

  it("lets every role decide several areas", () => {
    for (const role of ROLE_IDS) {
      expect(CATALOG.filter((a) => a.decider === role).length, role).toBeGreaterThanOrEqual(5);
    }
  });

  it("models the domain's examples of shared decisions", () => {
    const byId = new Map(CATALOG.map((a) => [a.id, a]));
    // A team's database: tech lead decides, architect consulted.
    expect(byId.get("team-database")).toMatchObject({ decider: "tech-lead", consulted: ["architect"] });
    // A rewrite: tech lead designs the migration, with the EM (timeline) and architect (boundaries) consulted.
    expect(byId.get("rewrite-migration")?.decider).toBe("tech-lead");
    expect(byId.get("rewrite-migration")?.consulted).toEqual(
      expect.arrayContaining(["architect", "engineering-manager"]),
    );
    expect(byId.get("timeline-scope")?.decider).toBe("engineering-manager");
    expect(byId.get("system-boundaries")?.decider).toBe("architect");
  });

  it("changes an answer when a keyword is added to the file, without touching code", () => {
    const question = "who picks the zorblax?";
    const index = CATALOG.findIndex((a) => a.id === "team-database");
    const keywords = CATALOG[index]?.keywords ?? [];
    const tuned = parseCatalog(edited(["areas", index, "keywords"], [...keywords, "zorblax"]));

    expect(new AreaMatcher(CATALOG).match(question).best).toBeNull();
    expect(new AreaMatcher(tuned).match(question).best?.area.id).toBe("team-database");
  });
});

describe("parseCatalog refuses a broken catalog with one message naming the area and the field", () => {
  // areas[1] is framework-choice, decided by the tech lead with the architect consulted.
  it.each([
    [
      "a role id that is not a role",
      edited(["areas", 1, "decider"], "teck-lead"),
      'catalog/default.yml: area "framework-choice": decider: "teck-lead" is not a role id ' +
        "(use tech-lead, engineering-manager, architect, product-manager)",
    ],
    [
      "a role in a list that is not a role",
      edited(["areas", 1, "informed"], ["engineering-manager", "PM"]),
      'catalog/default.yml: area "framework-choice": informed[1]: "PM" is not a role id ' +
        "(use tech-lead, engineering-manager, architect, product-manager); did you mean product-manager?",
    ],
    [
      "an id used twice",
      edited(["areas", 1, "id"], "programming-language"),
      'catalog/default.yml: area "programming-language": id: "programming-language" is also the id of area #1',
    ],
    [
      "a missing field",
      edited(["areas", 1, "decider"], undefined),
      'catalog/default.yml: area "framework-choice": decider: missing ' +
        "(expected a role id: tech-lead, engineering-manager, architect, product-manager)",
    ],
    [
      "a missing id, named by the area's position",
      edited(["areas", 1, "id"], undefined),
      "catalog/default.yml: area #2: id: missing (expected a string)",
    ],
    [
      "an unknown source",
      edited(["areas", 1, "source"], "hacker-news"),
      'catalog/default.yml: area "framework-choice": source: "hacker-news" is not one of the sources ' +
        "(the-line, technical-lead-role, two-paths, tl-vs-em, real-difference)",
    ],
    [
      "the decider also consulted",
      edited(["areas", 1, "consulted"], ["architect", "tech-lead"]),
      'catalog/default.yml: area "framework-choice": consulted[1]: "tech-lead" is the decider',
    ],
    [
      "no keywords",
      edited(["areas", 1, "keywords"], []),
      'catalog/default.yml: area "framework-choice": keywords: give at least one keyword to match questions on',
    ],
    [
      "a keyword listed twice",
      edited(["areas", 1, "keywords"], ["react", "vue", "react"]),
      'catalog/default.yml: area "framework-choice": keywords[2]: "react" is listed twice',
    ],
    [
      "a misspelt key",
      edited(["areas", 1, "keyword"], ["react"]),
      'catalog/default.yml: area "framework-choice": unknown key "keyword"',
    ],
  ])("%s", (_, text, message) => {
    expect(problemWith(text)).toEqual(message);
  });

  it("names the line of a YAML syntax error", () => {
    const line = TEXT.split("\n").indexOf("    title: Frameworks for a team's features") + 1;
    const broken = TEXT.replace("title: Frameworks for a team's features", "title: 'Frameworks");
    expect(problemWith(broken)).toMatch(
      new RegExp(`^catalog/default\\.yml:${line}:\\d+: Missing closing 'quote$`),
    );
  });

  it("refuses an empty file and names the file it was given", () => {
    expect(problemWith("")).toBe("catalog/default.yml: expected a mapping with sources and areas");
    expect(() => parseCatalog("sources: {}\nareas: []\n", "custom.yml")).toThrow(
      new CatalogError("custom.yml: areas: list at least one area"),
    );
  });
});

describe("keywordsFromTitle", () => {
  it("keeps the content words of a title, lower-cased and without duplicates", () => {
    expect(keywordsFromTitle("Vendor contracts and SaaS tools for the team")).toEqual([
      "vendor",
      "contracts",
      "saas",
      "tools",
    ]);
    expect(keywordsFromTitle("Who decides the office-lunch budget? Budget!")).toEqual([
      "office-lunch",
      "budget",
    ]);
  });

  it("keeps compounds whole and drops titles made only of stop words", () => {
    expect(keywordsFromTitle("On-call rota (weekends)")).toEqual(["on-call", "rota", "weekends"]);
    expect(keywordsFromTitle("1:1 cadence")).toEqual(["1:1", "cadence"]);
    expect(keywordsFromTitle("Who decides what we do")).toEqual([]);
  });
});
