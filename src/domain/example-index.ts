/**
 * The matcher's second signal: the words of example questions (catalog/examples.yml). Keywords say
 * what an area is called; examples say how people describe the situation ("Sam keeps missing
 * standups, what do I do"), so a question in words the catalog lacks can still meet the words
 * people use for the right area. The out-of-domain examples are one more class, whose words are
 * evidence against claiming any owner.
 *
 * Each area's examples are pooled into one profile: which words they use, and in how many of its
 * examples. A question's nearness to an area is then, like the keyword confidence, the weighted
 * share of its words that the area's examples use, each word weighted by how few areas use it.
 * Pooling is steadier than the nearest single example: a question rarely repeats one example, but
 * its words are usually spread over several of the right area's.
 *
 * Built once per process (it depends only on the file and the technology names) and shared by
 * every workspace's matcher, which maps the example areas onto its own catalog. A search walks the
 * few areas of each of the question's terms, in preallocated arrays.
 */
import type { ExampleQuestions } from "./example-questions.ts";
import { plainQuestion } from "./slack-text.ts";
import type { TechnologyLexicon } from "./technologies.ts";
import { words, wordTokens } from "./words.ts";

/**
 * A word counts in full for an area once this many of its examples use it: one example alone may
 * use it in passing ("who do I flag this to when I'm tired of the flaky build").
 */
const SATURATION = Number(process.env.SAT ?? 2);
/** A word no example uses weighs this share of the rarest word's weight: it makes every area less near. */
const UNKNOWN_WEIGHT = Number(process.env.UNK ?? 0.6);

/** Per term: the classes (area slots, and the out-of-domain slot) whose examples use it, and how strongly. */
type Posting = { slots: Int32Array; strength: Float64Array; weight: number };

/**
 * The result of the last `search`, valid until the next one: per example area (by slot, see
 * `areaIds`), the share of the question's weighted words its examples use, 0..1.
 */
export interface ExampleVote {
  nearness(slot: number): number;
  /** The same share for the out-of-domain examples. */
  readonly outOfDomain: number;
  /** Slots reached by at least one word, the out-of-domain slot excluded, in no particular order. */
  readonly reached: Int32Array;
  readonly reachedCount: number;
}

export class ExampleIndex implements ExampleVote {
  /** Area id of each slot, in the file's order; the out-of-domain class is the slot after the last. */
  readonly areaIds: readonly string[];
  private readonly oodSlot: number;
  private readonly postings = new Map<string, Posting>();
  /** Per slot, the terms its examples use (to say which words of a question an area's examples share). */
  private readonly vocabulary: ReadonlySet<string>[];
  private readonly unknownWeight: number;

  // Scratch of one search, reused: no allocation per question beyond its term list.
  private readonly scores: Float64Array;
  private readonly reachedSlots: Int32Array;
  private readonly isReached: Uint8Array;
  private reachedN = 0;
  private total = 0;

  constructor(
    examples: ExampleQuestions,
    private readonly technologies?: TechnologyLexicon,
  ) {
    this.areaIds = [...examples.areas.keys()];
    this.oodSlot = this.areaIds.length;
    const classes = [...examples.areas.values(), examples.outOfDomain];
    const counts = new Map<string, Map<number, number>>();
    this.vocabulary = classes.map((questions, slot) => {
      const used = new Set<string>();
      for (const q of questions) {
        for (const term of this.terms(q)) {
          used.add(term);
          const bySlot = counts.get(term) ?? new Map<number, number>();
          bySlot.set(slot, (bySlot.get(slot) ?? 0) + 1);
          counts.set(term, bySlot);
        }
      }
      return used;
    });
    const n = classes.length;
    for (const [term, bySlot] of counts) {
      this.postings.set(term, {
        slots: Int32Array.from(bySlot.keys()),
        strength: Float64Array.from(bySlot.values(), (c) => Math.min(1, c / SATURATION)),
        weight: Math.log(1 + n / bySlot.size),
      });
    }
    this.unknownWeight = UNKNOWN_WEIGHT * Math.log(1 + n);
    this.scores = new Float64Array(n);
    this.reachedSlots = new Int32Array(n);
    this.isReached = new Uint8Array(n);
  }

  /** A question's distinct terms, read the way the matcher reads it (Slack noise, technology names). */
  terms(question: string): string[] {
    const plain = words(plainQuestion(question));
    return this.termsOfWords(this.technologies?.rewrite(plain).words ?? plain);
  }

  /** Distinct terms of words already cleaned and rewritten (the matcher passes its own). */
  termsOfWords(ws: readonly string[]): string[] {
    const out: string[] = [];
    for (const w of ws) {
      for (const { term } of wordTokens(w)) if (!out.includes(term)) out.push(term);
    }
    return out;
  }

  /** Scores every class using a word of the question; read the result through `ExampleVote`. */
  search(queryTerms: readonly string[]): ExampleVote {
    for (let i = 0; i < this.reachedN; i++) {
      const slot = this.reachedSlots[i] as number;
      this.scores[slot] = 0;
      this.isReached[slot] = 0;
    }
    this.scores[this.oodSlot] = 0;
    this.reachedN = 0;
    let total = 0;
    for (const term of queryTerms) {
      const posting = this.postings.get(term);
      if (!posting) {
        total += this.unknownWeight;
        continue;
      }
      total += posting.weight;
      for (let i = 0; i < posting.slots.length; i++) {
        const slot = posting.slots[i] as number;
        this.scores[slot] = (this.scores[slot] as number) + posting.weight * (posting.strength[i] as number);
        if (slot !== this.oodSlot && !this.isReached[slot]) {
          this.isReached[slot] = 1;
          this.reachedSlots[this.reachedN++] = slot;
        }
      }
    }
    this.total = total;
    return this;
  }

  nearness(slot: number): number {
    return this.total > 0 ? (this.scores[slot] ?? 0) / this.total : 0;
  }

  get outOfDomain(): number {
    return this.nearness(this.oodSlot);
  }

  get reached(): Int32Array {
    return this.reachedSlots;
  }

  get reachedCount(): number {
    return this.reachedN;
  }

  /** The terms of a question that an area's examples use. */
  sharedTerms(slot: number, queryTerms: readonly string[]): string[] {
    const used = this.vocabulary[slot];
    return used ? queryTerms.filter((t) => used.has(t)) : [];
  }
}
