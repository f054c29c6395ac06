/**
 * The questions the who-decides benchmark asks: every fixture question, each in several phrasings
 * (an opening, a way of asking, a tail), shuffled by a seeded generator. The pool is larger than
 * the requests any one measured phase sends, so a cache of answers keyed by question cannot turn
 * the figures into a measure of cache hits: most requests ask something not asked before.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { seededRandom } from "../src/domain/seeded-random.ts";

const FIXTURES = ["who-decides-examples.tsv", "held-out-questions.tsv", "dev-questions.tsv"];

/** What people put in front of a question in Slack; plainQuestion strips some, the matcher sees the rest. */
const OPENINGS = ["", "", "hey team, ", "quick q: ", "hi all - ", "sorry if this is obvious, but ", "so "];
const TAILS = ["", "", "?", " this quarter", " for the new service", " for us", " now"];

/** The fixture questions, deduplicated, in file order. */
export function fixtureQuestions(root: string): string[] {
  const dir = join(root, "tests", "domain", "fixtures");
  const questions = FIXTURES.flatMap((f) =>
    readFileSync(join(dir, f), "utf8")
      .split("\n")
      .filter((l) => l.trim() && !l.startsWith("#"))
      .map((l) => l.split("\t")[0]?.trim() ?? "")
      .filter(Boolean),
  );
  return [...new Set(questions)];
}

/** `size` distinct questions (fewer only if the variants run out), in a seeded random order. */
export function questionPool(root: string, size: number, seed = 5): string[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  const base = fixtureQuestions(root);
  const pool = new Set<string>();
  const limit = Math.min(size, base.length * OPENINGS.length * TAILS.length);
  for (let i = 0; pool.size < limit && i < limit * 20; i++) {
    const q = pick(base).replace(/\?+$/, "");
    pool.add(`${pick(OPENINGS)}${q}${pick(TAILS)}`);
  }
  return [...pool];
}
