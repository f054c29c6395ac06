/**
 * One workspace's view of the shared example index: its example areas mapped onto this catalog.
 * Examples belong to the default areas, so an area the workspace deleted gets none, and so does a
 * custom area (its keywords and learned phrasings are its signal), even one reusing a default id.
 */
import type { ExampleFeatures } from "./answer-calibration.ts";
import type { DecisionArea } from "./catalog.ts";
import type { ExampleIndex, ExampleVote } from "./example-index.ts";

/** How much nearness to an area's examples adds to its ranking score (keyword coverage is 0..1). */
const EXAMPLE_WEIGHT = Number(process.env.EXW ?? 0.6);

export class ExampleSignal {
  /** Local area id → slot of the index, or -1. */
  private readonly slotOf: Int32Array;
  /** Slot of the index → local area id, or -1. */
  private readonly idOf: Int32Array;
  private readonly view: ExampleSearch;

  constructor(
    private readonly index: ExampleIndex,
    private readonly areas: readonly DecisionArea[],
  ) {
    const slotById = new Map(index.areaIds.map((id, slot) => [id, slot]));
    this.slotOf = new Int32Array(areas.length).fill(-1);
    this.idOf = new Int32Array(index.areaIds.length).fill(-1);
    areas.forEach((area, id) => {
      const slot = area.source === "custom" ? undefined : slotById.get(area.id);
      // The first area with an id wins, as the catalog holds each id once.
      if (slot === undefined || (this.idOf[slot] as number) >= 0) return;
      this.slotOf[id] = slot;
      this.idOf[slot] = id;
    });
    this.view = new ExampleSearch(this);
  }

  /** Searches the examples for a question's words (cleaned, technology names rewritten); valid until the next search. */
  search(questionWords: readonly string[]): ExampleSearch {
    const terms = this.index.termsOfWords(questionWords);
    this.view.load(this.index.search(terms), terms);
    return this.view;
  }

  /** @internal */
  slot(id: number): number {
    return this.slotOf[id] ?? -1;
  }

  /** @internal */
  id(slot: number): number {
    return this.idOf[slot] ?? -1;
  }

  /** @internal */
  decider(id: number): string | undefined {
    return this.areas[id]?.decider;
  }

  /** @internal */
  shared(slot: number, terms: readonly string[]): string[] {
    return this.index.sharedTerms(slot, terms);
  }
}

/** One question's nearness to the examples, by local area id. */
export class ExampleSearch {
  private vote: ExampleVote | undefined;
  private terms: readonly string[] = [];

  constructor(private readonly signal: ExampleSignal) {}

  /** @internal */
  load(vote: ExampleVote, terms: readonly string[]): void {
    this.vote = vote;
    this.terms = terms;
  }

  /** Calls `fn` with every local area whose examples use a word of the question. */
  forEachReached(fn: (id: number) => void): void {
    const vote = this.vote;
    if (!vote) return;
    for (let i = 0; i < vote.reachedCount; i++) {
      const id = this.signal.id(vote.reached[i] as number);
      if (id >= 0) fn(id);
    }
  }

  /** The weighted share of the question's words that the area's examples use, 0..1. */
  nearness(id: number): number {
    const slot = this.signal.slot(id);
    return slot >= 0 && this.vote ? this.vote.nearness(slot) : 0;
  }

  /** What nearness to the area's examples adds to its ranking score. */
  score(id: number): number {
    return EXAMPLE_WEIGHT * this.nearness(id);
  }

  /** The question's terms that the area's examples use. */
  sharedTerms(id: number): string[] {
    const slot = this.signal.slot(id);
    return slot >= 0 ? this.signal.shared(slot, this.terms) : [];
  }

  get outOfDomain(): number {
    return this.vote?.outOfDomain ?? 0;
  }

  /** The highest nearness over reached areas, overall (with its decider) and among those another role decides. */
  nearestElsewhere(decider: string): { overall: number; overallDecider: string | undefined; rival: number } {
    let overall = 0;
    let overallDecider: string | undefined;
    let rival = 0;
    this.forEachReached((id) => {
      const near = this.nearness(id);
      const d = this.signal.decider(id);
      if (near > overall) [overall, overallDecider] = [near, d];
      if (d !== decider && near > rival) rival = near;
    });
    return { overall, overallDecider, rival };
  }
}

/** The example measurements of the decision to answer, for the top-ranked area (zeros without examples). */
export function exampleFeatures(
  search: ExampleSearch | undefined,
  top: readonly { id: number; area: DecisionArea }[],
): ExampleFeatures {
  const first = top[0];
  if (!search || !first) return { example: 0, exampleMargin: 0, exampleAgree: 0, outOfDomain: 0 };
  const near = search.nearness(first.id);
  const elsewhere = search.nearestElsewhere(first.area.decider);
  return {
    example: near,
    exampleMargin: near - elsewhere.rival,
    exampleAgree: elsewhere.overall > 0 && elsewhere.overallDecider === first.area.decider ? 1 : 0,
    outOfDomain: search.outOfDomain,
  };
}
