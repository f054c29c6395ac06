import { describe, expect, it } from "vitest";
import { DEFAULT_CATALOG, keywordsFromTitle } from "../../src/domain/catalog.ts";
import { ROLE_IDS } from "../../src/domain/roles.ts";

// The source articles the catalog is written from, by their identifiers in the catalog's `source`
// field (the articles themselves are not in the repository; docs/who-decides.md lists them by title).
const seedFiles = new Set([
  "000_27c5f9f2a2c91d27.txt",
  "001_7d1f456eaa405031.txt",
  "002_77480e8034d6ec72.txt",
  "003_096476f308ea9f70.txt",
  "004_de87aa264d2abc6f.txt",
]);

describe("DEFAULT_CATALOG", () => {
  it("has between 40 and 80 areas with unique kebab-case ids", () => {
    expect(DEFAULT_CATALOG.length).toBeGreaterThanOrEqual(40);
    expect(DEFAULT_CATALOG.length).toBeLessThanOrEqual(80);
    const ids = DEFAULT_CATALOG.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it("gives every area a title, a one-line description, keywords and a seed source", () => {
    for (const area of DEFAULT_CATALOG) {
      expect(area.title.trim(), area.id).not.toBe("");
      expect(area.description.trim(), area.id).not.toBe("");
      expect(area.description, area.id).not.toContain("\n");
      expect(area.keywords.length, area.id).toBeGreaterThanOrEqual(5);
      for (const k of area.keywords) expect(k.trim(), area.id).toBe(k);
      expect(new Set(area.keywords).size, `${area.id} repeats a keyword`).toBe(area.keywords.length);
      expect(seedFiles.has(area.source), `${area.id}: ${area.source}`).toBe(true);
    }
  });

  it("lets every role decide several areas", () => {
    for (const role of ROLE_IDS) {
      expect(DEFAULT_CATALOG.filter((a) => a.decider === role).length, role).toBeGreaterThanOrEqual(5);
    }
  });

  it("never consults or informs the decider, and never lists a role twice", () => {
    for (const area of DEFAULT_CATALOG) {
      expect(area.consulted, area.id).not.toContain(area.decider);
      expect(area.informed, area.id).not.toContain(area.decider);
      const others = [...area.consulted, ...area.informed];
      expect(new Set(others).size, area.id).toBe(others.length);
      for (const role of others) expect(ROLE_IDS, area.id).toContain(role);
    }
  });

  it("models the domain's examples of shared decisions", () => {
    const byId = new Map(DEFAULT_CATALOG.map((a) => [a.id, a]));
    // A team's database: tech lead decides, architect consulted (the shared-decision example in docs/who-decides.md).
    expect(byId.get("team-database")).toMatchObject({ decider: "tech-lead", consulted: ["architect"] });
    // A rewrite: tech lead designs the migration, with the EM (timeline) and architect (boundaries) consulted.
    expect(byId.get("rewrite-migration")?.decider).toBe("tech-lead");
    expect(byId.get("rewrite-migration")?.consulted).toEqual(
      expect.arrayContaining(["architect", "engineering-manager"]),
    );
    expect(byId.get("timeline-scope")?.decider).toBe("engineering-manager");
    expect(byId.get("system-boundaries")?.decider).toBe("architect");
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
