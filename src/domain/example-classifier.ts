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
 */

/**
 * Laplace smoothing: a term a class's documents never use still gets this many pseudo-counts there,
 * so one unseen word cannot rule a class out.
 */
const SMOOTHING = 0.2;

export class ExampleClassifier {
  /** Number of classes: the areas' slots, then the out-of-domain class last. */
  readonly classes: number;
  /** Per known term: log P(term | class) for every class, centred (softmax ignores a shared shift). */
  private readonly logLikelihood = new Map<string, Float64Array>();

  /**
   * `documents[c]` holds class c's documents, each a list of distinct terms. Classes get equal
   * priors: how many examples someone wrote for an area says nothing about how often it is asked.
   */
  constructor(documents: readonly (readonly (readonly string[])[])[]) {
    this.classes = documents.length;
    const counts = new Map<string, Float64Array>();
    const totals = new Float64Array(this.classes);
    documents.forEach((docs, c) => {
      for (const doc of docs) {
        for (const term of doc) {
          let row = counts.get(term);
          if (!row) {
            row = new Float64Array(this.classes);
            counts.set(term, row);
          }
          row[c] = (row[c] as number) + 1;
          totals[c] = (totals[c] as number) + 1;
        }
      }
    });
    const vocabulary = counts.size;
    for (const [term, row] of counts) {
      let mean = 0;
      for (let c = 0; c < this.classes; c++) {
        const p = ((row[c] as number) + SMOOTHING) / ((totals[c] as number) + SMOOTHING * vocabulary);
        row[c] = Math.log(p);
        mean += row[c] as number;
      }
      mean /= this.classes;
      for (let c = 0; c < this.classes; c++) row[c] = (row[c] as number) - mean;
      this.logLikelihood.set(term, row);
    }
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
    for (const term of terms) {
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
