import { describe, expect, it } from "vitest";
import type { DecisionArea } from "../../src/domain/catalog.ts";
import { parseCatalog } from "../../src/domain/catalog.ts";
import {
  areaContentHash,
  type CopiedArea,
  catalogVersion,
  isEdited,
  planCatalogSync,
  syncCounts,
} from "../../src/domain/catalog-sync.ts";

function area(id: string, patch: Partial<DecisionArea> = {}): DecisionArea {
  return {
    id,
    title: `Title of ${id}`,
    description: `What ${id} is about.`,
    keywords: [`${id} keyword`],
    decider: "tech-lead",
    consulted: ["architect"],
    informed: [],
    source: "the-line",
    ...patch,
  };
}

/** A copy made from `from` by a sync or a seed, as the store holds it; `patch` is an edit made since. */
function copied(from: DecisionArea, patch: Partial<DecisionArea> = {}, inUse = false): CopiedArea {
  return {
    ...from,
    ...patch,
    isCustom: false,
    defaultHash: areaContentHash(from),
    edits: 0,
    inUse,
  };
}

function custom(id: string): CopiedArea {
  return { ...area(id, { source: "custom" }), isCustom: true, defaultHash: null, edits: 3, inUse: false };
}

const NONE = new Set<string>();

describe("catalogVersion", () => {
  const yaml = (comment: string, keywordStyle: string) => `# ${comment}
sources:
  the-line: The line
areas:
  - id: one
    title: One decision
    description: A decision to test versions with.
    keywords: ${keywordStyle}
    decider: tech-lead
    consulted: []
    informed: []
    source: the-line
`;

  it("ignores comments and YAML style: it is computed from the parsed areas", () => {
    const a = parseCatalog(yaml("first", "[alpha, beta]"));
    const b = parseCatalog(yaml("second, reworded", "\n      - alpha\n      - beta"));
    expect(catalogVersion(a)).toBe(catalogVersion(b));
  });

  it("moves with a keyword, a decider or the order of the areas", () => {
    const base = [area("a"), area("b")];
    const v = catalogVersion(base);
    expect(catalogVersion([area("a", { keywords: ["other"] }), area("b")])).not.toBe(v);
    expect(catalogVersion([area("a", { decider: "architect" }), area("b")])).not.toBe(v);
    expect(catalogVersion([area("b"), area("a")])).not.toBe(v);
  });
});

describe("isEdited", () => {
  it("is false for a copy as taken, true once its content differs from what it was taken from", () => {
    const a = area("a");
    expect(isEdited(copied(a))).toBe(false);
    expect(isEdited(copied(a, { keywords: ["an admin's word"] }))).toBe(true);
    // An admin who puts the default's words back has nothing of their own left.
    expect(isEdited(copied(a, { keywords: [...a.keywords] }))).toBe(false);
  });

  it("for a copy made before hashes were kept, follows the row's edit count", () => {
    const old = { ...copied(area("a")), defaultHash: null };
    expect(isEdited(old)).toBe(false);
    expect(isEdited({ ...old, edits: 1 })).toBe(true);
  });
});

describe("planCatalogSync", () => {
  const oldA = area("a");
  const newA = area("a", { keywords: ["a keyword", "a new keyword"], decider: "architect" });
  const oldB = area("b");
  const newB = area("b", { description: "Reworded in the default." });

  it("takes the new default for an area the workspace did not edit", () => {
    const plan = planCatalogSync({ defaults: [newA], copy: [copied(oldA)], removedOnPurpose: NONE });
    expect(plan.update).toEqual([newA]);
    expect(plan).toMatchObject({ add: [], remove: [], rebase: [], kept: [] });
  });

  it("keeps an edited area as the workspace has it", () => {
    const edited = copied(oldB, { keywords: ["our own word"] });
    const plan = planCatalogSync({
      defaults: [newA, newB],
      copy: [copied(oldA), edited],
      removedOnPurpose: NONE,
    });
    expect(plan.update.map((a) => a.id)).toEqual(["a"]);
    expect(plan.kept).toEqual([{ id: "b", because: "edited" }]);
  });

  it("adds a default area the workspace never had", () => {
    const plan = planCatalogSync({
      defaults: [oldA, area("c")],
      copy: [copied(oldA)],
      removedOnPurpose: NONE,
    });
    expect(plan.add).toEqual([area("c")]);
    expect(plan.update).toEqual([]);
  });

  it("does not bring back a default area the workspace deleted", () => {
    const plan = planCatalogSync({
      defaults: [oldA, newB],
      copy: [copied(oldA)],
      removedOnPurpose: new Set(["b"]),
    });
    expect(plan.add).toEqual([]);
  });

  it("removes an unedited, unused area the default dropped; keeps it when edited or in use", () => {
    const plan = planCatalogSync({
      defaults: [oldA],
      copy: [
        copied(oldA),
        copied(area("gone")),
        copied(area("edited-gone"), { decider: "engineering-manager" }),
        copied(area("used-gone"), {}, true),
      ],
      removedOnPurpose: NONE,
    });
    expect(plan.remove).toEqual(["gone"]);
    expect(plan.kept).toEqual([
      { id: "edited-gone", because: "edited" },
      { id: "used-gone", because: "in-use" },
    ]);
  });

  it("never touches a custom area, even one whose id the default catalog now uses", () => {
    const plan = planCatalogSync({
      defaults: [oldA, area("clash")],
      copy: [copied(oldA), custom("custom-ours"), custom("clash")],
      removedOnPurpose: NONE,
    });
    expect(plan).toEqual({
      update: [],
      add: [],
      remove: [],
      rebase: [],
      kept: [{ id: "clash", because: "custom" }],
    });
  });

  it("records the origin of copies that already match, without counting them as updated", () => {
    const unversioned = { ...copied(oldA), defaultHash: null };
    const sameAsNew = copied(oldB, { description: newB.description });
    const plan = planCatalogSync({
      defaults: [oldA, newB],
      copy: [unversioned, sameAsNew],
      removedOnPurpose: NONE,
    });
    expect(plan.rebase.map((a) => a.id)).toEqual(["a", "b"]);
    expect(syncCounts(plan)).toMatchObject({ updated: 0, added: 0, removed: 0, keptEdited: 0 });
  });

  it("plans nothing once the plan is applied", () => {
    const defaults = [newA, newB, area("c")];
    const first = planCatalogSync({
      defaults,
      copy: [copied(oldA), copied(oldB, { title: "Ours" }), copied(area("gone"))],
      removedOnPurpose: NONE,
    });
    expect(syncCounts(first)).toEqual({
      updated: 1,
      added: 1,
      removed: 1,
      keptEdited: 1,
      keptInUse: 0,
      keptCustom: 0,
    });
    const after = [copied(newA), copied(oldB, { title: "Ours" }), copied(area("c"))];
    const second = planCatalogSync({ defaults, copy: after, removedOnPurpose: NONE });
    expect(second).toMatchObject({ update: [], add: [], remove: [], rebase: [] });
  });
});
