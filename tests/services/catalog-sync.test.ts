/**
 * A workspace that copied an older default catalog, started again with the current one: what the
 * workspace left alone follows the new default, what it made its own stays. One SQLite file, opened
 * afresh for each start as the bot would.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAppContext } from "../../src/compose.ts";
import type { AppContext } from "../../src/context.ts";
import type { DecisionArea } from "../../src/domain/catalog.ts";
import { catalogVersion } from "../../src/domain/catalog-sync.ts";
import { createLogger } from "../../src/log.ts";
import { syncCatalogs } from "../../src/services/catalog-sync.ts";
import { setDecider } from "../../src/services/decide.ts";
import { whoDecides } from "../../src/services/who-decides.ts";
import { loadCatalog } from "../../src/store/catalog-file.ts";
import { type Db, openDatabase } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrate.ts";

const T = "T0OLDCOPY";
const CHANNEL = "C0PLAIN";
const DECIDED = "C0DECIDED";
const CURRENT = loadCatalog();
const current = (id: string) => CURRENT.find((a) => a.id === id) as DecisionArea;

// The older default catalog: programming-language had another decider and lacked a keyword,
// library-choice did not exist yet, and an area since dropped was still there.
const TUNED = "programming-language";
const ADDED_SINCE = "library-choice";
const DROPPED = "old-process-area";
const OLD: DecisionArea[] = [
  ...CURRENT.filter((a) => a.id !== ADDED_SINCE).map((a) =>
    a.id === TUNED
      ? { ...a, decider: "architect" as const, keywords: a.keywords.filter((k) => k !== "kotlin") }
      : a,
  ),
  {
    id: DROPPED,
    title: "An old process question",
    description: "An area the default catalog later dropped.",
    keywords: ["quarterly ritual"],
    decider: "engineering-manager",
    consulted: [],
    informed: [],
    source: "the-line",
  },
];
// Edited by the workspace's admin (any path that rewrites the row: the sync goes by content).
const EDITED = "framework-choice";
// Deleted by the workspace on purpose.
const DELETED = "coding-standards";

const NOW = new Date("2026-12-03T09:00:00Z");
let dir: string;
let path: string;
const opened: Db[] = [];

type Started = { ctx: AppContext; log: string[]; synced: ReturnType<typeof syncCatalogs> };

/** What the bot does at start-up: open, migrate, build the context, bring catalogs up to date. */
function start(defaults: readonly DecisionArea[]): Started {
  const db = openDatabase(path);
  opened.push(db);
  migrate(db);
  const log: string[] = [];
  const logger = createLogger("info", (line) => log.push(line), { now: () => NOW });
  const ctx = createAppContext(db, { logger, clock: () => NOW, defaultAreas: defaults });
  return { ctx, log, synced: syncCatalogs(ctx, defaults) };
}

function answer(ctx: AppContext, channel: string, question: string) {
  const a = whoDecides(ctx, T, channel, question);
  return { area: a.area?.id, decider: a.decider?.role };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "rc-catalog-sync-"));
  path = join(dir, "rolecall.db");
  // The workspace as it was on the older catalog.
  const { ctx } = start(OLD);
  expect(answer(ctx, CHANNEL, "who decides if the new worker is written in kotlin?")).not.toEqual({
    area: TUNED,
    decider: "tech-lead",
  });
  ctx.stores.db
    .prepare("UPDATE areas SET keywords = ?, decider_role = ? WHERE team_id = ? AND area_id = ?")
    .run(JSON.stringify(["react", "our ui kit"]), "engineering-manager", T, EDITED);
  expect(ctx.stores.areas.remove(T, DELETED)).toBe(true);
  const decided = setDecider(ctx, {
    teamId: T,
    channelId: DECIDED,
    title: TUNED,
    decider: { role: "product-manager" },
    by: "U0ADMIN",
  });
  expect(decided.ok).toBe(true);
  for (const db of opened.splice(0)) db.close();
});

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("a workspace started with a newer default catalog", () => {
  it("answers the new way where it did not edit the area", () => {
    const { ctx } = start(CURRENT);
    expect(answer(ctx, CHANNEL, "who decides if the new worker is written in kotlin?")).toEqual({
      area: TUNED,
      decider: "tech-lead",
    });
    expect(ctx.stores.areas.get(T, TUNED)).toMatchObject({
      keywords: current(TUNED).keywords,
      decider: current(TUNED).decider,
    });
  });

  it("keeps the admin's version of an edited area", () => {
    const { ctx } = start(CURRENT);
    expect(ctx.stores.areas.get(T, EDITED)).toMatchObject({
      keywords: ["react", "our ui kit"],
      decider: "engineering-manager",
      title: current(EDITED).title,
    });
    expect(answer(ctx, CHANNEL, "who picks our ui kit?")).toEqual({
      area: EDITED,
      decider: "engineering-manager",
    });
  });

  it("keeps a channel's decision above the catalog's new decider", () => {
    const { ctx } = start(CURRENT);
    expect(answer(ctx, DECIDED, "who decides if the new worker is written in kotlin?")).toEqual({
      area: TUNED,
      decider: "product-manager",
    });
  });

  it("adds the areas the default catalog gained, drops the ones it lost, and does not restore a deleted one", () => {
    const { ctx } = start(CURRENT);
    const ids = new Set(ctx.stores.areas.list(T).map((a) => a.id));
    expect(ids.has(ADDED_SINCE)).toBe(true);
    expect(ids.has(DROPPED)).toBe(false);
    expect(ids.has(DELETED)).toBe(false);
    expect(answer(ctx, CHANNEL, "who decides if we add this npm package as a dependency?").area).toBe(
      ADDED_SINCE,
    );
  });

  it("logs one line with the counts and records the new version", () => {
    const { ctx, log, synced } = start(CURRENT);
    expect(synced.map((s) => [s.teamId, s.counts])).toEqual([
      [T, { updated: 1, added: 1, removed: 1, keptEdited: 1, keptInUse: 0, keptCustom: 0 }],
    ]);
    const lines = log.filter((l) => l.includes("brought up to date"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`Catalog of ${T}`);
    expect(lines[0]).toContain("1 updated, 1 added, 1 removed, 1 kept because edited");
    expect(ctx.stores.catalogVersions.get(T)?.version).toBe(catalogVersion(CURRENT));
  });

  it("changes nothing on a second start", () => {
    const first = start(CURRENT);
    const before = {
      areas: first.ctx.stores.areas.list(T),
      revision: first.ctx.stores.areas.revision(T),
      version: first.ctx.stores.catalogVersions.get(T),
    };
    for (const db of opened.splice(0)) db.close();
    const second = start(CURRENT);
    expect(second.synced).toEqual([]);
    expect(second.log.filter((l) => l.includes("brought up to date"))).toEqual([]);
    expect({
      areas: second.ctx.stores.areas.list(T),
      revision: second.ctx.stores.areas.revision(T),
      version: second.ctx.stores.catalogVersions.get(T),
    }).toEqual(before);
  });

  it("brings up to date a copy made before versions were recorded", () => {
    const db = openDatabase(path);
    // As 0008 leaves a copy made before it: no version, no origin hashes (and the admin's edit
    // undone, since no command could edit a default area then).
    db.prepare("DELETE FROM catalog_versions").run();
    db.prepare("DELETE FROM removed_default_areas").run();
    db.prepare("UPDATE areas SET default_hash = NULL").run();
    db.prepare("UPDATE areas SET keywords = ?, decider_role = ? WHERE team_id = ? AND area_id = ?").run(
      JSON.stringify(current(EDITED).keywords),
      current(EDITED).decider,
      T,
      EDITED,
    );
    db.close();
    const { ctx, synced } = start(CURRENT);
    expect(synced.map((s) => s.counts)).toEqual([
      { updated: 1, added: 2, removed: 1, keptEdited: 0, keptInUse: 0, keptCustom: 0 },
    ]);
    expect(answer(ctx, CHANNEL, "who decides if the new worker is written in kotlin?")).toEqual({
      area: TUNED,
      decider: "tech-lead",
    });
    for (const db of opened.splice(0)) db.close();
    expect(start(CURRENT).synced).toEqual([]);
  });
});
