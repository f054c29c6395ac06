import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRolesFile, renderRolesFile } from "../../src/domain/roles-file.ts";
import { asOut, rolesFileArb } from "./roles-file-arbitrary.ts";

const EXAMPLE = new URL("../../examples/roles.example.yml", import.meta.url);

/** The problems a file has, or [] when it parses. */
function problems(text: string): string[] {
  const r = parseRolesFile(text);
  return r.ok ? [] : r.errors;
}

const lines = (...ls: string[]) => `${ls.join("\n")}\n`;

describe("roles.yml problems cite the file line and say what is wrong", () => {
  it.each([
    [
      "an unknown role, with a guess",
      lines(
        "teams:",
        "  - channel: C0PAY",
        "    hats:",
        "      - { person: U0LEE, role: techlead, from: 2026-01-05 }",
      ),
      'roles.yml:4:32: teams[0].hats[0].role: "techlead" is not a role id (use tech-lead, engineering-manager, architect, product-manager); did you mean tech-lead?',
    ],
    [
      "a split that does not total 100",
      lines(
        "teams: []",
        "people:",
        "  - id: U0LEE",
        "    allocations:",
        "      - from: 2026-01-05",
        "        split: { tech-lead: 60, engineering-manager: 30 }",
      ),
      "roles.yml:6:16: people[0].allocations[0].split: The parts add up to 90; they must total exactly 100.",
    ],
    [
      "a role in a split that is not a role",
      lines(
        "teams: []",
        "people:",
        "  - id: U0LEE",
        "    allocations:",
        "      - from: 2026-01-05",
        "        split: { tl: 60, engineering-manager: 40 }",
      ),
      'roles.yml:6:18: people[0].allocations[0].split.tl: "tl" is not a role id (use tech-lead, engineering-manager, architect, product-manager or other); did you mean tech-lead?',
    ],
    [
      "a negative share",
      lines(
        "teams: []",
        "people:",
        "  - id: U0LEE",
        "    allocations:",
        "      - from: 2026-01-05",
        "        split: { tech-lead: -10, engineering-manager: 110 }",
      ),
      "roles.yml:6:16: people[0].allocations[0].split: tech-lead cannot be negative (-10).",
    ],
    [
      "a misspelt key, listing the keys that belong there",
      lines("teams:", "  - channel: C0PAY", "    nmae: payments"),
      'roles.yml:3:5: teams[0]: unknown key "nmae" (known keys here: channel, name, digest_channel, headcount, hats, deciders)',
    ],
    [
      "an impossible date",
      lines(
        "teams:",
        "  - channel: C0PAY",
        "    hats:",
        "      - { person: U0LEE, role: tech-lead, from: 2026-13-05 }",
      ),
      'roles.yml:4:49: teams[0].hats[0].from: "2026-13-05" is not a date; write it as YYYY-MM-DD, e.g. 2026-12-01',
    ],
    [
      "a hat without its start date",
      lines("teams:", "  - channel: C0PAY", "    hats:", "      - { person: U0LEE, role: tech-lead }"),
      "roles.yml:4:9: teams[0].hats[0].from: missing (expected a date such as 2026-01-05)",
    ],
    [
      "a hat that comes off before it goes on",
      lines(
        "teams:",
        "  - channel: C0PAY",
        "    hats:",
        "      - { person: U0LEE, role: tech-lead, from: 2026-02-01, until: 2026-01-01 }",
      ),
      "roles.yml:4:68: teams[0].hats[0].until: until must be after from (until is the day the hat came off, not included)",
    ],
    [
      "overlapping hats",
      lines(
        "teams:",
        "  - channel: C0PAY",
        "    hats:",
        "      - { person: U0LEE, role: tech-lead, from: 2026-01-01 }",
        "      - { person: U0LEE, role: tech-lead, from: 2026-03-01 }",
      ),
      "roles.yml:5:9: teams[0].hats[1]: U0LEE already wears tech-lead on this team then (hat #1 overlaps it)",
    ],
    [
      "a team listed twice",
      lines("teams:", "  - channel: C0PAY", "  - channel: C0PAY"),
      "roles.yml:3:14: teams[1].channel: team C0PAY is listed twice",
    ],
    [
      "a channel that is not a channel id",
      lines("teams:", "  - channel: '#payments'"),
      'roles.yml:2:14: teams[0].channel: "#payments" is not a Slack channel id such as C0123ABCD',
    ],
    [
      "a missing teams list",
      lines("people: []"),
      "roles.yml:1:1: teams: the file has no teams list; it describes every team (write `teams: []` to end every hat)",
    ],
    [
      "bad YAML indentation",
      lines("teams:", "  - channel: C0PAY", "   name: payments"),
      "roles.yml:3:1: Sequence item without - indicator",
    ],
    [
      "a tab used for indentation",
      "teams:\n\t- channel: C0PAY\n",
      "roles.yml:2:1: Tabs are not allowed as indentation",
    ],
    ["a key given twice", lines("teams: []", "teams: []"), "roles.yml:2:1: Map keys must be unique"],
    ["an empty file", "", "roles.yml:1:1: the file is empty"],
  ])("%s", (_what, text, expected) => {
    expect(problems(text)).toEqual([expected]);
  });

  it("reports every mistake at once, each at its own line, and names the file it was given", () => {
    const text = lines(
      "version: 1",
      "teams:",
      "  - channel: C0PAY",
      "    headcount: -3",
      "    hats:",
      "      - { person: U0LEE, role: wizard, from: 2026-01-05 }",
      "people:",
      "  - id: U0LEE",
      "    allocations:",
      "      - from: 5 January",
      "        split: { tech-lead: 100 }",
    );
    const r = parseRolesFile(text, "team-roles.yml");
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    expect(errors.map((e) => e.split(": ")[0])).toEqual([
      "team-roles.yml:4:16",
      "team-roles.yml:6:32",
      "team-roles.yml:10:15",
    ]);
    expect(errors[0]).toContain("headcount must be at least 0");
    expect(errors[1]).toContain('"wizard" is not a role id');
    expect(errors[2]).toContain('"5 January" is not a date');
  });

  it("reads npm's banner above an exported file as comments, keeping line numbers", () => {
    const text = lines(
      "> rolecall@0.1.0 cli",
      "> tsx src/cli.ts export",
      "",
      "teams:",
      "  - channel: C0PAY",
      "    headcount: many",
    );
    expect(problems(text)).toEqual([
      'roles.yml:6:16: teams[0].headcount: expected a number, got string "many"',
    ]);
  });
});

describe("examples/roles.example.yml", () => {
  it("parses cleanly, with settings, a digest channel and headcounts", () => {
    const r = parseRolesFile(readFileSync(EXAMPLE, "utf8"), "roles.example.yml");
    if (!r.ok) throw new Error(r.errors.join("\n"));
    expect(r.file.settings).toEqual({
      timezone: "Europe/Berlin",
      checkin: { day: 5, time: "15:00" },
      reminder_after_hours: 24,
      drift_threshold_pp: 15,
      digest_time: "10:00",
    });
    expect(r.file.teams.map((t) => [t.channel, t.name, t.digest_channel, t.headcount])).toEqual([
      ["C0PAYMENTS", "payments", "C0ENGLEADS", 6],
      ["C0PLATFORM", "platform", undefined, 9],
    ]);
    expect(r.file.people.find((p) => p.id === "U0LEE")?.allocations).toEqual([
      { from: "2026-01-05", split: { "tech-lead": 60, "engineering-manager": 40 } },
      { from: "2026-12-01", split: { "tech-lead": 50, "engineering-manager": 40, other: 10 } },
    ]);
  });
});

describe("the canonical form", () => {
  it("renders, parses and renders again to the same bytes, for any file (property)", () => {
    fc.assert(
      fc.property(rolesFileArb("T0ACME"), (out) => {
        const text = renderRolesFile(out);
        const parsed = parseRolesFile(text);
        if (!parsed.ok) throw new Error(`${parsed.errors.join("\n")}\n---\n${text}`);
        expect(asOut(parsed.file)).toEqual(out);
        expect(renderRolesFile(asOut(parsed.file))).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it("writes small records on one line and quotes times", () => {
    const text = renderRolesFile({
      workspace: "T0ACME",
      settings: {
        timezone: "UTC",
        checkin: { day: "fri", time: "09:30" },
        reminder_after_hours: 24,
        drift_threshold_pp: 15,
        digest_time: "10:00",
      },
      areas: [],
      teams: [
        {
          channel: "C0PAY",
          name: "payments",
          hats: [{ person: "U0LEE", role: "tech-lead", from: "2026-01-05", until: "2026-06-01" }],
          deciders: [{ area: "team-database", role: "architect" }],
        },
      ],
      people: [{ id: "U0LEE", allocations: [{ from: "2026-01-05", split: { "tech-lead": 100 } }] }],
    });
    expect(text).toContain('  checkin: { day: fri, time: "09:30" }\n  reminder_after_hours: 24\n');
    expect(text).toContain(
      "      - { person: U0LEE, role: tech-lead, from: 2026-01-05, until: 2026-06-01 }\n",
    );
    expect(text).toContain("      - { area: team-database, role: architect }\n");
    expect(text).toContain("      - from: 2026-01-05\n        split: { tech-lead: 100 }\n");
    expect(text.endsWith("\n")).toBe(true);
  });
});
