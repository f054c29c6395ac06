import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { areaContentHash } from "../../src/domain/catalog-sync.ts";
import { type Harness, startHarness, visibleText } from "./harness.ts";

const T = "T0ACME";
const QUESTION = "who decides if the new worker is written in kotlin?";

describe("a bot upgraded to a newer default catalog", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    h.fake.addUser({ id: "U0MEMBER" });
  });
  afterAll(async () => h.stop());

  const ask = async () =>
    visibleText((await h.command(`who-decides ${QUESTION}`, { user: "U0MEMBER", channel: "C0TEAM" })).ack);

  it("brings the workspace's older copy up to date when it starts, and answers the new way", async () => {
    expect(await ask()).toMatch(/^\*Tech lead\* decides/);
    // Make the copy one taken from an older default catalog: another decider, one keyword fewer.
    const db = h.ctx.stores.db;
    const area = h.ctx.stores.areas.get(T, "programming-language");
    if (!area) throw new Error("the workspace has no programming-language area");
    const older = {
      ...area,
      decider: "architect" as const,
      keywords: area.keywords.filter((k) => k !== "kotlin"),
    };
    db.prepare(
      "UPDATE areas SET decider_role = ?, keywords = ?, default_hash = ? WHERE team_id = ? AND area_id = ?",
    ).run(older.decider, JSON.stringify(older.keywords), areaContentHash(older), T, area.id);
    db.prepare("UPDATE catalog_versions SET version = 'an-older-version' WHERE team_id = ?").run(T);

    await h.restart();

    const synced = h.logs.filter((l) => l.level === "info" && l.text.startsWith(`Catalog of ${T}`));
    expect(synced.map((l) => l.text)).toEqual([
      expect.stringContaining("1 updated, 0 added, 0 removed, 0 kept because edited"),
    ]);
    expect(await ask()).toMatch(/^\*Tech lead\* decides/);
    expect(h.ctx.stores.areas.get(T, "programming-language")?.keywords).toContain("kotlin");
  });

  it("does nothing more on the next start", async () => {
    const before = h.logs.length;
    await h.restart();
    expect(h.logs.slice(before).filter((l) => l.text.startsWith("Catalog of"))).toEqual([]);
  });
});
