/**
 * How rolecall reads text: the tokenizer, word lists and stemming shared by the catalog (keywords of
 * a custom area) and the matcher (its index and the questions), so both sides land on the same terms.
 */
import { stemmer } from "stemmer";

/** Multi-word idioms folded into one token before splitting, so "1:1" or "on-call" survive tokenising. */
const PHRASES: ReadonlyArray<[RegExp, string]> = [
  [/[’‘`]/g, "'"],
  [/'s\b/g, ""],
  // A role named in the question ("should the tech lead or the PM decide…") is not its subject.
  [/\b(?:tech(?:nical)?|team)[\s-]?leads?\b/g, " "],
  [/\bproduct[\s-]?(?:managers?|owners?)\b/g, " "],
  [/\b(?:1\s*[:\-/]\s*1|1\s*on\s*1|one[\s-]+(?:on|to)[\s-]+one)s?\b/g, " oneonone "],
  [/\bon[\s-]?call\b/g, " oncall "],
  [/\bstand[\s-]?ups?\b/g, " standup "],
  [/\bpost[\s-]?mortems?\b/g, " postmortem "],
  [/\bburn(?:t|ed)?[\s-]?out\b/g, " burnout "],
  [/\bmicro[\s-]services?\b/g, " microservices "],
  [/\bfront[\s-]end\b/g, " frontend "],
  [/\bback[\s-]end\b/g, " backend "],
  [/\broad[\s-]maps?\b/g, " roadmap "],
  [/\bcode[\s-]base\b/g, " codebase "],
  [/\b(?:tim(?:ing|es|ed)|time) out\b/g, " timeout "],
  [/\bup[\s-]to[\s-]date\b/g, " uptodate "],
  [/\b(?:pull|merge) requests?\b/g, " pullrequest "],
  [/\bci\s*\/\s*cd\b/g, " ci cd "],
  [/\ba\/b\b/g, " abtest "],
  [/\bk8s\b/g, " kubernetes "],
  [/\b(?:cross|multi|inter)[\s-]?teams?\b/g, " crossteam "],
  [/\b(?:across|between|among) (?:[a-z]+ ){0,2}teams\b/g, " crossteam "],
  [/\b(?:other|all|multiple|several|many|different) teams\b/g, " crossteam "],
  [/\b(?:org|organi[sz]ation|company|enterprise)[\s-]?wide\b/g, " organization "],
];

/** Abbreviations and synonyms mapped to one canonical word, so "db" and "database" are the same term. */
const CANONICAL: Readonly<Record<string, string>> = {
  perf: "performance",
  promo: "promotion",
  promos: "promotion",
  okrs: "okr",
  pr: "pullrequest",
  prs: "pullrequest",
  mr: "pullrequest",
  mrs: "pullrequest",
  db: "database",
  dbs: "database",
  databases: "database",
  datastore: "database",
  infra: "infrastructure",
  arch: "architecture",
  architectural: "architecture",
  tech: "technical",
  technology: "technical",
  technologies: "technical",
  technological: "technical",
  // "production" must not stem to "product", which is the product manager's word.
  production: "prod",
  org: "organization",
  orgs: "organization",
  company: "organization",
  companywide: "organization",
  orgwide: "organization",
  prds: "prd",
  rfcs: "rfc",
  adrs: "adr",
  specs: "spec",
  specification: "spec",
  specifications: "spec",
  retros: "retro",
  retrospective: "retro",
  retrospectives: "retro",
  comms: "communication",
  repo: "repository",
  repos: "repository",
  impl: "implementation",
  reqs: "requirements",
  eta: "estimate",
  kpi: "okr",
  kpis: "okr",
  mongo: "mongodb",
  postgres: "postgresql",
  js: "javascript",
  ts: "typescript",
  deps: "dependencies",
  comp: "compensation",
  mvps: "mvp",
  microservice: "microservices",
};

/** British spellings that the suffix rules below do not cover. */
const BRITISH: Readonly<Record<string, string>> = {
  licence: "license",
  licences: "license",
  defence: "defense",
  offence: "offense",
  centre: "center",
  centres: "center",
  catalogue: "catalog",
  catalogues: "catalog",
  dialogue: "dialog",
  programme: "program",
  programmes: "program",
  judgement: "judgment",
  analyse: "analyze",
  analysed: "analyzed",
  analysing: "analyzing",
  modelling: "modeling",
  modelled: "modeled",
  labelled: "labeled",
  cancelled: "canceled",
  travelling: "traveling",
  grey: "gray",
  levelling: "leveling",
  enrol: "enroll",
  fulfil: "fulfill",
  favourite: "favorite",
  favourites: "favorite",
  mum: "mom",
};

/** Real "-ise" words that are not British spellings of "-ize" ones. */
const ISE_WORDS = new Set(
  (
    "advertise advise apprise arise chastise circumcise comprise compromise concise cruise demise despise devise " +
    "disguise enterprise excise exercise expertise franchise improvise incise merchandise noise otherwise " +
    "paradise poise praise precise premise promise raise reprise revise rise supervise surmise surprise " +
    "televise treatise turquoise wise bruise anise"
  ).split(" "),
);

function americanise(word: string): string {
  const mapped = BRITISH[word];
  if (mapped) return mapped;
  // behaviour, colour, favour, honour, labour, neighbour, humour ... (not our, four, hour, your, tour)
  const our =
    /^(behavi|col|fav|hon|lab|neighb|hum|rum|harb|flav|endeav|vig|rig|arm|splend)our(s|ed|ing|al|ite|ites|able)?$/.exec(
      word,
    );
  if (our) return `${our[1]}or${our[2] ?? ""}`;
  // organisation, prioritise, optimised, standardising ...
  const ise = /^([a-z]{3,})is(e|es|ed|ing|er|ers|ation|ations)$/.exec(word);
  if (ise?.[1] && !ISE_WORDS.has(`${ise[1]}ise`) && !ise[1].endsWith("w")) return `${ise[1]}iz${ise[2]}`;
  const yse = /^([a-z]+)ys(e|es|ed|ing)$/.exec(word);
  if (yse?.[1] && /(?:anal|paral|catal)$/.test(yse[1])) return `${yse[1]}yz${yse[2]}`;
  return word;
}

/**
 * Words that carry no subject: question words, pronouns, decision verbs ("decides", "owns",
 * "gets to pick"), role names and "team". Listed unstemmed so that nouns sharing a stem with a
 * filler verb (organisation vs organise) are kept.
 */
const FILLER = new Set(
  // question words, auxiliaries, pronouns, determiners, prepositions, small talk
  (
    "who whom whose what whats which when where why how whether is are was were be been being am do does " +
    "did doing done can could should would will shall may might must need needs has have had having get gets " +
    "got getting let lets i im ive id me my mine myself we us our ours ourselves you your yours they them " +
    "their theirs he him his she her it its itself someone somebody anyone anybody everyone one person people " +
    "the a an this that these those some any all every each both either neither no not other another such " +
    "whole entire several multiple many much more most few lot lots various two three four five six seven " +
    "eight nine ten of to in on at by for with from into onto about over under as than then and or but if " +
    "so vs versus via per up out off there here between across after before during while since until just " +
    "really actually also still now today again first last ok okay please hey hi hello thanks thing things " +
    "stuff way kind sort new old next right best good bad even else ever able sure like overall general " +
    // decision, ownership and generic doing verbs: every question has one, so they must not pick the area
    "decide decides decided deciding decision decisions decider call calls calling called choose chooses " +
    "chose chosen choosing choice pick picks picked picking select selects selecting own owns owned owning " +
    "owner owners ownership responsible responsibility accountable accountability charge say says final " +
    "sign signs signoff authority determine determines define defines defined defining approve approves " +
    "approved approving approval set sets setting make makes making made handle handles handling deal deals " +
    "dealing take takes taking run runs running lead leads leading drive drives driving manage manages " +
    "managed managing management manager managers go goes going help helps helping want wants use uses " +
    "using used work works working organize organizes organized organizing give gives giving write writes " +
    "wrote writing hold holds holding keep keeps care cares look looks looking sorts sorting come comes " +
    "know knows ask asks talk talks figure figures tell tells told put puts mean means think thinks find " +
    "finds happen happens try tries seem seems become becomes matter matters wonder keeping kept explain " +
    "explains explained judge judges judging adopt adopts adopted adopting word because same different second " +
    "fix fixes fixing hit hits " +
    // indirect asks and Slack small talk: "who do I need to convince", "whose remit", "idk, pls"
    "convince convinces persuade persuades remit reckon reckons ping bother pls plz thx cheers anyway " +
    "folks hiya yo idk tbh imo btw fyi lol question quick random wondering " +
    // what is left of contractions once the apostrophe splits them: "won't", "we're", "they'll"
    "won don isn aren doesn didn shouldn couldn wouldn wasn weren hasn haven ll re ve " +
    // roles and the team itself: "who on our team decides" says nothing about the subject
    "team teams squad engineer engineers engineering eng developer developers dev devs role roles hat " +
    "architect architects tl em pm techlead"
  ).split(" "),
);

/** True when a word carries no subject for matching ("the", "decides", "team"); used for custom-area keywords. */
export function isFillerWord(word: string): boolean {
  return words(word).flatMap(wordTokens).length === 0;
}

export type Token = { term: string; word: string };

/**
 * Whether any of PHRASES occurs in a text. Most questions hold none, and one scan for all of them
 * costs less than a replace per phrase; a text that holds none is left as it is by every replace.
 */
const ANY_PHRASE = new RegExp(PHRASES.map(([pattern]) => `(?:${pattern.source})`).join("|"));

/** Lower case with idioms folded: the words a text is made of. */
export function words(text: string): string[] {
  let s = text.toLowerCase();
  if (ANY_PHRASE.test(s)) for (const [pattern, replacement] of PHRASES) s = s.replace(pattern, replacement);
  // Bare numbers ("40 minutes", "2 teams") never name a subject.
  return s.split(/[^\p{L}\p{N}#+|]+/u).filter((w) => (w.length > 1 && !/^\d+$/.test(w)) || w === "|");
}

/** `words` for many short texts at once (one regex pass instead of one per keyword). */
export function wordGroups(texts: readonly string[]): string[][] {
  const groups: string[][] = [[]];
  for (const word of words(texts.map((t) => t.replaceAll("|", " ")).join(" | "))) {
    if (word === "|") groups.push([]);
    else groups.at(-1)?.push(word);
  }
  return groups;
}

/** Stemming dominates index builds; words repeat a lot, so results are cached (bounded). */
const tokenCache = new Map<string, Token[]>();

/** One word → its canonical stemmed term (none for filler; "promo" → the term of "promotion"). */
export function wordTokens(word: string): Token[] {
  const cached = tokenCache.get(word);
  if (cached) return cached;
  if (tokenCache.size > 50_000) tokenCache.clear();
  const tokens: Token[] = [];
  const american = americanise(word);
  for (const w of (CANONICAL[american] ?? american).split(" ")) {
    if (w.length > 1 && !FILLER.has(w)) tokens.push({ term: stemmer(w), word: w });
  }
  tokenCache.set(word, tokens);
  return tokens;
}

export function terms(ws: string[]): string[] {
  return ws.flatMap(wordTokens).map((t) => t.term);
}

/**
 * Words that say where or at what scope a decision applies rather than what it is about: "the
 * billing service", "the mobile app", "across the organisation". When an area does not mention
 * them they weigh little, so naming your own product does not read as an off-topic question; when
 * an area does ("which features to build"), they count in full.
 */
export const CONTEXT_TERMS: ReadonlySet<string> = new Set(
  (
    "service services system systems app apps application code codebase page pages " +
    "module modules project projects component mobile web ios android backend server client worker workers " +
    "job jobs cron webhook flow endpoint api billing payment payments checkout cart invoice invoices login " +
    "signup auth account accounts search notification notifications email profile settings admin dashboard " +
    "report reports export import upload feed chat order orders organization frontend " +
    "environment staging config software tool tools jira linear asana trello github " +
    "gitlab slack notion confluence"
  )
    .split(" ")
    .map((w) => stemmer(w)),
);
