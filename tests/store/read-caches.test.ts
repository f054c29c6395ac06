import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/store/catalog-file.ts";
import { type Db, openDatabase } from "../../src/store/db.ts";
import { createStores, type Stores } from "../../src/store/index.ts";
import { migrate } from "../../src/store/migrate.ts";

const DEFAULT_CATALOG = loadCatalog();

// The stores cache what every slash command reads (a channel's hats, a catalog's revision, a
// workspace's settings) until the next write. These check that no write, from this process or from
// another (the CLI importing a roles file), and no rolled-back transaction, leaves a stale answer.

const T = "T0ACME";
const NOW = new Date("2026-11-23T12:00:00Z");
let dir: string;
let bot: Db;
let cli: Db;
let stores: Stores;

const hat = (s: Stores, userId: string, role: "tech-lead" | "architect", action: "assign" | "unassign") =>
  s.hats.record(T, {
    channelId: "C0TEAM",
    userId,
    role,
    action,
    effectiveDate: "2026-11-01",
    recordedBy: "U0ADMIN",
    recordedAt: NOW.toISOString(),
  });
const holders = () => stores.hats.inChannel(T, "C0TEAM", "2026-11-23").map((h) => `${h.userId} ${h.role}`);
const AREA = (DEFAULT_CATALOG[0] as (typeof DEFAULT_CATALOG)[number]).id;
const deciderOf = (areaId: string) => stores.overrides.inChannel(T, "C0TEAM").get(areaId)?.decider;
const override = (s: Stores, areaId: string, decider: { role: "architect" } | { userId: string }) =>
  s.overrides.set(T, { channelId: "C0TEAM", areaId, decider, setBy: "U0ADMIN", setAt: NOW.toISOString() });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "rolecall-caches-"));
  bot = openDatabase(join(dir, "rolecall.db"));
  migrate(bot);
  cli = openDatabase(join(dir, "rolecall.db"));
  stores = createStores(bot);
  stores.workspaces.ensure(T, NOW);
  stores.areas.seed(T, DEFAULT_CATALOG.slice(0, 3), NOW);
});

afterEach(() => {
  bot.close();
  cli.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("read caches", () => {
  it("a channel's hats reflect this process's own writes at once", () => {
    hat(stores, "U0LEE", "tech-lead", "assign");
    expect(holders()).toEqual(["U0LEE tech-lead"]);
    hat(stores, "U0ANA", "architect", "assign");
    expect(holders()).toEqual(["U0ANA architect", "U0LEE tech-lead"]);
    hat(stores, "U0LEE", "tech-lead", "unassign");
    expect(holders()).toEqual(["U0ANA architect"]);
  });

  it("a channel's deciders reflect this process's own overrides at once", () => {
    expect(deciderOf(AREA)).toBeUndefined();
    override(stores, AREA, { role: "architect" });
    expect(deciderOf(AREA)).toEqual({ role: "architect" });
    override(stores, AREA, { userId: "U0ANA" });
    expect(deciderOf(AREA)).toEqual({ userId: "U0ANA" });
    stores.overrides.remove(T, "C0TEAM", AREA);
    expect(deciderOf(AREA)).toBeUndefined();
  });

  it("a channel's hats, the catalog revision and the settings reflect another connection's writes", async () => {
    hat(stores, "U0LEE", "tech-lead", "assign");
    const revision = stores.areas.revision(T);
    expect(holders()).toEqual(["U0LEE tech-lead"]);
    expect(stores.workspaces.get(T)?.timezone).toBe("UTC");
    expect(deciderOf(AREA)).toBeUndefined();

    const other = createStores(cli);
    hat(other, "U0ANA", "architect", "assign");
    override(other, AREA, { userId: "U0ANA" });
    other.areas.addCustom(
      T,
      {
        ...(DEFAULT_CATALOG[0] as (typeof DEFAULT_CATALOG)[number]),
        id: "custom-x",
        title: "X",
        source: "custom",
      },
      "U0ADMIN",
      NOW,
    );
    other.workspaces.update(T, { timezone: "Europe/Berlin" });
    // Another process's commit is seen from the next turn of the event loop (see changeMark).
    await new Promise((resolve) => setImmediate(resolve));

    expect(holders()).toEqual(["U0ANA architect", "U0LEE tech-lead"]);
    expect(stores.areas.revision(T)).not.toBe(revision);
    expect(stores.workspaces.get(T)?.timezone).toBe("Europe/Berlin");
    expect(deciderOf(AREA)).toEqual({ userId: "U0ANA" });
  });

  it("nothing read inside a transaction that rolls back is served afterwards", () => {
    hat(stores, "U0LEE", "tech-lead", "assign");
    expect(holders()).toEqual(["U0LEE tech-lead"]);
    expect(() =>
      bot.transaction(() => {
        hat(stores, "U0ANA", "architect", "assign");
        expect(holders()).toEqual(["U0ANA architect", "U0LEE tech-lead"]);
        throw new Error("import failed");
      })(),
    ).toThrow("import failed");
    expect(holders()).toEqual(["U0LEE tech-lead"]);
  });

  it("a workspace created inside a rolled-back transaction is created again later", () => {
    expect(() =>
      bot.transaction(() => {
        stores.workspaces.ensure("T0OTHER", NOW);
        throw new Error("rolled back");
      })(),
    ).toThrow("rolled back");
    expect(stores.workspaces.get("T0OTHER")).toBeUndefined();
    expect(stores.workspaces.ensure("T0OTHER", NOW)).toBe(true);
    expect(stores.workspaces.get("T0OTHER")?.teamId).toBe("T0OTHER");
  });

  it("a copy is returned, so a caller changing its result cannot change the next reader's", () => {
    hat(stores, "U0LEE", "tech-lead", "assign");
    stores.hats.inChannel(T, "C0TEAM", "2026-11-23").pop();
    const settings = stores.workspaces.get(T);
    if (settings) settings.timezone = "Asia/Tokyo";
    expect(holders()).toEqual(["U0LEE tech-lead"]);
    expect(stores.workspaces.get(T)?.timezone).toBe("UTC");
  });
});
