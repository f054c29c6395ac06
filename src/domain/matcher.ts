import MiniSearch, { type SearchResult } from "minisearch";
import SearchableMap from "minisearch/SearchableMap";
import { type AnswerCalibration, type AnswerFeatures, shouldAnswer } from "./answer-calibration.ts";
import type { DecisionArea } from "./catalog.ts";
import type { ExampleIndex } from "./example-index.ts";
import { type ExampleEvidence, type ExampleReading, ExampleSignal } from "./example-signal.ts";
import { plainQuestion } from "./slack-text.ts";
import type { TechnologyLexicon } from "./technologies.ts";
import { CONTEXT_TERMS, terms, wordGroups, words, wordTokens } from "./words.ts";

/** What the matcher knows beyond the areas; without it, the fixed CONFIDENCE_THRESHOLD decides. */
export type MatcherOptions = {
  technologies?: TechnologyLexicon;
  calibration?: AnswerCalibration;
  /** Example questions of the default areas (catalog/examples.yml): words they use count as evidence. */
  examples?: ExampleIndex;
};

export type AreaMatch = {
  area: DecisionArea;
  /** Ranking score: comparable within one question only. */
  score: number;
  /** Share of the question's meaningful words this area explains, 0..1. */
  confidence: number;
  /** The question's words (normalised, typo-corrected) that this area matched. */
  matchedTerms: string[];
};

export type MatchResult = {
  question: string;
  /** Null when no area explains the question well enough: never invent an owner. */
  best: AreaMatch | null;
  /** Top few areas, best first, whatever their confidence ("closest areas"). */
  ranked: AreaMatch[];
  /** Up to two runners-up scoring close to `best` (empty when `best` is null). */
  alternatives: AreaMatch[];
  /** The measurements the decision to answer was made from (null when no area was reached). */
  features: AnswerFeatures | null;
};

/**
 * Below this, the question is mostly about something the catalog does not cover (lunch, offsite
 * parties, wifi) and claiming an owner would be a guess. Confidence is the weighted share of the
 * question an area explains, so 0.55 asks for clearly more than half: one solid keyword next to two
 * words the catalog has never seen ("who's hosting the summer party") sits at 0.5 and is refused,
 * while one solid keyword next to one unknown word (0.67) or a product noun (~0.8) is accepted.
 */
export const CONFIDENCE_THRESHOLD = 0.55;
/**
 * A question that asks for a decision or an owner, however indirectly; small talk mostly does not.
 * A bare question mark does not count: nearly every message has one, jokes and trivia too, and
 * without it the feature answered about 5 in 100 more TUNE questions right, each set left out in turn.
 */
const ASK =
  /\b(?:who|whom|whose|which|should|shall|decides?|decided|call|approves?|sign(?:s|ing)? off|owns?|in charge|responsible|remit|convince|go to|last word|can (?:we|i)|do (?:we|i)|is it (?:ok|fine|worth))\b/i;
/** A runner-up within this fraction of the best score is offered as an alternative. */
const ALTERNATIVE_RATIO = 0.8;
/**
 * Log-odds of work over out of domain at which the `domain` feature is about three quarters of the
 * way to 1. The calibration's `domain` weight was fitted at this scale: change it only with a refit
 * (8 did better on TUNE than 4 or 16).
 */
const DOMAIN_LOG_ODDS_SCALE = 8;
const RANKED_LIMIT = 5;
/** A word reached only through typo correction or a prefix is weaker evidence than an exact hit. */
const FUZZY_QUALITY = 0.8;
const PREFIX_QUALITY = 0.6;
/** Descriptions are prose, so a word found only there is weaker evidence than a curated keyword. */
const DESCRIPTION_QUALITY = 0.5;
/**
 * A word the area's example questions use, at its strongest (several of them use it, few other
 * areas' do): a little more than a description word, less than a curated keyword.
 */
const EXAMPLE_QUALITY = 0.6;
/** One word of a multi-word keyword, without the rest of the phrase in the question. */
const PARTIAL_PHRASE_QUALITY = 0.4;
/**
 * Weight of a word the catalog has never seen, relative to the rarest known word. Below 1 because
 * in-domain questions name their own things ("the billing service"); above 0 because a question
 * made mostly of such words (lunch, wifi, offsite) is about something else.
 */
const UNKNOWN_WEIGHT = 0.5;

/** How much a context word (see CONTEXT_TERMS) the area does not mention counts against it. */
const CONTEXT_WEIGHT = 0.3;
/** Discount on words explained by another top area with the same decider. */
const SAME_DECIDER_SUPPORT = 0.6;

/** Per area: which terms count in full on their own, and which only inside a keyword phrase. */
type AreaTerms = {
  /** Terms of one-word keywords (and of one-word titles). */
  strong: Set<string>;
  /** Terms of multi-word keywords: "party" alone is not "third party". */
  phrases: Map<string, string[][]>;
};

/** `weight` counts when the word matches; `missWeight` when it does not (lower for context words). */
type QueryTerm = { word: string; weight: number; missWeight: number; quality: number };
type Hit = AreaMatch & { evidence: Map<string, number> };
/**
 * Per area reached by a question: what MiniSearch's OR query over its terms would report, the
 * area terms matched being kept as the lookups' own lists (read-only, possibly overlapping).
 */
type Combined = { score: number; queryTerms: number; termLists: string[][] };
/** An area reached only through its example questions. */
const EXAMPLES_ONLY: Combined = { score: 0, queryTerms: 0, termLists: [] };

/** Without a fitted ranking (no calibration, or an older file), the classifier only informs the decision. */
const NO_RANKING = { classifierWeight: 0, temperature: 1, featureTemperature: 1 };
/** What the classifier said when there are no example questions. */
const NO_READING: ExampleReading = { top: -1, outOfDomain: 0, domainLogOdds: 0 };

/** Distinct terms whose index lookups are kept; questions share most of their words. */
const TERM_CACHE_LIMIT = 20_000;

/**
 * Finds the decision area a free-text question is about. The index is built once per catalog;
 * `match` then costs a tokenise, a MiniSearch lookup and some arithmetic over the few hits.
 *
 * Confidence is coverage: the idf-weighted share of the question's meaningful words that the area
 * explains, each word counted by how solid the match is (a keyword of its own, a completed phrase,
 * a lone word of a phrase, a description word, a prefix or a typo fix). Ranking is by coverage too,
 * with MiniSearch's BM25 score breaking near-ties.
 */
export class AreaMatcher {
  private readonly areas: readonly DecisionArea[];
  private readonly areaTerms: AreaTerms[];
  private readonly index: MiniSearch;
  /** In how many areas each term occurs: rare terms say more about the subject. */
  private readonly docFreq = new Map<string, number>();
  /** Terms that are a one-word keyword somewhere; the rest are known only from prose or phrases. */
  private readonly keywordTerms = new Set<string>();
  /** Every meaningful word of the catalog as written, for typo correction with a bounded edit distance. */
  private readonly vocabulary = new SearchableMap<string>();
  /** One index lookup per distinct query term (see `search`). */
  private readonly termLookups = new Map<string, SearchResult[]>();
  /** Typo corrections already worked out, by word; undefined when a word has none. */
  private readonly corrections = new Map<string, string | undefined>();

  private readonly options: MatcherOptions;
  /** The example questions' words, for the areas of this catalog that have examples. */
  private readonly examples: ExampleSignal | undefined;
  /** Per decider, the classifier's share for the question being matched (reused between questions). */
  /** Each area's decider, as an index into `deciders`; with `shares`, summed per decider without a Map. */
  private readonly deciderOf: Int32Array;
  private readonly deciders: string[] = [];
  private readonly deciderShares: Float64Array;

  constructor(areas: readonly DecisionArea[], options: MatcherOptions = {}) {
    this.areas = areas;
    this.deciderOf = Int32Array.from(areas, (area) => {
      const known = this.deciders.indexOf(area.decider);
      return known >= 0 ? known : this.deciders.push(area.decider) - 1;
    });
    this.deciderShares = new Float64Array(this.deciders.length);
    this.options = options;
    this.index = new MiniSearch({
      fields: ["title", "keywords", "description"],
      // Every text reaching the index (catalog fields and queries) is already a list of terms.
      tokenize: (text) => text.split(" "),
      processTerm: (term) => term,
      searchOptions: {
        boost: { keywords: 2, title: 1.5, description: 1 },
        prefix: (term) => term.length >= 5,
        combineWith: "OR",
      },
    });
    this.areaTerms = [];
    const vocabulary = new Set<string>();
    const docs = areas.map((area, id) => {
      const [title = [], description = [], ...keywords] = wordGroups([
        area.title,
        area.description,
        ...area.keywords,
      ]);
      const strong = new Set<string>();
      const phrases = new Map<string, string[][]>();
      // The title is one more phrase: its words count in full only together.
      for (const phrase of [title, ...keywords]) {
        const terms = [...new Set(phrase.flatMap(wordTokens).map((t) => t.term))];
        if (terms.length === 1 && terms[0]) strong.add(terms[0]);
        if (terms.length < 2) continue;
        for (const term of terms) phrases.set(term, [...(phrases.get(term) ?? []), terms]);
      }
      this.areaTerms.push({ strong, phrases });
      for (const term of strong) this.keywordTerms.add(term);

      const allTerms = new Set<string>();
      for (const word of [...title, ...description, ...keywords.flat()]) {
        const tokens = wordTokens(word);
        if (tokens.length > 0) vocabulary.add(word);
        for (const t of tokens) allTerms.add(t.term);
      }
      for (const term of allTerms) this.docFreq.set(term, (this.docFreq.get(term) ?? 0) + 1);
      const field = (ws: string[]) => terms(ws).join(" ");
      return { id, title: field(title), keywords: field(keywords.flat()), description: field(description) };
    });
    this.index.addAll(docs);
    for (const word of vocabulary) this.vocabulary.set(word, word);
    this.examples = options.examples && new ExampleSignal(options.examples, areas);
  }

  match(question: string): MatchResult {
    const plain = words(plainQuestion(question));
    const rewritten = this.options.technologies?.rewrite(plain) ?? { words: plain, names: 0 };
    const query = this.queryTerms(rewritten.words);
    const empty: MatchResult = { question, best: null, ranked: [], alternatives: [], features: null };
    if (query.size === 0) return empty;

    // Every area the question reaches is scored; only the top few need their evidence kept, so
    // the rest reuse one scratch map (a question can reach hundreds of areas).
    const scratch = new Map<string, number>();
    // Only the best few are kept as they come, rather than sorting every area reached.
    const scored = new BestFirst(RANKED_LIMIT);
    const combined = this.search(query);
    // The question's words that some area's example questions use, looked up once per question.
    const exampleHits: [string, ExampleEvidence][] = [];
    if (this.examples) {
      for (const term of query.keys()) {
        const hit = this.examples.evidence(term);
        if (hit.ids.length === 0) continue;
        exampleHits.push([term, hit]);
        for (const id of hit.ids) if (!combined.has(id)) combined.set(id, EXAMPLES_ONLY);
      }
    }
    const ranking = this.options.calibration?.ranking ?? NO_RANKING;
    let reading = this.examples?.classify(query.keys(), ranking.temperature) ?? NO_READING;
    // The area the question reads most like is scored even when none of its words is evidence.
    if (reading.top >= 0 && !combined.has(reading.top)) combined.set(reading.top, EXAMPLES_ONLY);
    for (const [id, result] of combined) {
      if (!this.evidence(id, result, query, scratch, exampleHits)) continue;
      const confidence = coverage(query, scratch);
      const posterior = this.examples?.posteriorOf(id) ?? 0;
      scored.offer(
        id,
        confidence + 0.05 * Math.log1p(result.score) + ranking.classifierWeight * posterior,
        confidence,
      );
    }

    const top: Hit[] = scored.items.map(({ id, score, confidence }) => {
      const evidence = new Map<string, number>();
      this.evidence(id, combined.get(id) as Combined, query, evidence, exampleHits);
      const matchedTerms = [...evidence.keys()].map((t) => query.get(t)?.word ?? t);
      return { area: this.areas[id] as DecisionArea, score, confidence, matchedTerms, evidence };
    });
    // "Who prioritises the backlog" spreads over two product areas; words explained by another
    // top area with the same decider back up the claim about that decider, at a discount.
    const ranked: AreaMatch[] = top.map((m) => ({
      area: m.area,
      score: m.score,
      confidence: Math.max(m.confidence, supportedCoverage(query, m, top)),
      matchedTerms: m.matchedTerms,
    }));
    const best = ranked[0];
    const named = top[0] && [...top[0].evidence.keys()].some((t) => !CONTEXT_TERMS.has(t));
    if (this.examples && ranking.featureTemperature !== ranking.temperature) {
      reading = this.examples.soften(ranking.featureTemperature);
    }
    const features =
      best && top[0]
        ? this.features(question, query, top[0].evidence, ranked, rewritten.names, reading)
        : null;
    const confident = this.options.calibration
      ? features !== null && shouldAnswer(this.options.calibration, features)
      : (best?.confidence ?? 0) >= CONFIDENCE_THRESHOLD;
    // An owner is claimed only for a confident match on at least one word that names a subject:
    // "the services across the company" says where, not what.
    if (!best || !named || !confident) return { ...empty, ranked, features };
    const alternatives = ranked
      .slice(1)
      .filter((m) => m.score >= best.score * ALTERNATIVE_RATIO)
      .slice(0, 2);
    return { question, best, ranked, alternatives, features };
  }

  /** The measurements the calibrated decision uses (see answer-calibration.ts). */
  private features(
    question: string,
    query: Map<string, QueryTerm>,
    evidence: Map<string, number>,
    ranked: AreaMatch[],
    technologyNames: number,
    reading: ExampleReading,
  ): AnswerFeatures {
    const [best, ...rest] = ranked as [AreaMatch, ...AreaMatch[]];
    const rival = rest.find((m) => m.area.decider !== best.area.decider);
    const maxWeight = Math.log(1 + this.areas.length);
    let strongTerms = 0;
    let specificity = 0;
    let unknown = 0;
    let total = 0;
    for (const [term, q] of query) {
      total += q.missWeight;
      if (!this.docFreq.has(term) && !this.examples?.knows(term)) unknown += q.missWeight;
      const strength = q.quality * (evidence.get(term) ?? 0);
      if (strength >= 0.99) strongTerms += 1;
      specificity = Math.max(specificity, (strength * q.weight) / maxWeight);
    }
    // Squashed so that one long question's summed word evidence cannot outvote every other feature.
    const domain = Math.tanh(reading.domainLogOdds / DOMAIN_LOG_ODDS_SCALE);
    return {
      confidence: best.confidence,
      margin: best.confidence - (rival?.confidence ?? 0),
      strongTerms: Math.min(strongTerms, 3) / 3,
      specificity,
      unknownShare: total > 0 ? unknown / total : 0,
      // One name may be a word ("kafka on the shore"); two in one question ("X or Y") rarely are.
      technology: technologyNames >= 2 ? 1 : 0,
      ask: ASK.test(question) ? 1 : 0,
      length: Math.min(query.size, 12) / 12,
      ...this.deciderPosterior(best.area.decider),
      outOfDomain: reading.outOfDomain,
      // The reading learnt "work" from the default areas' examples only: an area an admin added is
      // work in this workspace by their say, so there it may vouch but not veto ("hackathon judging").
      domain: best.area.source === "custom" ? Math.max(0, domain) : domain,
    };
  }

  /**
   * The classifier's share for the top area's decider (the answer names a decider, not an area)
   * and its lead over the next decider's share, from the last `classify`.
   */
  private deciderPosterior(decider: string): { posterior: number; posteriorMargin: number } {
    const examples = this.examples;
    if (!examples) return { posterior: 0, posteriorMargin: 0 };
    const shares = this.deciderShares;
    shares.fill(0);
    // Only areas with examples have a share; in id order, so the sums are the same to the bit.
    for (const id of examples.areasWithExamples) {
      const d = this.deciderOf[id] as number;
      shares[d] = (shares[d] as number) + examples.posteriorOf(id);
    }
    const own = this.deciders.indexOf(decider);
    const posterior = own >= 0 ? (shares[own] as number) : 0;
    let rival = 0;
    for (let d = 0; d < shares.length; d++) if (d !== own) rival = Math.max(rival, shares[d] as number);
    return { posterior, posteriorMargin: posterior - rival };
  }

  /**
   * Fills `into` with the best evidence per query term over the area terms the question reached
   * (the term itself, or longer ones by prefix), in the order first reached, then the words its
   * example questions use (`exampleHits`). False for an unknown area.
   */
  private evidence(
    id: number,
    result: Combined,
    query: Map<string, QueryTerm>,
    into: Map<string, number>,
    exampleHits: readonly [string, ExampleEvidence][],
  ) {
    into.clear();
    const terms = this.areaTerms[id];
    if (!terms || !this.areas[id]) return false;
    for (const list of result.termLists) {
      for (const areaTerm of list) {
        const queryTerm = query.has(areaTerm) ? areaTerm : longestPrefix(query, areaTerm);
        if (!queryTerm) continue;
        const strength =
          this.termStrength(terms, areaTerm, query) * (queryTerm === areaTerm ? 1 : PREFIX_QUALITY);
        into.set(queryTerm, Math.max(into.get(queryTerm) ?? 0, strength));
      }
    }
    for (const [term, { ids, strength }] of exampleHits) {
      const i = ids.indexOf(id);
      if (i < 0) continue;
      const s = EXAMPLE_QUALITY * (strength[i] as number);
      if (s > (into.get(term) ?? 0)) into.set(term, s);
    }
    return true;
  }

  /**
   * MiniSearch's OR query over the question's terms, assembled from one lookup per term. A term's
   * lookup (exact and prefix, scored by BM25) depends only on the catalog, so it is kept and
   * reused by every later question with that word; the sums and the quality factor (score times
   * the number of query terms matched) are MiniSearch's own.
   */
  private search(query: Map<string, QueryTerm>): Map<number, Combined> {
    const combined = new Map<number, Combined>();
    for (const term of query.keys()) {
      for (const result of this.lookup(term)) {
        const id = result.id as number;
        const seen = combined.get(id);
        if (!seen) {
          combined.set(id, { score: result.score, queryTerms: 1, termLists: [result.terms] });
          continue;
        }
        seen.score += result.score;
        seen.queryTerms += 1;
        seen.termLists.push(result.terms);
      }
    }
    for (const c of combined.values()) c.score *= c.queryTerms;
    return combined;
  }

  private lookup(term: string): readonly SearchResult[] {
    let results = this.termLookups.get(term);
    if (!results) {
      if (this.termLookups.size >= TERM_CACHE_LIMIT) this.termLookups.clear();
      results = this.index.search(term);
      this.termLookups.set(term, results);
    }
    return results;
  }

  /** How much an area term counts as evidence: in full as a keyword of its own or a completed phrase. */
  private termStrength(terms: AreaTerms, term: string, query: Map<string, QueryTerm>): number {
    if (terms.strong.has(term)) return 1;
    const phrases = terms.phrases.get(term);
    if (!phrases) return DESCRIPTION_QUALITY;
    return phrases.some((p) => p.every((t) => query.has(t))) ? 1 : PARTIAL_PHRASE_QUALITY;
  }

  /** Distinct query terms with their weight; unknown words are typo-corrected when close to a catalog word. */
  private queryTerms(questionWords: readonly string[]): Map<string, QueryTerm> {
    const maxWeight = Math.log(1 + this.areas.length);
    const terms = new Map<string, QueryTerm>();
    for (const word of questionWords) {
      let tokens = wordTokens(word);
      let quality = 1;
      if (tokens.length > 0 && tokens.every((t) => !this.docFreq.has(t.term))) {
        const fix = this.correct(word);
        if (fix) [tokens, quality] = [wordTokens(fix), FUZZY_QUALITY];
      }
      for (const { term, word: canonical } of tokens) {
        if (terms.has(term)) continue;
        const df = this.docFreq.get(term);
        // A word the catalog knows only from prose or inside phrases ("feel", "party") is barely
        // more telling than one it has never seen.
        let weight = df ? Math.log(1 + this.areas.length / df) : maxWeight;
        if (!this.keywordTerms.has(term)) weight = Math.min(weight, UNKNOWN_WEIGHT * maxWeight);
        let missWeight = CONTEXT_TERMS.has(term) ? weight * CONTEXT_WEIGHT : weight;
        // A typo fix is a guess: where it finds nothing, the word may really be an unknown one.
        if (quality < 1) missWeight = Math.min(missWeight, UNKNOWN_WEIGHT * maxWeight);
        terms.set(term, { word: canonical, weight, missWeight, quality });
      }
    }
    return terms;
  }

  /** The typo fix for a word the catalog does not know, worked out once per word. */
  private correct(word: string): string | undefined {
    if (word.length < 7) return undefined;
    if (this.corrections.has(word)) return this.corrections.get(word);
    if (this.corrections.size >= TERM_CACHE_LIMIT) this.corrections.clear();
    const fix = this.closestWord(word);
    this.corrections.set(word, fix);
    return fix;
  }

  /**
   * Closest catalog word within one edit (two for long words). The first letter must agree and
   * neither word may be a prefix of the other: "contractor" is not a typo for "contract".
   */
  private closestWord(word: string): string | undefined {
    const maxDistance = word.length >= 8 ? 2 : 1;
    let best: { word: string; distance: number } | undefined;
    for (const [candidate, [, distance]] of this.vocabulary.fuzzyGet(word, maxDistance)) {
      if (candidate[0] !== word[0] || candidate.startsWith(word) || word.startsWith(candidate)) continue;
      if (!best || distance < best.distance || (distance === best.distance && candidate < best.word)) {
        best = { word: candidate, distance };
      }
    }
    return best?.word;
  }
}

/**
 * Weighted share of the question explained by the given per-term evidence strengths. A context word
 * the area does not mention barely counts against it; one the area does mention counts in full.
 */
function coverage(query: Map<string, QueryTerm>, evidence: Map<string, number>): number {
  return coverageOf(query, (term) => evidence.get(term) ?? 0);
}

/** `coverage`, with each term's evidence strength (0 when none) read from `evidenceOf`. */
function coverageOf(query: Map<string, QueryTerm>, evidenceOf: (term: string) => number): number {
  let total = 0;
  let matched = 0;
  for (const [term, q] of query) {
    const strength = q.quality * evidenceOf(term);
    // Blend the two weights by how well the word matched, so a weak match is mostly a miss.
    const weight = q.missWeight + (q.weight - q.missWeight) * strength;
    total += weight;
    matched += weight * strength;
  }
  return total > 0 ? Math.min(1, matched / total) : 0;
}

type Scored = { id: number; score: number; confidence: number };

/**
 * The `limit` best areas offered, best first, as sorting them all would put them: by score, equal
 * scores in the catalog's order, so the same question always gets the same answer.
 */
class BestFirst {
  readonly items: Scored[] = [];

  constructor(private readonly limit: number) {}

  offer(id: number, score: number, confidence: number): void {
    const items = this.items;
    const last = items[this.limit - 1];
    if (last && !ahead(score, id, last)) return;
    const entry = { id, score, confidence };
    if (last) items[this.limit - 1] = entry;
    else items.push(entry);
    for (let i = items.length - 1; i > 0; i--) {
      const previous = items[i - 1] as Scored;
      if (!ahead(score, id, previous)) break;
      items[i - 1] = entry;
      items[i] = previous;
    }
  }
}

function ahead(score: number, id: number, other: Scored): boolean {
  return score > other.score || (score === other.score && id < other.id);
}

/**
 * `coverage` of the question by an area's own evidence, each term backed up by the same term's
 * evidence in another top area with the same decider, at SAME_DECIDER_SUPPORT.
 */
function supportedCoverage(query: Map<string, QueryTerm>, hit: Hit, top: readonly Hit[]): number {
  return coverageOf(query, (term) => {
    let support = hit.evidence.get(term) ?? 0;
    for (const other of top) {
      const strength = other.area.decider === hit.area.decider ? other.evidence.get(term) : undefined;
      if (strength !== undefined) support = Math.max(support, strength * SAME_DECIDER_SUPPORT);
    }
    return support;
  });
}

function longestPrefix(query: Map<string, QueryTerm>, areaTerm: string): string | undefined {
  let best: string | undefined;
  for (const term of query.keys()) {
    if (areaTerm.startsWith(term) && term.length > (best?.length ?? 0)) best = term;
  }
  return best;
}
