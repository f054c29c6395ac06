import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CatalogError, parseCatalog } from "../../src/domain/catalog.ts";
import { exampleKey, parseExampleQuestions } from "../../src/domain/example-questions.ts";

const CATALOG = parseCatalog(readFileSync(new URL("../../catalog/default.yml", import.meta.url), "utf8"));
const IDS = new Set(CATALOG.map((a) => a.id));
const TEXT = readFileSync(new URL("../../catalog/examples.yml", import.meta.url), "utf8");
const FIXTURES = [
  "who-decides-examples.tsv",
  "held-out-questions.tsv",
  "dev-questions.tsv",
  "realistic-tune-questions.tsv",
  "realistic-tune2-questions.tsv",
  "realistic-tune3-questions.tsv",
  "realistic-tune4-questions.tsv",
  "realistic-tune5-questions.tsv",
  "realistic-test-questions.tsv",
];

function problemWith(text: string): string {
  try {
    parseExampleQuestions(text, "catalog/examples.yml", IDS);
  } catch (err) {
    expect(err).toBeInstanceOf(CatalogError);
    return (err as Error).message;
  }
  throw new Error("the examples were accepted");
}

describe("catalog/examples.yml", () => {
  const examples = parseExampleQuestions(TEXT, "catalog/examples.yml", IDS);

  it("gives every default area several examples, and has out-of-domain ones", () => {
    for (const area of CATALOG) {
      expect(examples.areas.get(area.id)?.length ?? 0, area.id).toBeGreaterThanOrEqual(8);
    }
    expect(examples.outOfDomain.length).toBeGreaterThanOrEqual(50);
  });

  it("lists the areas in the catalog's order", () => {
    expect([...examples.areas.keys()]).toEqual(CATALOG.map((a) => a.id));
  });

  // The question sets measure the matcher: an example that repeats one would be measured on itself.
  it("shares no question with the question sets the matcher is measured on", () => {
    const all = [...[...examples.areas.values()].flat(), ...examples.outOfDomain];
    const keys = new Set(all.map(exampleKey));
    for (const file of FIXTURES) {
      const shared = readFileSync(new URL(`./fixtures/${file}`, import.meta.url), "utf8")
        .split("\n")
        .filter((l) => l.trim() !== "" && !l.startsWith("#"))
        .filter((l) => keys.has(exampleKey(l.split("\t")[0] ?? "")));
      // Only the count: the held-out sets' questions are not printed.
      expect(shared.length, file).toBe(0);
    }
  });
});

describe("parseExampleQuestions refuses a broken file with one line naming the area and the entry", () => {
  const valid =
    'areas:\n  hiring:\n    - "who approves a new job ad?"\nout_of_domain:\n  - "where is the lift?"\n';

  it("accepts a small valid file", () => {
    const parsed = parseExampleQuestions(valid, "catalog/examples.yml", IDS);
    expect(parsed.areas.get("hiring")).toEqual(["who approves a new job ad?"]);
    expect(parsed.outOfDomain).toEqual(["where is the lift?"]);
  });

  it.each([
    [
      "an area id the catalog does not have",
      'areas:\n  hirring:\n    - "who approves a new job ad?"\n',
      'catalog/examples.yml: area "hirring": not an area of the default catalog',
    ],
    [
      "an empty question",
      'areas:\n  hiring:\n    - "who approves a new job ad?"\n    - "  "\n',
      'catalog/examples.yml: area "hiring" example #2 "": must not be empty',
    ],
    [
      "a question over 300 characters",
      `areas:\n  hiring:\n    - "${"who approves this ".repeat(20)}"\n`,
      'catalog/examples.yml: area "hiring" example #1 "who approves this who approves this who approves this who…": ' +
        "is longer than 300 characters",
    ],
    [
      "a question listed twice in one area",
      'areas:\n  hiring:\n    - "Who approves a new job ad?"\n    - "who approves a new job ad"\n',
      'catalog/examples.yml: area "hiring" example #2: "who approves a new job ad" is listed twice (also in area "hiring")',
    ],
    [
      "a question under two areas",
      'areas:\n  hiring:\n    - "who decides this?"\n  headcount:\n    - "who decides this?"\n',
      'catalog/examples.yml: area "headcount" example #1: "who decides this?" is listed twice (also in area "hiring")',
    ],
    [
      "an out-of-domain question that is also an area's",
      'areas:\n  hiring:\n    - "who decides this?"\nout_of_domain:\n  - "who decides this?"\n',
      'catalog/examples.yml: out_of_domain example #1: "who decides this?" is listed twice (also in area "hiring")',
    ],
    [
      "a question that is not text",
      "areas:\n  hiring:\n    - [who, decides]\n",
      'catalog/examples.yml: area "hiring" example #1: expected a question (text)',
    ],
    [
      "a misspelt key",
      'areas: {}\nout_of_domian:\n  - "where is the lift?"\n',
      'catalog/examples.yml: Unrecognized key: "out_of_domian"',
    ],
  ])("%s", (_, text, message) => {
    expect(problemWith(text)).toEqual(message);
  });

  it("refuses an empty file", () => {
    expect(problemWith("")).toBe("catalog/examples.yml: expected a mapping with areas");
  });
});
