/**
 * Health rules for the monthly digest. Each rule is a small pure function over plain inputs that
 * returns one plain sentence, or null when it does not fire; `teamHealthFindings` wires them to a
 * `TeamDigest`. Sentences about a private lead go to that lead's DM only: use `channelSafeFindings`
 * for anything posted to the team channel.
 *
 * A finding is about one lead, but the channel shows one sentence per rule (`healthSentences`): a
 * team of 15 hybrids would otherwise read 15 times the same advice. A rule that fires for one lead
 * keeps that lead's own sentence, with their numbers; for several it names them all in the rule's
 * plural sentence (each lead's own numbers are in their block above it).
 *
 * Every rule comes from seed 004, the TL/EM article "Tech Lead vs Engineering Manager: The Real
 * Difference (Not the Same Role)" (`real-difference` among catalog/default.yml's sources): "Growing
 * teams (9+ engineers): Split them", "nobody feels mentored", "context decays", "Write down weekly …
 * Review it monthly". Each rule's comment quotes the line it rests on.
 */
import { type HatDrift, type LeadDigest, round1, type TeamDigest } from "./digest.ts";
import { ROLE_SHORT, type RoleId } from "./roles.ts";

export type HealthRuleId =
  | "split-hybrid-team"
  | "nobody-mentored"
  | "architecture-context-decay"
  | "persistent-drift";

export type HealthFinding = {
  rule: HealthRuleId;
  /** The lead the sentence is about; null for a team-wide sentence that reveals no lead's numbers. */
  userId: string | null;
  /** The seed file the rule comes from. */
  seed: string;
  text: string;
  /** For a lead's finding: how the lead is named, and the rest of the rule's sentence for several
   * leads at once (`<names> <plural>`), used when the rule fires for more than one lead. */
  group?: { name: string; plural: string };
};

/** One rule's sentence for the channel, naming every lead it applies to. */
export type HealthSentence = { rule: HealthRuleId; seed: string; userIds: string[]; text: string };

/** The TL/EM article (`real-difference` in catalog/default.yml), shown as "seed 004" after each sentence in text output. */
const SEED_004 = "004";

function isTlEmHybrid(hats: readonly RoleId[]): boolean {
  return hats.includes("tech-lead") && hats.includes("engineering-manager");
}

function hatDriftText(d: HatDrift): string {
  const hat = d.hat === "other" ? "other" : ROLE_SHORT[d.hat];
  return `${hat} ${d.pp > 0 ? "+" : d.pp < 0 ? "−" : "±"}${Math.abs(round1(d.pp))} pp`;
}

function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

export type NameListLimits = {
  /** Beyond this many names, name the first two and count the rest ("Ana, Ben and 4 others"). */
  maxNames?: number;
  /** Beyond this many characters, name as many as fit and count the rest. */
  maxChars?: number;
};

/** `Ana`, `Ana and Ben`, `Ana, Ben and Cy`; past a limit `Ana, Ben and 4 others`: never a silent cut. */
export function joinNames(names: readonly string[], limits: NameListLimits = {}): string {
  const all = listNames(names);
  if (names.length <= 1) return all;
  const tooMany = limits.maxNames !== undefined && names.length > limits.maxNames;
  const tooLong = limits.maxChars !== undefined && all.length > limits.maxChars;
  if (!tooMany && !tooLong) return all;
  const others = (n: number) => ` and ${n} other${n === 1 ? "" : "s"}`;
  let shown = tooMany ? Math.min(2, names.length - 1) : names.length - 1;
  const fits = (k: number) =>
    limits.maxChars === undefined ||
    `${names.slice(0, k).join(", ")}${others(names.length - k)}`.length <= limits.maxChars;
  while (shown > 1 && !fits(shown)) shown--;
  return `${names.slice(0, shown).join(", ")}${others(names.length - shown)}`;
}

/** The trailing run of months (newest backwards) whose value satisfies `test`; a null ends the run. */
function trailingRun(values: readonly (number | null)[], test: (v: number) => boolean): number {
  let run = 0;
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i];
    if (v === null || v === undefined || !test(v)) break;
    run++;
  }
  return run;
}

// ---------------------------------------------------------------------------------------------
// The rules
// ---------------------------------------------------------------------------------------------

export const SPLIT_TEAM_MIN_ENGINEERS = 9;

/**
 * Seed 004 ("Growing teams (9+ engineers): Split them"): one person wearing both the tech-lead and the
 * engineering-manager hat works for 3–8 engineers; from 9 the team needs a dedicated EM and a TL.
 * `engineerCount` is the team's headcount (`teams.headcount`; null when unknown: never fires).
 */
export function splitHybridTeamRule(input: {
  engineerCount: number | null;
  hybrids: readonly { name: string; hats: readonly RoleId[] }[];
  minEngineers?: number;
}): string | null {
  const min = input.minEngineers ?? SPLIT_TEAM_MIN_ENGINEERS;
  if (input.engineerCount === null || input.engineerCount < min) return null;
  const names = input.hybrids.filter((h) => isTlEmHybrid(h.hats)).map((h) => h.name);
  if (names.length === 0) return null;
  const who = names.length === 1 ? `${names[0]} wears` : `${listNames(names)} each wear`;
  return (
    `This team has ${input.engineerCount} engineers and ${who} both the tech-lead and the engineering-manager hat: ` +
    `from ${min} engineers, split the role into a dedicated engineering manager and a tech lead.`
  );
}

export const MENTORING_RISK_MIN_TECHNICAL_PCT = 90;
export const MENTORING_RISK_MIN_MONTHS = 2;

/**
 * Seed 004 ("Our tech lead is amazing, but nobody feels mentored"; "never make your Tech Lead
 * accountable for process and career growth without cutting their coding time in half"): a TL+EM
 * hybrid whose actual technical share (tech-lead + architect) stays at 90% or more — the last
 * `minMonths` (default 2) months in a row, this month included — is leaving the EM hat unworn.
 * `technicalShareByMonth`: actual technical share per month, oldest first, this month last (null = no answers).
 */
export function nobodyMentoredRule(input: {
  name: string;
  hats: readonly RoleId[];
  technicalShareByMonth: readonly (number | null)[];
  minTechnicalPct?: number;
  minMonths?: number;
}): string | null {
  if (!isTlEmHybrid(input.hats)) return null;
  const min = input.minTechnicalPct ?? MENTORING_RISK_MIN_TECHNICAL_PCT;
  const months = input.minMonths ?? MENTORING_RISK_MIN_MONTHS;
  const run = trailingRun(input.technicalShareByMonth, (v) => v >= min);
  if (run < months) return null;
  return (
    `${input.name} holds the engineering-manager hat but has spent ${min}% or more of their time on technical work ` +
    `for ${run} months in a row, a risk of "nobody feels mentored": protect time for 1:1s and career growth, or cut the coding load.`
  );
}

export const CONTEXT_DECAY_MAX_TECHNICAL_PCT = 10;
export const CONTEXT_DECAY_MONTHS = 6;

/**
 * Seed 004 ("never make your Engineering Manager accountable for architectural decisions if they
 * haven't written production code in six months. Context decays."): a lead holding the EM hat who is
 * the decider for architecture-owned areas on this team (`architectureAreasDecided`: areas whose
 * catalog owner is the architect but whose decider here is this person, or the EM role they hold),
 * while reporting a technical share of 10% or less for each of the last 6 months.
 */
export function architectureContextRule(input: {
  name: string;
  hats: readonly RoleId[];
  architectureAreasDecided: number;
  technicalShareByMonth: readonly (number | null)[];
  maxTechnicalPct?: number;
  months?: number;
}): string | null {
  if (!input.hats.includes("engineering-manager") || input.architectureAreasDecided <= 0) return null;
  const max = input.maxTechnicalPct ?? CONTEXT_DECAY_MAX_TECHNICAL_PCT;
  const months = input.months ?? CONTEXT_DECAY_MONTHS;
  const run = trailingRun(input.technicalShareByMonth, (v) => v <= max);
  if (run < months) return null;
  const areas =
    input.architectureAreasDecided === 1
      ? "1 architecture area"
      : `${input.architectureAreasDecided} architecture areas`;
  return (
    `${input.name} decides ${areas} as engineering manager but has reported ${max}% or less technical work ` +
    `for ${run} months, and context decays: hand those decisions to the tech lead or architect, or get back into the code.`
  );
}

export const PERSISTENT_DRIFT_MIN_MONTHS = 3;

/** What each lead rule says of several leads at once, after their names. */
const PLURAL: Record<Exclude<HealthRuleId, "split-hybrid-team">, (thresholdPp: number) => string> = {
  "nobody-mentored": () =>
    `hold the engineering-manager hat but have spent ${MENTORING_RISK_MIN_TECHNICAL_PCT}% or more of their time on technical work ` +
    `for ${MENTORING_RISK_MIN_MONTHS}+ months in a row, a risk of "nobody feels mentored": protect time for 1:1s and career growth, or cut the coding load.`,
  "architecture-context-decay": () =>
    `decide architecture areas as engineering managers but have reported ${CONTEXT_DECAY_MAX_TECHNICAL_PCT}% or less technical work ` +
    `for ${CONTEXT_DECAY_MONTHS}+ months, and context decays: hand those decisions to the tech lead or architect, or get back into the code.`,
  "persistent-drift": (thresholdPp) =>
    `have drifted more than ${thresholdPp} pp from the stated allocation for ${PERSISTENT_DRIFT_MIN_MONTHS}+ months in a row: ` +
    `revisit the allocation, or the role split.`,
};

/**
 * Seed 004 ("Write down weekly … Review it monthly"): drift over the threshold for 3 months or more in
 * a row means the stated allocation, or the split of roles itself, no longer matches reality.
 */
export function persistentDriftRule(input: {
  name: string;
  driftStreakMonths: number;
  driftStreakCapped?: boolean;
  thresholdPp: number;
  largestDrift: HatDrift | null;
  minMonths?: number;
}): string | null {
  const min = input.minMonths ?? PERSISTENT_DRIFT_MIN_MONTHS;
  if (input.driftStreakMonths < min) return null;
  const months = `${input.driftStreakMonths}${input.driftStreakCapped ? "+" : ""} months in a row`;
  const largest = input.largestDrift ? ` (this month ${hatDriftText(input.largestDrift)})` : "";
  return (
    `${input.name}'s split has drifted more than ${input.thresholdPp} pp from the stated allocation for ${months}${largest}: ` +
    `revisit the allocation, or the role split.`
  );
}

// ---------------------------------------------------------------------------------------------
// Wiring to a digest
// ---------------------------------------------------------------------------------------------

export type TeamHealthContext = {
  /** Engineers on the team (`teams.headcount`), null when unknown. */
  engineerCount: number | null;
  /** Per lead user id: architecture-owned areas this lead decides on this team (missing = 0). */
  architectureAreasDecided?: Readonly<Record<string, number>>;
  /** How a lead is named in sentences; default: display name, else a Slack mention. */
  nameOf?: (lead: LeadDigest) => string;
};

export function defaultLeadName(lead: Pick<LeadDigest, "userId" | "displayName">): string {
  return lead.displayName ?? `<@${lead.userId}>`;
}

/** Every finding for the team, private leads included (filter with `channelSafeFindings` before posting). */
export function teamHealthFindings(digest: TeamDigest, ctx: TeamHealthContext): HealthFinding[] {
  const nameOf = ctx.nameOf ?? defaultLeadName;
  const findings: HealthFinding[] = [];
  // Hats are public (`/role team`), so naming a hybrid here reveals no private numbers. Only the hats
  // worn on this team count: a TL here who manages another team leaves this team's roles split.
  const split = splitHybridTeamRule({
    engineerCount: ctx.engineerCount,
    hybrids: digest.leads.map((l) => ({ name: nameOf(l), hats: l.teamHats })),
  });
  if (split) findings.push({ rule: "split-hybrid-team", userId: null, seed: SEED_004, text: split });
  for (const lead of digest.leads) {
    const name = nameOf(lead);
    const technicalShareByMonth = lead.history.map((p) => p.actualTechnical);
    const rules: [keyof typeof PLURAL, string | null][] = [
      ["nobody-mentored", nobodyMentoredRule({ name, hats: lead.hats, technicalShareByMonth })],
      [
        "architecture-context-decay",
        architectureContextRule({
          name,
          hats: lead.hats,
          architectureAreasDecided: ctx.architectureAreasDecided?.[lead.userId] ?? 0,
          technicalShareByMonth,
        }),
      ],
      [
        "persistent-drift",
        persistentDriftRule({
          name,
          driftStreakMonths: lead.driftStreakMonths,
          driftStreakCapped: lead.driftStreakCapped,
          thresholdPp: digest.thresholdPp,
          largestDrift: lead.largestDrift,
        }),
      ],
    ];
    for (const [rule, text] of rules) {
      if (!text) continue;
      const group = { name, plural: PLURAL[rule](digest.thresholdPp) };
      findings.push({ rule, userId: lead.userId, seed: SEED_004, text, group });
    }
  }
  return findings;
}

/** The findings that may be posted in the team channel: team-wide ones and those about public leads. */
export function channelSafeFindings(digest: TeamDigest, findings: readonly HealthFinding[]): HealthFinding[] {
  const hidden = new Set(digest.privateLeadIds);
  return findings.filter((f) => f.userId === null || !hidden.has(f.userId));
}

/** The findings about one lead (for their own DM), team-wide ones excluded. */
export function findingsForLead(findings: readonly HealthFinding[], userId: string): HealthFinding[] {
  return findings.filter((f) => f.userId === userId);
}

const RULE_ORDER: readonly HealthRuleId[] = [
  "split-hybrid-team",
  "nobody-mentored",
  "architecture-context-decay",
  "persistent-drift",
];

/**
 * One sentence per rule, for the channel: pass channel-safe findings only. A rule that fired for one
 * lead keeps its own sentence; for several, `<names> <plural>` names every one of them (`limits`
 * shortens the list only by saying how many it leaves out).
 */
export function healthSentences(
  findings: readonly HealthFinding[],
  limits: NameListLimits = {},
): HealthSentence[] {
  const out: HealthSentence[] = [];
  for (const rule of RULE_ORDER) {
    const mine = findings.filter((f) => f.rule === rule);
    const groups = mine.flatMap((f) => (f.group ? [f.group] : []));
    const first = mine[0];
    if (mine.length > 1 && groups.length === mine.length && first?.group) {
      const names = joinNames(
        groups.map((g) => g.name),
        limits,
      );
      const userIds = mine.flatMap((f) => (f.userId === null ? [] : [f.userId]));
      out.push({ rule, seed: first.seed, userIds, text: `${names} ${first.group.plural}` });
    } else {
      for (const f of mine)
        out.push({ rule, seed: f.seed, userIds: f.userId === null ? [] : [f.userId], text: f.text });
    }
  }
  return out;
}
