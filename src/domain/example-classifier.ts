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
  /** Per known term: log P(term | class) for every class, centred (softmax ignores a shared shift). */
  private readonly logLikelihood = new Map<string, Float64Array>();
  /**
   * Per known pair, first term → second term → its row in `pairRows`. Most pairs occur once, and
   * there are several times more of them than terms: one flat array and small-integer map values
   * keep them to a fraction of the memory a typed array each would take.
   */
  private readonly pairIndex = new Map<string, Map<string, number>>();
  private pairRows = new Float64Array(0);
  private nextPair = 0;
  private readonly pairs: boolean;

  /**
   * `documents[c]` holds class c's documents, each a list of distinct terms in the order written.
   * Classes get equal priors: how many examples someone wrote for an area says nothing about how
   * often it is asked.
   */
  constructor(documents: readonly (readonly (readonly string[])[])[], options: ClassifierOptions = {}) {
    this.classes = documents.length;
    this.pairs = options.pairs ?? false;
    const counts = new Map<string, Float64Array>();
    const pairCounts: number[] = [];
    const totals = new Float64Array(this.classes);
    const count = (row: Float64Array | number[], at: number, c: number) => {
      row[at + c] = ((row[at + c] as number | undefined) ?? 0) + 1;
      totals[c] = (totals[c] as number) + 1;
    };
    documents.forEach((docs, c) => {
      for (const doc of docs) {
        doc.forEach((term, i) => {
          let row = counts.get(term);
          if (!row) {
            row = new Float64Array(this.classes);
            counts.set(term, row);
          }
          count(row, 0, c);
          if (this.pairs && i > 0) count(pairCounts, this.pairRow(doc[i - 1] as string, term, true), c);
        });
      }
    });
    const pairTotal = pairCounts.length / this.classes;
    const vocabulary = counts.size + pairTotal;
    const logOf = (row: Float64Array, at: number) => {
      let mean = 0;
      for (let c = 0; c < this.classes; c++) {
        const n = row[at + c] ?? 0;
        const p = (n + SMOOTHING) / ((totals[c] as number) + SMOOTHING * vocabulary);
        row[at + c] = Math.log(p);
        mean += row[at + c] as number;
      }
      mean /= this.classes;
      for (let c = 0; c < this.classes; c++) row[at + c] = (row[at + c] as number) - mean;
    };
    for (const [term, row] of counts) {
      logOf(row, 0);
      this.logLikelihood.set(term, row);
    }
    this.pairRows = Float64Array.from({ length: pairCounts.length }, (_, i) => pairCounts[i] ?? 0);
    for (let at = 0; at < this.pairRows.length; at += this.classes) logOf(this.pairRows, at);
  }

  /** Where a pair's row starts in the pair rows; with `add`, a new pair gets the next row. */
  private pairRow(first: string, second: string, add: true): number;
  private pairRow(first: string, second: string, add?: false): number | undefined;
  private pairRow(first: string, second: string, add = false): number | undefined {
    let seconds = this.pairIndex.get(first);
    const found = seconds?.get(second);
    if (found !== undefined || !add) return found;
    if (!seconds) {
      seconds = new Map();
      this.pairIndex.set(first, seconds);
    }
    const row = this.nextPair++ * this.classes;
    seconds.set(second, row);
    return row;
  }

  /** True when some training document used the term. */
  knows(term: string): boolean {
    return this.logLikelihood.has(term);
  }

  /**
   * Writes each class's log-likelihood of the terms into `into` (length `classes`, up to a shift
   * shared by all classes) and returns how many of the terms the classifier knew.
   */
  score(terms: Iterable<string>, into: Float64Array): number {
    into.fill(0);
    let known = 0;
    let previous: string | undefined;
    for (const term of terms) {
      if (this.pairs && previous !== undefined) {
        const at = this.pairRow(previous, term);
        if (at !== undefined) {
          known++;
          for (let c = 0; c < this.classes; c++)
            into[c] = (into[c] as number) + (this.pairRows[at + c] as number);
        }
      }
      previous = term;
      const row = this.logLikelihood.get(term);
      if (!row) continue;
      known++;
      for (let c = 0; c < this.classes; c++) into[c] = (into[c] as number) + (row[c] as number);
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
