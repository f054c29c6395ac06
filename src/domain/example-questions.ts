/**
 * Example questions (catalog/examples.yml): realistic phrasings per default area, and questions
 * that belong to no area at all. They are training data for the matcher's second signal (see
 * example-index.ts): people describe a situation ("Sam keeps missing standups, what do I do") in
 * words the catalog's keywords will never list, and a neighbour among the examples still knows
 * which area that situation is.
 */
import { isMap, parseDocument } from "yaml";
import { z } from "zod";
import { CatalogError } from "./catalog.ts";

export const EXAMPLE_MAX_LENGTH = 300;

export type ExampleQuestions = {
  /** Per default area id, in the file's order. */
  areas: ReadonlyMap<string, readonly string[]>;
  /** Questions no area should claim: negative evidence. */
  outOfDomain: readonly string[];
};

const question = z
  .string({ error: "expected a question (text)" })
  .trim()
  .min(1, { error: "must not be empty" })
  .max(EXAMPLE_MAX_LENGTH, { error: `is longer than ${EXAMPLE_MAX_LENGTH} characters` })
  .refine((q) => !q.includes("\n"), { error: "must be one line" });

const questionList = z.array(question, { error: "expected a list of questions" });

/** The file's shape; which area ids exist is checked by `parseExampleQuestions`, which knows the catalog. */
export const exampleQuestionsFileSchema = z.strictObject({
  areas: z.record(z.string(), questionList, { error: "expected a mapping of area ids to questions" }),
  out_of_domain: questionList.default([]),
});

/** Two questions are the same example when their words are, whatever the case and punctuation. */
export function exampleKey(text: string): string {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(" ");
}

/**
 * Reads catalog/examples.yml's text. Throws a CatalogError with one line naming the file, the area
 * (or out_of_domain) and the entry: an area id the catalog does not have, an empty or over-long
 * question, or one listed twice (anywhere in the file).
 */
export function parseExampleQuestions(
  text: string,
  fileName: string,
  areaIds: ReadonlySet<string>,
): ExampleQuestions {
  const doc = parseDocument(text, { uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) throw new CatalogError(`${fileName}: ${syntax.message.split("\n")[0]}`);
  if (!isMap(doc.contents)) throw new CatalogError(`${fileName}: expected a mapping with areas`);
  const raw: unknown = doc.toJS();
  const parsed = exampleQuestionsFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as z.core.$ZodIssue;
    throw new CatalogError(`${fileName}: ${where(issue.path, raw)}${issue.message}`);
  }
  const fail = (place: string, message: string) => {
    throw new CatalogError(`${fileName}: ${place}: ${message}`);
  };
  const seen = new Map<string, string>();
  const check = (place: string, list: readonly string[]) => {
    list.forEach((q, i) => {
      const key = exampleKey(q);
      if (key === "") fail(`${place} example #${i + 1}`, `"${q}" has no word`);
      const first = seen.get(key);
      if (first !== undefined)
        fail(`${place} example #${i + 1}`, `"${q}" is listed twice (also in ${first})`);
      seen.set(key, place);
    });
  };
  const areas = new Map<string, readonly string[]>();
  for (const [id, list] of Object.entries(parsed.data.areas)) {
    const place = `area "${id}"`;
    if (!areaIds.has(id)) fail(place, "not an area of the default catalog");
    check(place, list);
    areas.set(id, list);
  }
  check("out_of_domain", parsed.data.out_of_domain);
  return { areas, outOfDomain: parsed.data.out_of_domain };
}

/** `area "team-database" example #3: ` for a path into the file. */
function where(path: readonly PropertyKey[], raw: unknown): string {
  const [top, key, index] = path;
  if (top === "areas" && typeof key === "string") {
    const area = `area "${key}"`;
    if (typeof index !== "number") return `${area}: `;
    const entry = (raw as { areas: Record<string, unknown[]> }).areas[key]?.[index];
    return `${area} example #${index + 1}${typeof entry === "string" ? ` "${clip(entry)}"` : ""}: `;
  }
  if (top === "out_of_domain" && typeof key === "number") {
    const entry = (raw as { out_of_domain: unknown[] }).out_of_domain[key];
    return `out_of_domain example #${key + 1}${typeof entry === "string" ? ` "${clip(entry)}"` : ""}: `;
  }
  return path.length ? `${path.map(String).join(".")}: ` : "";
}

function clip(text: string): string {
  const one = text.trim().replace(/\s+/g, " ");
  return one.length > 60 ? `${one.slice(0, 57)}…` : one;
}
