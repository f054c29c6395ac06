import { beforeEach, describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/store/catalog-file.ts";
import { openDatabase } from "../../src/store/db.ts";
import { createStores, type Stores } from "../../src/store/index.ts";
import { migrate } from "../../src/store/migrate.ts";

const DEFAULT_CATALOG = loadCatalog();
const T = "T0ACME";
const now = new Date("2026-11-23T12:00:00Z");
const area = DEFAULT_CATALOG[0]?.id as string;
const learned = (phrasing: string, areaId = area, by = "U0LEE") => ({
  phrasing,
  question: `who ${phrasing}`,
  areaId,
  learnedBy: by,
  learnedAt: now.toISOString(),
});

describe("learned phrasings store", () => {
  let stores: Stores;
  beforeEach(() => {
    const db = openDatabase(":memory:");
    migrate(db);
    stores = createStores(db);
    for (const team of [T, "T0OTHER"]) {
      stores.workspaces.ensure(team, now);
      stores.areas.seed(team, DEFAULT_CATALOG, now);
    }
  });

  it("keeps one entry per workspace and phrasing; the latest pick wins", () => {
    const other = DEFAULT_CATALOG[1]?.id as string;
    stores.learned.learn(T, learned("names services"));
    stores.learned.learn(T, learned("names services", other, "U0SAM"));
    expect(stores.learned.list(T)).toEqual([learned("names services", other, "U0SAM")]);
    expect(stores.learned.list("T0OTHER")).toEqual([]);
  });

  it("forgets one phrasing in one workspace only", () => {
    stores.learned.learn(T, learned("names services"));
    stores.learned.learn("T0OTHER", learned("names services"));
    expect(stores.learned.forget(T, "names services")).toBe(true);
    expect(stores.learned.forget(T, "names services")).toBe(false);
    expect(stores.learned.list(T)).toEqual([]);
    expect(stores.learned.list("T0OTHER")).toHaveLength(1);
  });

  it("drops what was learned for an area when the area is deleted", () => {
    stores.learned.learn(T, learned("names services"));
    stores.overrides.set(T, {
      channelId: "C0ALPHA",
      areaId: area,
      decider: { role: "architect" },
      setBy: "U0A",
      setAt: now.toISOString(),
    });
    expect(stores.areas.remove(T, area)).toBe(true);
    expect(stores.learned.list(T)).toEqual([]);
    expect(stores.overrides.inChannel(T, "C0ALPHA").size).toBe(0);
    expect(stores.learned.list("T0OTHER")).toEqual([]);
    expect(stores.areas.get("T0OTHER", area)).toBeDefined();
  });

  it("refuses a phrasing for an area the workspace does not have", () => {
    expect(() => stores.learned.learn(T, learned("names services", "no-such-area"))).toThrow(/FOREIGN KEY/);
  });
});
