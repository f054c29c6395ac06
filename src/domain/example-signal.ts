/**
 * One catalog's view of the shared example index: its example areas mapped onto this catalog's
 * areas. Examples belong to the default areas, so an area the workspace deleted gets none, and so
 * does a custom area (its keywords and learned phrasings are its signal), even one reusing an id.
 */
import type { DecisionArea } from "./catalog.ts";
import type { ExampleIndex } from "./example-index.ts";

/** The local areas (ids into the catalog) whose examples vouch for one term, and how strongly. */
export type ExampleEvidence = { readonly ids: Int32Array; readonly strength: Float64Array };

const NONE: ExampleEvidence = { ids: new Int32Array(0), strength: new Float64Array(0) };
/** Distinct terms whose mapped lookups are kept, as the matcher keeps its index lookups. */
const TERM_CACHE_LIMIT = 20_000;

export class ExampleSignal {
  /** Slot of the index → local area id, or -1. */
  private readonly idOf: Int32Array;
  private readonly lookups = new Map<string, ExampleEvidence>();

  constructor(
    private readonly index: ExampleIndex,
    areas: readonly DecisionArea[],
  ) {
    const slotById = new Map(index.areaIds.map((id, slot) => [id, slot]));
    this.idOf = new Int32Array(index.areaIds.length).fill(-1);
    areas.forEach((area, id) => {
      const slot = area.source === "custom" ? undefined : slotById.get(area.id);
      // The catalog holds each id once; should it not, the first area keeps the examples.
      if (slot !== undefined && this.idOf[slot] === -1) this.idOf[slot] = id;
    });
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
