import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isRoleId, ROLE_IDS } from "../../src/domain/roles.ts";
import { loadCatalog } from "../../src/store/catalog-file.ts";

const DEFAULT_CATALOG = loadCatalog();

// Shape checks only: the matcher's accuracy on these sets is measured elsewhere.

type Row = { question: string; roles: string[]; areas: string[]; line: number };
type Fixture = { name: string; rows: Row[] };

function readFixture(file: string): Fixture {
  const rows: Row[] = [];
  readFileSync(new URL(`./fixtures/${file}`, import.meta.url), "utf8")
    .split("\n")
    .forEach((text, i) => {
      if (text.trim() === "" || text.startsWith("#")) return;
      const [question = "", roles = "", areas = "", ...rest] = text.split("\t");
      if (rest.length > 0) throw new Error(`${file}:${i + 1}: more than three columns`);
      rows.push({ question, roles: roles.split(","), areas: areas.split(","), line: i + 1 });
    });
  return { name: file, rows };
}

const test = readFixture("realistic-test-questions.tsv");
const tune = readFixture("realistic-tune-questions.tsv");
const areaIds = new Set(DEFAULT_CATALOG.map((a) => a.id));

// Out-of-domain questions that name a role, or a word that sounds like one, are the matcher's trap.
const ROLE_WORD =
  /\b(?:pms?|ems?|tls?|cto|vp|leads?|managers?|architects?|director|head of|staff engineer|boss)\b/i;

const isOutOfDomain = (r: Row) => r.roles.length === 1 && r.roles[0] === "none";
const words = (q: string) =>
  q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

function runsOfFive(question: string): string[] {
  const w = words(question);
  return w.slice(0, Math.max(0, w.length - 4)).map((_, i) => w.slice(i, i + 5).join(" "));
}

describe.each([
  { fixture: test, minRows: 340, perArea: 3, roleWordOut: 70, otherOut: 15 },
  { fixture: tune, minRows: 250, perArea: 2, roleWordOut: 50, otherOut: 10 },
])("$fixture.name", ({ fixture, minRows, perArea, roleWordOut, otherOut }) => {
  const { rows } = fixture;

  it("has three well-formed columns on every line", () => {
    const bad = rows.filter(
      (r) =>
        r.question.trim() === "" ||
        r.question !== r.question.trim() ||
        r.roles.some((role) => role !== "none" && !isRoleId(role)) ||
        new Set(r.roles).size !== r.roles.length ||
        new Set(r.areas).size !== r.areas.length ||
        (isOutOfDomain(r) ? r.areas.join(",") !== "-" : r.roles.includes("none") || r.areas.includes("-")),
    );
    expect(bad.map((r) => `line ${r.line}: ${r.question}`)).toEqual([]);
  });

  it("names only areas the catalog has", () => {
    const unknown = rows.flatMap((r) => r.areas.filter((a) => a !== "-" && !areaIds.has(a)));
    expect(unknown).toEqual([]);
  });

  it(`has at least ${minRows} questions and ${perArea} per area`, () => {
    expect(rows.length).toBeGreaterThanOrEqual(minRows);
    for (const id of areaIds) {
      expect(rows.filter((r) => r.areas.includes(id)).length, id).toBeGreaterThanOrEqual(perArea);
    }
    for (const role of ROLE_IDS) {
      expect(rows.filter((r) => r.roles.includes(role)).length, role).toBeGreaterThanOrEqual(20);
    }
  });

  it("has out-of-domain questions, most of them naming a role", () => {
    const out = rows.filter(isOutOfDomain);
    const withRoleWord = out.filter((r) => ROLE_WORD.test(r.question));
    expect(withRoleWord.length).toBeGreaterThanOrEqual(roleWordOut);
    expect(out.length - withRoleWord.length).toBeGreaterThanOrEqual(otherOut);
  });

  it("has no duplicate questions", () => {
    const seen = new Set<string>();
    const dupes = rows.filter((r) => {
      const key = words(r.question).join(" ");
      const dupe = seen.has(key);
      seen.add(key);
      return dupe;
    });
    expect(dupes.map((r) => r.question)).toEqual([]);
  });
});

describe("the test and tune sets", () => {
  it("share no question and no run of five consecutive words", () => {
    const inTest = new Map(test.rows.flatMap((r) => runsOfFive(r.question).map((run) => [run, r.question])));
    const testKeys = new Set(test.rows.map((r) => words(r.question).join(" ")));
    const shared = tune.rows.flatMap((r) => [
      ...(testKeys.has(words(r.question).join(" ")) ? [`same question: ${r.question}`] : []),
      ...runsOfFive(r.question)
        .filter((run) => inTest.has(run))
        .map((run) => `"${run}": ${inTest.get(run)} / ${r.question}`),
    ]);
    expect(shared).toEqual([]);
  });
});
