import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createAppContext } from "../../src/compose.ts";
import { type RolesFileOut, renderRolesFile } from "../../src/domain/roles-file.ts";
import { silentLogger } from "../../src/log.ts";
import { changeHat } from "../../src/services/hats.ts";
import { exportRolesText, importRoles } from "../../src/services/roles-file.ts";
import { whoDecides } from "../../src/services/who-decides.ts";
import { loadCatalog } from "../../src/store/catalog-file.ts";
import { openDatabase } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrate.ts";
import { rolesFileArb } from "../domain/roles-file-arbitrary.ts";

const DEFAULT_CATALOG = loadCatalog();

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

  it("edits custom areas in place: the export is the edited file, byte for byte (property)", () => {
    fc.assert(
      fc.property(rolesFileArb(T, BUILT_IN), rolesFileArb(T, BUILT_IN), (a, b) => {
        // A's areas with B's contents under A's ids: every field of a custom area may change.
        const edited = { ...a, areas: a.areas.map((x, i) => ({ ...(b.areas[i] ?? x), id: x.id })) };
        fc.pre(edited.areas.length > 0);
        fc.pre(new Set(edited.areas.map((x) => x.title.toLowerCase())).size === edited.areas.length);
        const { ctx, close } = fresh();
        try {
          expect(load(ctx, renderRolesFile(a))).toMatchObject({ ok: true });
          const text = renderRolesFile(edited);
          const changed = edited.areas.filter((x, i) => JSON.stringify(x) !== JSON.stringify(a.areas[i]));
          expect(load(ctx, text)).toMatchObject({
            ok: true,
            counts: { areasAdded: 0, areasUpdated: changed.length },
          });
          expect(exportRolesText(ctx, T)).toBe(text);
          const again = load(ctx, text);
          if (!again.ok) throw new Error(again.errors.join("\n"));
          expect(Object.values(again.counts).every((n) => n === 0)).toBe(true);
        } finally {
          close();
        }
      }),
      { numRuns: 60 },
    );
  });

  it("updates a custom area the file changes, and who-decides answers from the new keywords at once", () => {
    const { ctx, close } = fresh();
    const file = (keywords: string, decider: string) =>
      [
        "areas:",
        "  - id: custom-mascot",
        "    title: Team mascot",
        `    keywords: [${keywords}]`,
        `    decider: ${decider}`,
        "teams: []",
        "",
      ].join("\n");
    const ask = () => whoDecides(ctx, T, "C0PAY", "who picks the new kazoo?");
    try {
      expect(load(ctx, file("mascot", "product-manager"))).toMatchObject({
        ok: true,
        counts: { areasAdded: 1 },
      });
      // The bot answers before the edit, so its cached matcher index is warm.
      expect(ask().area?.id).not.toBe("custom-mascot");

      expect(load(ctx, file("mascot, kazoo", "engineering-manager"))).toMatchObject({
        ok: true,
        counts: { areasAdded: 0, areasUpdated: 1 },
      });
      const after = ask();
      expect(after.area).toEqual({ id: "custom-mascot", title: "Team mascot" });
      expect(after.decider?.role).toBe("engineering-manager");
      expect(exportRolesText(ctx, T)).toContain(
        "    keywords: [ mascot, kazoo ]\n    decider: engineering-manager\n",
      );
    } finally {
      close();
    }
  });

  it("lets two custom areas swap titles, but keeps the default catalog's areas out of the file's reach", () => {
    const { ctx, close } = fresh();
    const area = (id: string, title: string) => [
      `  - id: ${id}`,
      `    title: ${title}`,
      "    keywords: [x]",
      "    decider: architect",
    ];
    const file = (...areas: string[][]) => ["areas:", ...areas.flat(), "teams: []", ""].join("\n");
    try {
      expect(
        load(ctx, file(area("custom-a", "Alpha things"), area("custom-b", "Beta things"))),
      ).toMatchObject({ ok: true });
      const swapped = file(area("custom-a", "Beta things"), area("custom-b", "Alpha things"));
      expect(load(ctx, swapped)).toMatchObject({ ok: true, counts: { areasUpdated: 2 } });
      expect(["custom-a", "custom-b"].map((id) => ctx.stores.areas.get(T, id)?.title)).toEqual([
        "Beta things",
        "Alpha things",
      ]);

      const builtIn = ctx.stores.areas.get(T, BUILT_IN[0] as string);
      const before = exportRolesText(ctx, T);
      const outcome = load(ctx, file(area(BUILT_IN[0] as string, "Something else")));
      expect(outcome).toEqual({
        ok: false,
        errors: [
          expect.stringContaining(`${BUILT_IN[0]} is a built-in area; give the custom area another id`),
        ],
      });
      expect(ctx.stores.areas.get(T, BUILT_IN[0] as string)).toEqual(builtIn);
      expect(exportRolesText(ctx, T)).toBe(before);

      const clash = load(ctx, file(area("custom-a", "Gamma things"), area("custom-b", "gamma THINGS")));
      expect(clash).toMatchObject({
        ok: false,
        errors: expect.arrayContaining([
          expect.stringContaining('the area custom-a already has the title "Gamma things"'),
        ]),
      });
      expect(exportRolesText(ctx, T)).toBe(before);
    } finally {
      close();
    }
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
