/**
 * The matcher's second signal: the words of example questions (catalog/examples.yml). Keywords say
 * what an area is called; examples say how people describe the situation ("Sam keeps missing
 * standups, what do I do", "how do we keep people from walking"), so a question in words the
 * catalog lacks can still meet the words people use for the right area.
 *
 * Each area's examples are pooled into one profile: which words they use, and in how many of its
 * examples. A word vouches for an area in full when several of the area's examples use it and few
 * other areas' do. The out-of-domain examples are one more class: a word they use ("fridge",
 * "raffle") is shared with them, so it vouches less for any area, and a word only they use is no
 * better known than one nobody uses.
 *
 * Built once per process (it depends only on the file and the technology names) and shared by
 * every workspace's matcher, which maps the example areas onto its own catalog (example-signal.ts).
 */
import type { DecisionArea } from "./catalog.ts";
import { ExampleClassifier } from "./example-classifier.ts";
import type { ExampleQuestions } from "./example-questions.ts";
import { plainQuestion } from "./slack-text.ts";
import type { TechnologyLexicon } from "./technologies.ts";
import { words, wordTokens } from "./words.ts";

/**
 * A word counts in full for an area once this many of its examples use it: one example alone may
 * use it in passing ("who do I flag this to when I'm tired of the flaky build").
 */
const SATURATION = 2;

/**
 * Weaker than this, a word vouches for nothing: a word many areas' examples use ("new", "week")
 * would only add areas to score on every question, at no gain in accuracy on the first TUNE set.
 */
const MIN_STRENGTH = 0.2;

/** The example areas (by slot, see `areaIds`) whose examples use one term, and how strongly, 0..1. */
export type TermAreas = { readonly slots: Int32Array; readonly strength: Float64Array };

const NONE: TermAreas = { slots: new Int32Array(0), strength: new Float64Array(0) };

export class ExampleIndex {
  /** Area id of each slot, in the file's order. */
  readonly areaIds: readonly string[];
  /** Which class a whole question reads like: the areas by slot, then out of domain (slot `areaIds.length`). */
  readonly classifier: ExampleClassifier;
  /**
   * Whether a question reads like work at all: every area's examples and catalog text pooled
   * against the out-of-domain examples. Beside one class per area the out-of-domain one is one voice in many;
   * on its own it asks the question the decision to answer most needs answered. It reads pairs of
   * adjacent words too: on the TUNE sets, left out in turn, that answered about 3 in 100 more
   * questions right at the same number of owners claimed out of domain.
   */
  readonly domain: ExampleClassifier;
  private readonly byTerm = new Map<string, TermAreas>();

  /**
   * `areas` (the default catalog) adds each example area's title, description and keywords to the
   * classifier's training documents: the words the catalog uses are the area's too.
   */
  constructor(
    examples: ExampleQuestions,
    private readonly technologies?: TechnologyLexicon,
    areas: readonly DecisionArea[] = [],
  ) {
    this.areaIds = [...examples.areas.keys()];
    const outOfDomain = this.areaIds.length;
    const counts = new Map<string, Map<number, number>>();
    const exampleTerms = [...examples.areas.values(), examples.outOfDomain].map((questions) =>
      questions.map((q) => this.terms(q)),
    );
    const documents = exampleTerms.map((docs) => [...docs]);
    for (const area of areas) {
      const slot = this.areaIds.indexOf(area.id);
      if (slot >= 0)
        documents[slot]?.push(this.terms([area.title, area.description, ...area.keywords].join(" ")));
    }
    this.classifier = new ExampleClassifier(documents);
    this.domain = new ExampleClassifier(
      [documents.slice(0, outOfDomain).flat(), documents[outOfDomain] ?? []],
      { pairs: true },
    );
    exampleTerms.forEach((questions, slot) => {
      for (const questionTerms of questions) {
        for (const term of questionTerms) {
          const bySlot = counts.get(term) ?? new Map<number, number>();
          bySlot.set(slot, (bySlot.get(slot) ?? 0) + 1);
          counts.set(term, bySlot);
        }
      }
    });
    const classes = outOfDomain + 1;
    const maxWeight = Math.log(1 + classes);
    for (const [term, bySlot] of counts) {
      // How telling the word is: used by one class's examples only, or by many (idf over classes).
      const specificity = Math.log(1 + classes / bySlot.size) / maxWeight;
      const areas = [...bySlot].filter(
        ([slot, n]) => slot !== outOfDomain && Math.min(1, n / SATURATION) * specificity >= MIN_STRENGTH,
      );
      if (areas.length === 0) continue;
      this.byTerm.set(term, {
        slots: Int32Array.from(areas, ([slot]) => slot),
        strength: Float64Array.from(areas, ([, n]) => Math.min(1, n / SATURATION) * specificity),
      });
    }
  }

  /** A question's distinct terms, read the way the matcher reads it (Slack noise, technology names). */
  terms(question: string): string[] {
    const plain = words(plainQuestion(question));
    const out: string[] = [];
    for (const w of this.technologies?.rewrite(plain).words ?? plain) {
      for (const { term } of wordTokens(w)) if (!out.includes(term)) out.push(term);
    }
    return out;
  }

  /** The areas whose examples vouch for a term (none for a word only out-of-domain examples use). */
  areasFor(term: string): TermAreas {
    return this.byTerm.get(term) ?? NONE;
  }
}
