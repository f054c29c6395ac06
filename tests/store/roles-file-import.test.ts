import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createAppContext } from "../../src/context.ts";
import { DEFAULT_CATALOG } from "../../src/domain/catalog.ts";
import { type RolesFileOut, renderRolesFile } from "../../src/domain/roles-file.ts";
import { silentLogger } from "../../src/log.ts";
import { changeHat } from "../../src/services/hats.ts";
import { exportRolesText, importRoles } from "../../src/services/roles-file.ts";
import { openDatabase } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrate.ts";
import { rolesFileArb } from "../domain/roles-file-arbitrary.ts";

const T = "T0ACME";
const BUILT_IN = DEFAULT_CATALOG.slice(0, 3).map((a) => a.id);

function fresh() {
  const db = openDatabase(":memory:");
  migrate(db);
  const ctx = createAppContext(db, { logger: silentLogger, clock: () => new Date("2026-11-23T12:00:00Z") });
  return { ctx, close: () => db.close() };
}

const load = (ctx: ReturnType<typeof fresh>["ctx"], text: string) =>
  importRoles(ctx, text, { fallbackTeam: T });

/** B, plus A's teams as bare entries: teams are never deleted, so after A then B the export lists them. */
function covering(a: RolesFileOut, b: RolesFileOut): RolesFileOut {
  const channels = new Set(b.teams.map((t) => t.channel));
  const teams = [
    ...b.teams,
    ...a.teams
      .filter((t) => !channels.has(t.channel))
      .map((t) => ({ channel: t.channel, hats: [], deciders: [] })),
  ].sort((x, y) => (x.channel < y.channel ? -1 : 1));
  const areas = [...a.areas, ...b.areas].sort((x, y) => (x.id < y.id ? -1 : 1));
  return { ...b, teams, areas };
}

describe("importing a roles file into the database", () => {
  it("exports exactly the file it imported, and a second import changes nothing (property)", () => {
    fc.assert(
      fc.property(rolesFileArb(T, BUILT_IN), (out) => {
        const { ctx, close } = fresh();
        try {
          const text = renderRolesFile(out);
          const first = load(ctx, text);
          if (!first.ok) throw new Error(first.errors.join("\n"));
          expect(exportRolesText(ctx, T)).toBe(text);
          const second = load(ctx, text);
          expect(second).toMatchObject({ ok: true });
          if (second.ok) expect(Object.values(second.counts).every((n) => n === 0)).toBe(true);
        } finally {
          close();
        }
      }),
      { numRuns: 60 },
    );
  });

  it("brings a database from one file to another, or refuses and leaves it exactly as it was (property)", () => {
    fc.assert(
      fc.property(rolesFileArb(T, BUILT_IN), rolesFileArb(T, BUILT_IN), (a, b) => {
        const ids = new Set(a.areas.map((x) => x.id));
        const titles = new Set(a.areas.map((x) => x.title.toLowerCase()));
        fc.pre(b.areas.every((x) => !ids.has(x.id) && !titles.has(x.title.toLowerCase())));
        const { ctx, close } = fresh();
        try {
          const aText = renderRolesFile(a);
          expect(load(ctx, aText)).toMatchObject({ ok: true });
          const next = renderRolesFile(covering(a, b));
          const outcome = load(ctx, next);
          if (outcome.ok) {
            expect(exportRolesText(ctx, T)).toBe(next);
          } else {
            // The only refusal possible here: B drops an allocation history A had.
            expect(outcome.errors.every((e) => e.includes("can be changed but not erased"))).toBe(true);
            expect(exportRolesText(ctx, T)).toBe(aText);
          }
        } finally {
          close();
        }
      }),
      { numRuns: 60 },
    );
  });

  it("appends to the history rather than editing it: the old rows stay, the new ones are the file's", () => {
    const { ctx, close } = fresh();
    ctx.stores.workspaces.ensure(T, ctx.clock());
    changeHat(ctx, {
      teamId: T,
      channelId: "C0PAY",
      userId: "U0LEE",
      role: "architect",
      action: "assign",
      by: "U0ADMIN",
    });
    const text = [
      "teams:",
      "  - channel: C0PAY",
      "    hats:",
      "      - { person: U0LEE, role: architect, from: 2026-01-05, until: 2026-11-23 }",
      "",
    ].join("\n");
    expect(load(ctx, text)).toMatchObject({ ok: true, counts: { hatChanges: 2 } });
    expect(ctx.stores.hats.history(T).map((c) => [c.action, c.effectiveDate, c.recordedBy])).toEqual([
      ["assign", "2026-01-05", "roles-file"],
      ["assign", "2026-11-23", "U0ADMIN"],
      ["unassign", "2026-11-23", "roles-file"],
    ]);
    expect(ctx.stores.hats.ofUser(T, "U0LEE", "2026-06-01")).toHaveLength(1);
    expect(ctx.stores.hats.ofUser(T, "U0LEE", "2026-11-23")).toEqual([]);
    close();
  });
});
