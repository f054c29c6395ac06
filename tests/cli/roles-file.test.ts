import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { createAppContext } from "../../src/compose.ts";
import { silentLogger } from "../../src/log.ts";
import { exportRolesText, importRoles } from "../../src/services/roles-file.ts";
import { openDatabase } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrate.ts";

const root = new URL("../../", import.meta.url).pathname;
const EXAMPLE = join(root, "examples/roles.example.yml");
const TABLES = ["workspaces", "teams", "areas", "decider_overrides", "hat_changes", "allocation_changes"];

/**
 * A scratch directory with its own database and the real CLI run against it. Setting up and
 * inspecting the database happen in-process (each CLI run is a process start); the command under
 * test always goes through the CLI.
 */
function workspace() {
  const dir = mkdtempSync(join(tmpdir(), "rc-roles-"));
  const db = join(dir, "rolecall.db");
  const cli = (args: string[], input?: string) => {
    const r = spawnSync(join(root, "node_modules/.bin/tsx"), [join(root, "src/cli.ts"), ...args], {
      input,
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", DATABASE_PATH: db },
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const exported = () => {
    const r = cli(["export"]);
    expect(r.code).toBe(0);
    return r.out;
  };
  const withDb = <T>(use: (ctx: ReturnType<typeof createAppContext>) => T): T => {
    const handle = openDatabase(db);
    try {
      migrate(handle);
      return use(createAppContext(handle, { logger: silentLogger }));
    } finally {
      handle.close();
    }
  };
  /** Loads a roles file the way the CLI does, without a process start. */
  const seed = (text: string) =>
    withDb((ctx) => expect(importRoles(ctx, text, { fallbackTeam: "T0LOCAL" })).toMatchObject({ ok: true }));
  /** Every workspace's roles file and every table's row count: equal snapshots, equal databases. */
  const snapshot = () =>
    withDb((ctx) => ({
      files: ctx.stores.workspaces.list().map((ws) => exportRolesText(ctx, ws.teamId)),
      rows: TABLES.map(
        (t) => (ctx.stores.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n,
      ),
    }));
  return { dir, db, cli, file, exported, seed, snapshot };
}

const example = () => readFileSync(EXAMPLE, "utf8");

/** Three hybrid leads on one team; the third person's entry is on lines 19–21. */
const THREE_LEADS = `version: 1
workspace: T0ACME
teams:
  - channel: C0ALPHA
    name: alpha
    headcount: 7
    hats:
      - { person: U0AAA, role: tech-lead, from: 2026-01-05 }
      - { person: U0BBB, role: tech-lead, from: 2026-01-05 }
      - { person: U0CCC, role: tech-lead, from: 2026-01-05 }
      - { person: U0AAA, role: engineering-manager, from: 2026-01-05 }
      - { person: U0BBB, role: engineering-manager, from: 2026-01-05 }
      - { person: U0CCC, role: engineering-manager, from: 2026-01-05 }
people:
  - id: U0AAA
    allocations: [{ from: 2026-01-05, split: { tech-lead: 60, engineering-manager: 40 } }]
  - id: U0BBB
    allocations: [{ from: 2026-01-05, split: { tech-lead: 50, engineering-manager: 50 } }]
  - id: U0CCC
    allocations:
      - { from: 2026-01-05, split: { tech-lead: 70, engineering-manager: 20 } }
`;

// Each test runs the real CLI several times, a process start each; a loaded machine needs the room.
describe("rolecall import / export", { timeout: 60_000 }, () => {
  let w: ReturnType<typeof workspace>;
  beforeEach(() => {
    w = workspace();
  });

  it("imports the example, exports it canonically, and the export round-trips byte for byte", () => {
    const imported = w.cli(["import", EXAMPLE]);
    expect(imported.err).toBe("");
    expect(imported.code).toBe(0);
    expect(imported.out).toBe(
      "Imported roles.example.yml into workspace T0EXAMPLE: 1 setting, 1 custom area, 2 teams added or updated, 8 hat changes, 2 decider overrides set, 3 allocation changes.\n",
    );
    const first = w.exported();
    expect(first).toContain("workspace: T0EXAMPLE\n");
    expect(first).toContain("    digest_channel: C0ENGLEADS\n    headcount: 6\n");
    expect(first).toContain(
      "      - { person: U0SAM, role: architect, from: 2026-01-05, until: 2026-09-01 }\n",
    );
    expect(first).toContain(
      "      - from: 2026-12-01\n        split: { tech-lead: 50, engineering-manager: 40, other: 10 }\n",
    );

    // Importing the export into the same database changes nothing…
    const path = w.file("roles.yml", first);
    expect(w.cli(["import", path]).out).toBe(
      "Workspace T0EXAMPLE already matches roles.yml; nothing changed.\n",
    );
    expect(w.exported()).toBe(first);

    // …and into an empty one it rebuilds the same workspace.
    const other = workspace();
    expect(other.cli(["import", path]).code).toBe(0);
    expect(other.exported()).toBe(first);
  });

  it("reads the file from stdin with -, even with npm's banner captured above it", () => {
    const text = `> rolecall@0.1.0 cli\n> tsx src/cli.ts export\n\n${THREE_LEADS.replace("70, engineering-manager: 20", "70, engineering-manager: 30")}`;
    const r = w.cli(["import", "-"], text);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Imported stdin into workspace T0ACME");
    expect(w.exported()).toContain("  - id: U0CCC\n    allocations:\n      - from: 2026-01-05\n");
  });

  it("refuses a file with a bad split for the third person, citing its line, and writes nothing", () => {
    w.seed(example());
    const before = w.snapshot();
    const r = w.cli(["import", w.file("roles.yml", THREE_LEADS)]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toBe(
      [
        "Nothing was imported: roles.yml has 1 problem:",
        "  roles.yml:21:36: people[2].allocations[0].split: The parts add up to 90; they must total exactly 100.",
        "",
      ].join("\n"),
    );
    expect(w.snapshot()).toEqual(before);
  });

  it("rolls everything back when the database refuses a write late in the import", () => {
    const good = THREE_LEADS.replace("70, engineering-manager: 20", "70, engineering-manager: 30");
    w.seed(example());
    // A constraint that fails only on the last person's allocation, after the team, its six hats and
    // two allocations have already been written inside the transaction.
    const db = openDatabase(w.db);
    db.exec(`CREATE TRIGGER refuse_third BEFORE INSERT ON allocation_changes WHEN NEW.user_id = 'U0CCC'
             BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
    db.close();
    const before = w.snapshot();

    const r = w.cli(["import", w.file("roles.yml", good), "--team", "T0ACME"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      [
        "Nothing was imported: roles.yml has 1 problem:",
        "  roles.yml:21:9: the database refused to record this (refused by the test); the whole import was rolled back",
        "",
      ].join("\n"),
    );
    const after = w.snapshot();
    expect(after).toEqual(before);
    expect(after.files.join("")).not.toContain("U0AAA");
  });

  it("rolls back hats already written when a later rule refuses the file", () => {
    w.seed(THREE_LEADS.replace("engineering-manager: 20", "engineering-manager: 30"));
    const before = w.snapshot();
    // Renames the team and ends a hat, then tries to drop U0CCC's allocation history.
    const text = THREE_LEADS.replace("name: alpha", "name: alpha-renamed")
      .replace(
        "{ person: U0CCC, role: tech-lead, from: 2026-01-05 }",
        "{ person: U0CCC, role: tech-lead, from: 2026-01-05, until: 2026-06-01 }",
      )
      .replace(/ {2}- id: U0CCC\n[\s\S]*$/, "");
    const r = w.cli(["import", w.file("b.yml", text)]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      "b.yml:15:3: U0CCC has allocations in the database (from 2026-01-05) that this file leaves out; allocations can be changed but not erased, so list them (export shows them)",
    );
    expect(w.snapshot()).toEqual(before);
  });

  it("refuses a file for a workspace the database lacks unless --team says it is meant, and writes nothing", () => {
    const good = THREE_LEADS.replace("70, engineering-manager: 20", "70, engineering-manager: 30");
    w.seed(example());
    const before = w.snapshot();
    const acme = w.file("acme.yml", good);
    const refused = w.cli(["import", acme]);
    expect(refused.code).toBe(2);
    expect(refused.out).toBe("");
    expect(refused.err).toBe(
      "Nothing was imported: acme.yml:2:12: T0ACME is not a workspace in this database (it has T0EXAMPLE). " +
        "Check DATABASE_PATH and the file's workspace; to add T0ACME as a new workspace, run the import again with --team T0ACME.\n",
    );
    expect(w.snapshot()).toEqual(before);

    expect(w.cli(["import", acme, "--team", "T0ACME"]).out).toContain(
      "Imported acme.yml into workspace T0ACME",
    );
    // Known now, so the file alone is enough.
    expect(w.cli(["import", acme]).out).toBe("Workspace T0ACME already matches acme.yml; nothing changed.\n");
  });

  it("imports a file that names its workspace into a database serving several; otherwise asks for --team", () => {
    const good = THREE_LEADS.replace("70, engineering-manager: 20", "70, engineering-manager: 30");
    w.seed(example());
    w.seed(good);
    expect(w.cli(["import", w.file("acme.yml", good.replace("name: alpha", "name: alpha-2"))]).out).toContain(
      "Imported acme.yml into workspace T0ACME: 1 team added or updated",
    );
    expect(w.cli(["export", "--team", "T0ACME"]).out).toContain("workspace: T0ACME\n");
    const anonymous = w.cli(["import", w.file("anon.yml", good.replace("workspace: T0ACME\n", ""))]);
    expect(anonymous.code).toBe(2);
    expect(anonymous.err).toContain(
      "This database serves 2 workspaces (T0ACME, T0EXAMPLE): choose one with --team T…",
    );
  });

  it("exports nothing for a workspace the database does not have, rather than a file that would end every hat", () => {
    const empty = w.cli(["export"]);
    expect(empty.code).toBe(2);
    expect(empty.out).toBe("");
    expect(empty.err).toContain("This database has no workspace yet, so there is nothing to export.");
    w.seed(example());
    const typo = w.cli(["export", "--team", "T0EXAMPEL"]);
    expect(typo.code).toBe(2);
    expect(typo.out).toBe("");
    expect(typo.err).toContain("There is no workspace T0EXAMPEL in this database (it has T0EXAMPLE)");
  });

  it("updates a custom area the file changes, and `ask` answers from its new keywords", () => {
    const ask = () => {
      const r = w.cli(["ask", "who decides on the kazoo?", "--json"]);
      expect(r.code).toBe(0);
      return JSON.parse(r.out) as { area: { id: string } | null; decider: { role: string } | null };
    };
    expect(w.cli(["import", EXAMPLE]).code).toBe(0);
    expect(ask().area?.id).not.toBe("custom-incident-comms");
    const edited = example()
      .replace("[incident comms, status page, customer update]", "[incident comms, status page, kazoo]")
      .replace(
        "    decider: engineering-manager\n    consulted: [tech-lead]",
        "    decider: tech-lead\n    consulted: []",
      );
    const r = w.cli(["import", w.file("roles.yml", edited)]);
    expect(r.err).toBe("");
    expect(r.out).toBe("Imported roles.yml into workspace T0EXAMPLE: 1 custom area updated.\n");
    const after = ask();
    expect(after.area?.id).toBe("custom-incident-comms");
    expect(after.decider?.role).toBe("tech-lead");
    expect(w.exported()).toContain(
      "    keywords: [ incident comms, status page, kazoo ]\n    decider: tech-lead\n",
    );
  });

  it("warns, in a plain sentence, about a split naming a hat the file does not give that day", () => {
    const text = THREE_LEADS.replace("70, engineering-manager: 20 }", "70, architect: 30 }");
    const r = w.cli(["import", w.file("roles.yml", text)]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      "warning: roles.yml:21:9: U0CCC's split from 2026-01-05 names Architect, a hat the file doesn't give them that day and leaves out Engineering manager, which they wear that day\n",
    );
  });

  it("says plainly when the file is missing or not named", () => {
    expect(w.cli(["import", join(w.dir, "nope.yml")]).err).toContain(
      `There is no file ${join(w.dir, "nope.yml")}.`,
    );
    expect(w.cli(["import"]).err).toContain("Name the file to import: rolecall import roles.yml");
    expect(w.cli(["export", "roles.yml"]).err).toContain("export takes no arguments");
  });
});
