/**
 * One catalog's view of the shared example index: its example areas mapped onto this catalog's
 * areas. Examples belong to the default areas, so an area the workspace deleted gets none, and so
 * does a custom area (its keywords and learned phrasings are its signal), even one reusing an id.
 */
import type { DecisionArea } from "./catalog.ts";
import { posterior } from "./example-classifier.ts";
import type { ExampleIndex } from "./example-index.ts";

/** The local areas (ids into the catalog) whose examples vouch for one term, and how strongly. */
export type ExampleEvidence = { readonly ids: Int32Array; readonly strength: Float64Array };

const NONE: ExampleEvidence = { ids: new Int32Array(0), strength: new Float64Array(0) };
/** Distinct terms whose mapped lookups are kept, as the matcher keeps its index lookups. */
const TERM_CACHE_LIMIT = 20_000;

/** What the classifier makes of one question, for this catalog's areas (see `classify`). */
export type ExampleReading = {
  /** The local area the question reads most like, or -1 (no term known, or no area of this catalog). */
  top: number;
  /** P(out of domain | question). */
  outOfDomain: number;
  /**
   * log P(work | question) − log P(out of domain | question) from the two-class reading
   * (`ExampleIndex.domain`); 0 when it knows none of the words.
   */
  domainLogOdds: number;
};

export class ExampleSignal {
  /** Slot of the index → local area id, or -1. */
  private readonly idOf: Int32Array;
  /** Local area id → slot of the index, or -1. */
  private readonly slotOf: Int32Array;
  private readonly lookups = new Map<string, ExampleEvidence>();
  /** The local areas that have examples (a share of the classifier), in id order. */
  readonly areasWithExamples: Int32Array;
  /** The last question's class log-likelihoods and posteriors, by slot; reused so that classifying allocates nothing. */
  private readonly scores: Float64Array;
  private readonly posterior: Float64Array;
  private readonly domainScores = new Float64Array(2);
  private readonly terms: string[] = [];
  private domainLogOdds = 0;
  private known = 0;

  constructor(
    private readonly index: ExampleIndex,
    areas: readonly DecisionArea[],
  ) {
    const slotById = new Map(index.areaIds.map((id, slot) => [id, slot]));
    this.idOf = new Int32Array(index.areaIds.length).fill(-1);
    this.slotOf = new Int32Array(areas.length).fill(-1);
    areas.forEach((area, id) => {
      const slot = area.source === "custom" ? undefined : slotById.get(area.id);
      // The catalog holds each id once; should it not, the first area keeps the examples.
      if (slot !== undefined && this.idOf[slot] === -1) {
        this.idOf[slot] = id;
        this.slotOf[id] = slot;
      }
    });
    this.areasWithExamples = Int32Array.from(this.slotOf.keys()).filter(
      (id) => (this.slotOf[id] as number) >= 0,
    );
    this.scores = new Float64Array(index.classifier.classes);
    this.posterior = new Float64Array(index.classifier.classes);
  }

  /**
   * Classifies a question's terms; `posteriorOf` then reads each area's share until the next call.
   * An area this catalog lacks keeps its share: a question that reads like a deleted area's
   * examples is not thereby about another one.
   */
  classify(terms: Iterable<string>, temperature: number): ExampleReading {
    // Both classifiers read the terms, and the matcher passes a Map's keys, which read only once;
    // they are copied into one reused array, so classifying still allocates nothing.
    const list = this.terms;
    list.length = 0;
    for (const term of terms) list.push(term);
    this.known = this.index.classifier.score(list, this.scores);
    const domainKnown = this.index.domain.score(list, this.domainScores);
    this.domainLogOdds =
      domainKnown > 0 ? (this.domainScores[0] as number) - (this.domainScores[1] as number) : 0;
    return this.soften(temperature);
  }

  /** The last question's posteriors again at another temperature (`posteriorOf` reads these). */
  soften(temperature: number): ExampleReading {
    const known = this.known;
    if (known > 0) posterior(this.scores, this.posterior, temperature);
    else this.posterior.fill(0);
    let top = -1;
    let best = 0;
    if (known > 0) {
      for (let slot = 0; slot < this.idOf.length; slot++) {
        const id = this.idOf[slot] as number;
        const p = this.posterior[slot] as number;
        if (id >= 0 && p > best) {
          top = id;
          best = p;
        }
      }
    }
    return {
      top,
      outOfDomain: known > 0 ? (this.posterior[this.idOf.length] as number) : 0,
      domainLogOdds: this.domainLogOdds,
    };
  }

  /** P(area | question) of a local area after `classify`; 0 for an area without examples. */
  posteriorOf(id: number): number {
    const slot = this.slotOf[id] ?? -1;
    return slot >= 0 ? (this.posterior[slot] as number) : 0;
  }

  /** The areas of this catalog whose examples use a term, worked out once per term. */
  evidence(term: string): ExampleEvidence {
    let found = this.lookups.get(term);
    if (found) return found;
    if (this.lookups.size >= TERM_CACHE_LIMIT) this.lookups.clear();
    const { slots, strength } = this.index.areasFor(term);
    const kept: number[] = [];
    for (let i = 0; i < slots.length; i++) if ((this.idOf[slots[i] as number] as number) >= 0) kept.push(i);
    found =
      kept.length === 0
        ? NONE
        : {
            ids: Int32Array.from(kept, (i) => this.idOf[slots[i] as number] as number),
            strength: Float64Array.from(kept, (i) => strength[i] as number),
          };
    this.lookups.set(term, found);
    return found;
  }

  /** True when the examples of some area of this catalog use the term. */
  knows(term: string): boolean {
    return this.evidence(term).ids.length > 0;
  }
}
