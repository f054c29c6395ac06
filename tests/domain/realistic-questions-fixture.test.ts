import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseExampleQuestions } from "../../src/domain/example-questions.ts";
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
const tune2 = readFixture("realistic-tune2-questions.tsv");
const tune3 = readFixture("realistic-tune3-questions.tsv");
const tune4 = readFixture("realistic-tune4-questions.tsv");
const tune5 = readFixture("realistic-tune5-questions.tsv");
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

// Words that carry no subject: "who has the final say on" is how people ask, not a shared question.
const FUNCTION_WORDS = new Set(
  (
    "a an the i we you he she they it my our your their his her its me us them to of in on for with at by " +
    "from about into over and or but if then so than as is are was were be been being do does did have has " +
    "had who whom whose what which when where why how can could should would will shall may might must " +
    "need needs this that these those there here not no any some all just get gets got make makes call " +
    "last word final say says go talk ask tell decide decides decided deciding sign off signs up out"
  ).split(" "),
);

/** Runs of five consecutive words with at least two that carry a subject. */
function runsOfFive(question: string): string[] {
  const w = words(question);
  return w
    .slice(0, Math.max(0, w.length - 4))
    .map((_, i) => w.slice(i, i + 5))
    .filter((run) => run.filter((x) => !FUNCTION_WORDS.has(x)).length >= 2)
    .map((run) => run.join(" "));
}

// The TUNE sets lost the lines that shared a run of words with a later TEST set, so a few areas are
// down to one question or none there (every area still has several in the other sets); the TEST set
// keeps at least three per area (four as written, less six questions found in earlier sets) and at
// least 60 out-of-domain questions naming a role.
describe.each([
  { fixture: test, minRows: 440, minAreas: 73, perArea: 3, roleWordOut: 80, otherOut: 70 },
  { fixture: tune, minRows: 250, minAreas: 73, perArea: 1, roleWordOut: 50, otherOut: 15 },
  { fixture: tune2, minRows: 315, minAreas: 73, perArea: 1, roleWordOut: 55, otherOut: 15 },
  { fixture: tune3, minRows: 260, minAreas: 71, perArea: undefined, roleWordOut: 50, otherOut: 30 },
  { fixture: tune4, minRows: 300, minAreas: 72, perArea: undefined, roleWordOut: 55, otherOut: 40 },
  { fixture: tune5, minRows: 350, minAreas: 73, perArea: 2, roleWordOut: 70, otherOut: 40 },
])("$fixture.name", ({ fixture, minRows, minAreas, perArea, roleWordOut, otherOut }) => {
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

  it(`has at least ${minRows} questions, on ${minAreas} areas${perArea ? `, ${perArea} or more on each` : ""}`, () => {
    expect(rows.length).toBeGreaterThanOrEqual(minRows);
    const perAreaCount = [...areaIds].map((id) => rows.filter((r) => r.areas.includes(id)).length);
    expect(perAreaCount.filter((n) => n > 0).length).toBeGreaterThanOrEqual(minAreas);
    // Where the purge left some area without a question, `minAreas` is the bound.
    if (perArea !== undefined) expect(Math.min(...perAreaCount)).toBeGreaterThanOrEqual(perArea);
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

describe.each([tune, tune2, tune3, tune4, tune5])("the test set and $name", (tuneSet) => {
  it("share no question and no run of five consecutive words naming a subject", () => {
    const inTest = new Set(test.rows.flatMap((r) => runsOfFive(r.question)));
    const testKeys = new Set(test.rows.map((r) => words(r.question).join(" ")));
    const shared = tuneSet.rows.flatMap((r) => [
      ...(testKeys.has(words(r.question).join(" ")) ? [`same question: ${r.question}`] : []),
      ...runsOfFive(r.question)
        .filter((run) => inTest.has(run))
        // The TUNE question and the shared run only: held-out questions are not printed.
        .map((run) => `"${run}": ${r.question}`),
    ]);
    expect(shared).toEqual([]);
  });
});

describe("the test set and the example questions the classifier trains on", () => {
  it("share no question and no run of five consecutive words naming a subject", () => {
    const examples = parseExampleQuestions(
      readFileSync(new URL("../../catalog/examples.yml", import.meta.url), "utf8"),
      "catalog/examples.yml",
      areaIds,
    );
    const inTest = new Set(test.rows.flatMap((r) => runsOfFive(r.question)));
    const testKeys = new Set(test.rows.map((r) => words(r.question).join(" ")));
    const shared = [...[...examples.areas.values()].flat(), ...examples.outOfDomain].filter(
      (q) => testKeys.has(words(q).join(" ")) || runsOfFive(q).some((run) => inTest.has(run)),
    );
    // Only the examples: the held-out questions are not printed.
    expect(shared).toEqual([]);
  });
});
