/**
 * Phrasings a workspace taught rolecall by picking an area from "Did you mean?". Two questions are
 * the same phrasing when they say the same thing in other words' order, with other filler, or with
 * Slack markup around them; a near-identical one (one extra or missing word in a longer question)
 * counts too. Pure.
 */

/** Words that say nothing about which decision is meant: "who decides", "the", "our", "should". */
const STOP_WORDS = new Set(
  (
    "who whom whose what whats which when where why how whether is are was were be been being am do does " +
    "did can could should would will shall may might must need needs has have had get gets got let lets " +
    "i im me my mine we us our ours you your yours they them their he him his she her it its " +
    "someone somebody anyone anybody everyone person people " +
    "the a an this that these those some any all each of to in on at by for with from into about as " +
    "and or but if so vs versus via per there here just really actually please now new " +
    "decide decides decided deciding decider decision decisions call calls say says own owns owner " +
    "responsible accountable final make makes making choose chooses pick picks " +
    "team teams"
  ).split(" "),
);

/**
 * How much two phrasings' words must overlap (shared words over all words) to count as the same
 * question. 0.75 lets a four-word question differ from a learned three-word one by one added word,
 * but never lets two short questions that share a single word ("database backups" and "database
 * choice") stand in for each other.
 */
export const NEAR_IDENTICAL_OVERLAP = 0.75;

/** Learned questions are short; longer ones are kept whole in the button only up to this length. */
export const MAX_LEARNED_QUESTION = 500;

/**
 * The canonical form of a question: lower case, Slack mentions, links, emoji and formatting
 * removed, stop words dropped, the remaining distinct words sorted. Empty when nothing is left.
 */
export function normalisePhrasing(question: string): string {
  const text = question
    .toLowerCase()
    // Mentions, channels, special mentions and links: <@U123|lee>, <#C1|x>, <!here>, <https://…|label>
    .replace(/<[^>]*>/g, " ")
    .replace(/&(?:amp|lt|gt);/g, " ")
    .replace(/:[a-z0-9_+-]+:/g, " ")
    .replace(/[’‘`]/g, "'")
    .replace(/'s\b/g, "");
  const words = text.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0 && !STOP_WORDS.has(w));
  return [...new Set(words)].sort().join(" ");
}

/** Shared words over all words of two normalised phrasings, 0..1. */
export function phrasingOverlap(a: string, b: string): number {
  const left = new Set(a.split(" ").filter(Boolean));
  const right = new Set(b.split(" ").filter(Boolean));
  const union = new Set([...left, ...right]).size;
  if (union === 0) return 0;
  let shared = 0;
  for (const w of left) if (right.has(w)) shared++;
  return shared / union;
}

/**
 * The learned entry a question is, if any: the same normalised form, else the closest one at or
 * above NEAR_IDENTICAL_OVERLAP (ties go to the earliest learned, so the answer never flips).
 */
export function findLearned<T extends { phrasing: string }>(
  question: string,
  learned: readonly T[],
): T | undefined {
  // Most workspaces have taught nothing, and every who-decides asks: skip the normalising then.
  if (learned.length === 0) return undefined;
  const phrasing = normalisePhrasing(question);
  if (!phrasing) return undefined;
  const exact = learned.find((l) => l.phrasing === phrasing);
  if (exact) return exact;
  let best: T | undefined;
  let bestOverlap = NEAR_IDENTICAL_OVERLAP;
  for (const l of learned) {
    const overlap = phrasingOverlap(phrasing, l.phrasing);
    if (overlap > bestOverlap || (overlap === bestOverlap && !best)) {
      best = l;
      bestOverlap = overlap;
    }
  }
  return best;
}
