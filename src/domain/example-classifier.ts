/**
 * A multinomial naive Bayes text classifier over the example questions' terms: which area's
 * examples (or the out-of-domain ones) a question reads most like. The word-evidence signal
 * (example-index.ts) asks of each word alone whether it vouches for an area; the classifier weighs
 * every word of the question against every class at once, so a long message whose words each say a
 * little still adds up to one area, and a question that reads like office life says so.
 *
 * Training is counting (a few milliseconds for a few thousand questions), so it runs at start-up
 * rather than shipping weights. Each term keeps one vector of log-likelihoods, one entry per class,
 * so classifying is a sum of the question's few known terms' vectors and a softmax: no search over
 * the examples, and no allocation when the caller passes its own scratch array.
 *
 * With `pairs`, each two adjacent terms also count as one more term ("product" then "negative"):
 * a word's neighbour tells its sense apart ("architect's model" in the lobby, "director's cut" of a
 * film) where the word alone reads like work.
 */

/**
 * Laplace smoothing: a term a class's documents never use still gets this many pseudo-counts there,
 * so one unseen word cannot rule a class out.
 */
const SMOOTHING = 0.2;

export type ClassifierOptions = {
  /** Also count each two adjacent terms of a document or question as one term. */
  readonly pairs?: boolean;
};

export class ExampleClassifier {
  /** Number of classes: the areas' slots, then the out-of-domain class last. */
  readonly classes: number;
  /** Per known term, its index: its row of log P(term | class) in `rows` starts at index × classes. */
  private readonly termIndex = new Map<string, number>();
  /** Every known term's row, centred (softmax ignores a shared shift), in one flat array. */
  private readonly rows: Float64Array;
  /**
   * Per known pair, keyed by its two terms' indexes (first × terms + second), its row in
   * `pairRows`. Pairs outnumber terms several times over and most occur once: number keys (small
   * integers while there are fewer than 32,768 terms) and one
   * flat array keep them to a fraction of the memory of a string key and a typed array each.
   */
  private readonly pairIndex = new Map<number, number>();
  private readonly pairRows: Float64Array;
  private readonly pairs: boolean;

  /**
   * `documents[c]` holds class c's documents, each a list of distinct terms in the order written.
   * Classes get equal priors: how many examples someone wrote for an area says nothing about how
   * often it is asked.
   */
  constructor(documents: readonly (readonly (readonly string[])[])[], options: ClassifierOptions = {}) {
    const classes = documents.length;
    this.classes = classes;
    this.pairs = options.pairs ?? false;
    const totals = new Float64Array(classes);
    /** One more use in class c of the entry `key` names in `index` (a new key gets the next row). */
    const tally = <K>(index: Map<K, number>, counts: number[], key: K, c: number) => {
      let row = index.get(key);
      if (row === undefined) {
        row = index.size;
        index.set(key, row);
      }
      counts[row * classes + c] = (counts[row * classes + c] ?? 0) + 1;
      totals[c] = (totals[c] as number) + 1;
    };
    const counts: number[] = [];
    documents.forEach((docs, c) => {
      for (const doc of docs) for (const term of doc) tally(this.termIndex, counts, term, c);
    });
    // Pairs once every term has its index, so that a pair's key is known from its terms alone.
    const terms = this.termIndex.size;
    const pairCounts: number[] = [];
    const indexOf = (term: string) => this.termIndex.get(term) as number;
    if (this.pairs)
      documents.forEach((docs, c) => {
        for (const doc of docs)
          for (let i = 1; i < doc.length; i++)
            tally(
              this.pairIndex,
              pairCounts,
              this.pairKey(indexOf(doc[i - 1] as string), indexOf(doc[i] as string)),
              c,
            );
      });
    const vocabulary = terms + this.pairIndex.size;
    const logLikelihoods = (raw: number[], n: number) => {
      const out = new Float64Array(n * classes);
      for (let at = 0; at < out.length; at += classes) {
        let mean = 0;
        for (let c = 0; c < classes; c++) {
          const p = ((raw[at + c] ?? 0) + SMOOTHING) / ((totals[c] as number) + SMOOTHING * vocabulary);
          out[at + c] = Math.log(p);
          mean += out[at + c] as number;
        }
        mean /= classes;
        for (let c = 0; c < classes; c++) out[at + c] = (out[at + c] as number) - mean;
      }
      return out;
    };
    this.rows = logLikelihoods(counts, terms);
    this.pairRows = logLikelihoods(pairCounts, this.pairIndex.size);
  }

  /** The key of a pair of known terms, from their indexes. */
  private pairKey(first: number, second: number): number {
    return first * this.termIndex.size + second;
  }

  /** True when some training document used the term. */
  knows(term: string): boolean {
    return this.termIndex.has(term);
  }

  /**
   * Writes each class's log-likelihood of the terms into `into` (length `classes`, up to a shift
   * shared by all classes) and returns how many of the terms (and, with `pairs`, of their adjacent
   * pairs) the classifier knew.
   */
  score(terms: Iterable<string>, into: Float64Array): number {
    into.fill(0);
    const classes = this.classes;
    let known = 0;
    let previous = -1;
    for (const term of terms) {
      const index = this.termIndex.get(term);
      if (index === undefined) {
        previous = -1;
        continue;
      }
      if (this.pairs && previous >= 0) {
        const row = this.pairIndex.get(this.pairKey(previous, index));
        if (row !== undefined) {
          known++;
          const at = row * classes;
          for (let c = 0; c < classes; c++) into[c] = (into[c] as number) + (this.pairRows[at + c] as number);
        }
      }
      previous = index;
      known++;
      const at = index * classes;
      for (let c = 0; c < classes; c++) into[c] = (into[c] as number) + (this.rows[at + c] as number);
    }
    return known;
  }

  /**
   * Writes P(class | terms) into `into` and returns how many of the terms the classifier knew; with
   * none, every class gets the same share. See `posterior` for `temperature`.
   */
  classify(terms: Iterable<string>, into: Float64Array, temperature = 1): number {
    const known = this.score(terms, into);
    posterior(into, into, temperature);
    return known;
  }
}

/**
 * The softmax of log-likelihoods (`scores`) into `into` (which may be `scores`). `temperature` above
 * 1 softens it: naive Bayes counts correlated words as independent evidence and is overconfident.
 */
export function posterior(scores: Float64Array, into: Float64Array, temperature: number): void {
  let max = Number.NEGATIVE_INFINITY;
  for (const s of scores) max = Math.max(max, s);
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    const e = Math.exp(((scores[c] as number) - max) / temperature);
    into[c] = e;
    sum += e;
  }
  for (let c = 0; c < into.length; c++) into[c] = (into[c] as number) / sum;
}
