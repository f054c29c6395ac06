/**
 * The monthly drift digest: for one team and one month, how each hybrid lead's week-by-week reality
 * compared with the split they stated. Pure: no SQL, no Slack, no clock (`asOf` is passed in).
 *
 * Conventions (all decided here, documented once):
 * - A week belongs to the month of its Thursday (ISO convention; `monthOfWeek` in time.ts).
 * - **Allocation in force for a week** = the allocation change with the latest `effectiveDate` on or
 *   before the week's **Thursday** (ties on the same date: the later entry of the input wins, so a
 *   store ordering by `effective_date, id` gets the last one recorded). Thursday is the day that also
 *   puts the week in its month, and a change effective on or before it covers the majority (4+ of 7)
 *   of the week's days.
 * - A week counts for a lead ("lead week") when its Thursday lies in one of the lead's hybrid periods
 *   and it has ended by `asOf` (its Sunday is before `asOf`) — or it already has an answer recorded.
 * - Each lead week is exactly one of: **answered** (`as-planned` or an explicit split), **away** (an
 *   `away` answer, or listed in `awayWeeks`; an actual answer wins over an away range), or
 *   **missing**. A missing week never counts as as-planned: it contributes nothing to actual or drift.
 * - **stated** = mean of the in-force allocations over the month's lead weeks (so each allocation is
 *   weighted by the weeks it was in force). **actual** = mean over answered weeks (`as-planned` = the
 *   allocation in force that week). **drift** (pp) = mean over answered weeks of (actual − in-force
 *   allocation) per hat, i.e. measured against the allocation in force each week, not today's; the
 *   allocation those weeks were measured against is reported as `baseline` (it equals `stated` unless
 *   the allocation changed mid-month and some weeks went unanswered).
 * - **direction** compares |largest drift| with last month's (a month spent entirely away is looked
 *   past): `new` when that month had no measured drift, `steady` when the sizes differ by less than
 *   `steadyBandPp` (default 5 pp), else `growing` / `shrinking`. Null when nothing is measured this month.
 * - **streak** = consecutive months, ending with this one, whose |largest drift| exceeds the threshold
 *   (strictly). A month in which every lead week was away is skipped (neither counts nor breaks); any
 *   other month without a measured drift breaks it. Looks back at most `streakCapMonths` (default 12).
 * - **Privacy**: private leads never appear individually in `publicLeads`. Their numbers appear only in
 *   `aggregate`, an average over the private leads alone, shown only when at least
 *   `MIN_AGGREGATE_SIZE` (3) private leads contribute to each figure. (An average that also included the
 *   public leads, whose own numbers are shown, would give a lone private lead away by subtraction.) So a
 *   team with fewer than 3 leads never shows an aggregate; `privacyNote` explains what was withheld.
 * - Numbers in the result are rounded to 0.1; comparisons with thresholds use the rounded values.
 *
 * Cost: only the months needed are examined (this month, back `max(streakCapMonths, chartMonths)`), so
 * the work per lead is fixed whatever the length of the history passed in; `digestWindow` tells a store
 * which weeks and dates to load.
 */
import { SPLIT_KEYS, type Split, type SplitKey } from "./allocation.ts";
import type { HybridPeriod } from "./hat-periods.ts";
import { type RoleId, TECHNICAL_ROLES } from "./roles.ts";
import {
  addDays,
  addMonths,
  type IsoWeekKey,
  isoWeekMonday,
  type LocalDate,
  type MonthKey,
  weeksOfMonth,
} from "./time.ts";

export type { IsoWeekKey, MonthKey } from "./time.ts";

export type AllocationChange = { effectiveDate: LocalDate; split: Split };

export type CheckinAnswer = { kind: "as-planned" } | { kind: "split"; split: Split } | { kind: "away" };

export type LeadInput = {
  userId: string;
  displayName?: string | null;
  /** The lead's distinct roles across the workspace at the month's end (health rules and text). */
  hats?: readonly RoleId[];
  /** The roles they wear on this team at the month's end (the split rule is about one team's
   * TL+EM); defaults to `hats`. */
  teamHats?: readonly RoleId[];
  /** `people.digest_private`: the lead's numbers never appear individually in the team channel. */
  isPrivate?: boolean;
  /** When they were a hybrid lead of this team (from `hat_changes`; see `leadPeriodsOnTeam`). */
  hybridPeriods: readonly HybridPeriod[];
  /** Allocation history, any order. Only the entry in force at the window's start and later ones matter. */
  allocations: readonly AllocationChange[];
  /** Check-in answers by ISO week (answered rows of `checkins`). Weeks outside the window are ignored. */
  answers: ReadonlyMap<IsoWeekKey, CheckinAnswer> | Readonly<Record<IsoWeekKey, CheckinAnswer>>;
  /** Weeks the lead was away by their away ranges (`isAwayWeek` in away-range.ts), window only. */
  awayWeeks?: readonly IsoWeekKey[] | ReadonlySet<IsoWeekKey>;
};

export type DigestOptions = {
  /** Drift above this many percentage points is flagged (workspaces.drift_threshold_pp). Default 15. */
  thresholdPp?: number;
  /** How far back the over-threshold streak may look, in months (this month included). Default 12. */
  streakCapMonths?: number;
  /** Months in the chart series, this month included. Default 6. */
  chartMonths?: number;
  /** |largest drift| changes smaller than this count as steady. Default 5 pp. */
  steadyBandPp?: number;
};

export type TeamDigestInput = DigestOptions & {
  month: MonthKey;
  /** The day the digest is computed; weeks not ended by then (and not answered) are left out. */
  asOf: LocalDate;
  leads: readonly LeadInput[];
};

export type HatDrift = { hat: SplitKey; pp: number };
export type DriftDirection = "growing" | "shrinking" | "steady" | "new";
export type WeekCounts = { lead: number; answered: number; away: number; missing: number };

/** How a counted week ended: answered (as planned or a split), away, or missed (no answer). */
export type LeadWeekState = "answered" | "away" | "missed";

/** One counted week of one lead (`leadWeeksOf`). */
export type LeadWeek = {
  week: IsoWeekKey;
  month: MonthKey;
  state: LeadWeekState;
  /** The allocation in force that week. */
  stated: Split | null;
  /** Null unless answered (and, for `as-planned`, an allocation was in force). */
  actual: Split | null;
  /** actual − stated per hat, in pp; null unless both are known. */
  drift: Split | null;
};

/** One month of a lead's history, as the chart and the health rules use it. */
export type MonthPoint = {
  month: MonthKey;
  weeks: WeekCounts;
  /** Technical share (tech-lead + architect) of the stated split, or null when none was in force. */
  statedTechnical: number | null;
  /** Technical share of the actual split, or null when no week was answered. */
  actualTechnical: number | null;
  largestDrift: HatDrift | null;
};

export type LeadDigest = {
  userId: string;
  displayName: string | null;
  hats: readonly RoleId[];
  /** The roles worn on this team (a TL here who is the EM of another team is no TL+EM of this one). */
  teamHats: readonly RoleId[];
  isPrivate: boolean;
  month: MonthKey;
  weeks: WeekCounts;
  /** Allocations in force during the month's lead weeks, oldest first (2+ means it changed mid-month). */
  allocationsInForce: readonly AllocationChange[];
  stated: Split | null;
  /** The allocation the answered weeks were measured against (stated, over answered weeks only). */
  baseline: Split | null;
  /** Mean over answered weeks; null when nothing was answered (an `as-planned` week with no
   * allocation in force counts as answered but has no known split). */
  actual: Split | null;
  /** Percentage points per hat, actual − allocation in force, averaged over answered weeks. */
  drift: Split | null;
  largestDrift: HatDrift | null;
  previousLargestDrift: HatDrift | null;
  /** Null when there is no measured drift this month. */
  direction: DriftDirection | null;
  overThreshold: boolean;
  driftStreakMonths: number;
  /** True when the streak reaches back to the start of the look-back window (it may be longer). */
  driftStreakCapped: boolean;
  technicalShare: { stated: number | null; actual: number | null };
  /** Last `chartMonths` months, oldest first, this month last. */
  series: readonly MonthPoint[];
  /** The whole look-back window, oldest first, this month last (health rules read it). */
  history: readonly MonthPoint[];
};

/** An average over private leads only; each figure null unless enough leads contribute to it. */
export type AggregateDigest = {
  scope: "private-leads";
  leadCount: number;
  weeks: WeekCounts;
  stated: Split | null;
  actual: Split | null;
  drift: Split | null;
  largestDrift: HatDrift | null;
  overThreshold: boolean;
  technicalShare: { stated: number | null; actual: number | null };
  series: readonly { month: MonthKey; statedTechnical: number | null; actualTechnical: number | null }[];
};

export type TeamDigest = {
  month: MonthKey;
  asOf: LocalDate;
  thresholdPp: number;
  /** The chart's months, oldest first. */
  chartMonths: readonly MonthKey[];
  /** Every lead with at least one counted week this month, private ones included: for DMs, never the channel. */
  leads: readonly LeadDigest[];
  /** The leads whose numbers may be shown in the team channel. */
  publicLeads: readonly LeadDigest[];
  /** Private leads: they get their own numbers by DM. */
  privateLeadIds: readonly string[];
  aggregate: AggregateDigest | null;
  /** What the channel is not shown, and why; null when no lead is private. */
  privacyNote: string | null;
};

export const DEFAULT_DRIFT_THRESHOLD_PP = 15;
export const DEFAULT_STREAK_CAP_MONTHS = 12;
export const DEFAULT_CHART_MONTHS = 6;
export const DEFAULT_STEADY_BAND_PP = 5;
/** The fewest private leads an aggregate may average over. */
export const MIN_AGGREGATE_SIZE = 3;

// ---------------------------------------------------------------------------------------------
// The window: what a store has to load
// ---------------------------------------------------------------------------------------------

export type DigestWindow = {
  /** Months examined, oldest first, `month` last. */
  months: readonly MonthKey[];
  /** First and last ISO week of those months: load `checkins` with `week BETWEEN fromWeek AND toWeek`. */
  fromWeek: IsoWeekKey;
  toWeek: IsoWeekKey;
  /** Monday of `fromWeek` and Sunday of `toWeek`: load allocations with `effective_date <= toDate`
   * (or just the last one before `fromDate` plus those after) and away ranges overlapping these dates. */
  fromDate: LocalDate;
  toDate: LocalDate;
};

type WeekInfo = { week: IsoWeekKey; thursday: LocalDate; endsBefore: LocalDate };
type MonthInfo = { month: MonthKey; weeks: readonly WeekInfo[] };

const monthCache = new Map<MonthKey, MonthInfo>();

function monthInfo(month: MonthKey): MonthInfo {
  let info = monthCache.get(month);
  if (!info) {
    const weeks = weeksOfMonth(month).map((week) => {
      const monday = isoWeekMonday(week);
      return { week, thursday: addDays(monday, 3), endsBefore: addDays(monday, 7) };
    });
    info = { month, weeks };
    if (monthCache.size > 1000) monthCache.clear();
    monthCache.set(month, info);
  }
  return info;
}

function positiveInt(value: number | undefined, fallback: number, name: string): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer, got ${v}`);
  return v;
}

function windowMonthCount(options: DigestOptions): number {
  const streak = positiveInt(options.streakCapMonths, DEFAULT_STREAK_CAP_MONTHS, "streakCapMonths");
  const chart = positiveInt(options.chartMonths, DEFAULT_CHART_MONTHS, "chartMonths");
  return Math.max(streak, chart, 2); // 2: direction needs last month
}

/** The months, weeks and dates a digest for `month` looks at. */
export function digestWindow(month: MonthKey, options: DigestOptions = {}): DigestWindow {
  const count = windowMonthCount(options);
  const months: MonthKey[] = [];
  for (let i = count - 1; i >= 0; i--) months.push(addMonths(month, -i));
  const first = monthInfo(months[0] ?? month).weeks[0];
  const lastWeeks = monthInfo(month).weeks;
  const last = lastWeeks[lastWeeks.length - 1];
  if (!first || !last) throw new RangeError(`No weeks in ${month}`); // every month has 4 or 5
  return {
    months,
    fromWeek: first.week,
    toWeek: last.week,
    fromDate: addDays(first.thursday, -3),
    toDate: addDays(last.endsBefore, -1),
  };
}

// ---------------------------------------------------------------------------------------------
// Vectors over SPLIT_KEYS
// ---------------------------------------------------------------------------------------------

const HAT_INDEX = new Map<string, number>(SPLIT_KEYS.map((h, i) => [h, i]));
const TECH_INDEXES = SPLIT_KEYS.flatMap((h, i) => (h !== "other" && TECHNICAL_ROLES.has(h) ? [i] : []));
const N = SPLIT_KEYS.length;

function toVector(split: Split): Float64Array {
  const v = new Float64Array(N);
  for (const [hat, pct] of Object.entries(split)) {
    const i = HAT_INDEX.get(hat);
    if (i !== undefined && typeof pct === "number" && Number.isFinite(pct)) v[i] = pct;
  }
  return v;
}

function addInto(sum: Float64Array, v: Float64Array): void {
  for (let i = 0; i < N; i++) sum[i] = (sum[i] ?? 0) + (v[i] ?? 0);
}

export function round1(x: number): number {
  const r = Math.round(x * 10) / 10;
  return r === 0 ? 0 : r; // no -0
}

/** Mean split from a sum over `n` weeks; hats with a zero mean are left out. */
function meanSplit(sum: Float64Array, n: number): Split | null {
  if (n === 0) return null;
  const out: Split = {};
  SPLIT_KEYS.forEach((hat, i) => {
    const v = (sum[i] ?? 0) / n;
    if (v !== 0) out[hat] = round1(v);
  });
  return out;
}

function technical(sum: Float64Array, n: number): number | null {
  if (n === 0) return null;
  let t = 0;
  for (const i of TECH_INDEXES) t += sum[i] ?? 0;
  return round1(t / n);
}

/** The hat with the largest absolute drift (ties: the first in `SPLIT_KEYS` order). */
export function largestDriftOf(drift: Split | null): HatDrift | null {
  if (!drift) return null;
  let best: HatDrift | null = null;
  for (const hat of SPLIT_KEYS) {
    const pp = drift[hat];
    if (pp === undefined) continue;
    if (!best || Math.abs(pp) > Math.abs(best.pp)) best = { hat, pp };
  }
  return best;
}

/** Technical share (tech-lead + architect) of a split, rounded to 0.1. */
export function technicalShareOf(split: Split | null): number | null {
  return split ? technical(toVector(split), 1) : null;
}

// ---------------------------------------------------------------------------------------------
// One lead
// ---------------------------------------------------------------------------------------------

type Figures = {
  month: MonthKey;
  weeks: WeekCounts;
  allocations: AllocationChange[];
  stated: Split | null;
  baseline: Split | null;
  actual: Split | null;
  drift: Split | null;
  largest: HatDrift | null;
  statedTechnical: number | null;
  actualTechnical: number | null;
};

type Timeline = { dates: LocalDate[]; changes: AllocationChange[]; vectors: Float64Array[] };

/** The allocation in force at `from` and every later change up to `to`, in force order. */
function allocationTimeline(history: readonly AllocationChange[], from: LocalDate, to: LocalDate): Timeline {
  let base: AllocationChange | undefined;
  const later: AllocationChange[] = [];
  for (const a of history) {
    if (a.effectiveDate <= from) {
      if (!base || a.effectiveDate >= base.effectiveDate) base = a;
    } else if (a.effectiveDate <= to) later.push(a);
  }
  later.sort((a, b) => (a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : 0));
  const changes = base ? [base, ...later] : later;
  return {
    dates: changes.map((c) => c.effectiveDate),
    changes,
    vectors: changes.map((c) => toVector(c.split)),
  };
}

function answerFor(answers: LeadInput["answers"], week: IsoWeekKey): CheckinAnswer | undefined {
  if (answers instanceof Map) return answers.get(week);
  const record = answers as Readonly<Record<IsoWeekKey, CheckinAnswer>>;
  return Object.hasOwn(record, week) ? record[week] : undefined;
}

function inHybridPeriod(periods: readonly HybridPeriod[], date: LocalDate): boolean {
  for (const p of periods) if (p.start <= date && (p.end === null || date < p.end)) return true;
  return false;
}

type CountedWeek = {
  month: MonthKey;
  week: IsoWeekKey;
  state: LeadWeekState;
  /** The allocation in force that week, if any. */
  change: AllocationChange | undefined;
  stated: Float64Array | undefined;
  /** What the week really was: the answer's split, or the stated one for `as-planned`. */
  actual: Float64Array | undefined;
};

/** The lead weeks of `months`, in order: the one walk both the digest and the export read. */
function countedWeeks(lead: LeadInput, months: readonly MonthInfo[], asOf: LocalDate): CountedWeek[][] {
  const firstWeek = months[0]?.weeks[0];
  const lastMonth = months[months.length - 1];
  const lastWeek = lastMonth?.weeks[lastMonth.weeks.length - 1];
  if (!firstWeek || !lastWeek) return [];
  const timeline = allocationTimeline(lead.allocations, firstWeek.thursday, lastWeek.thursday);
  const away: ReadonlySet<IsoWeekKey> =
    lead.awayWeeks === undefined
      ? new Set()
      : lead.awayWeeks instanceof Set
        ? lead.awayWeeks
        : new Set(lead.awayWeeks as readonly IsoWeekKey[]);
  let t = -1; // index into the timeline of the allocation in force
  const out: CountedWeek[][] = [];
  for (const { month, weeks } of months) {
    const counted: CountedWeek[] = [];
    for (const w of weeks) {
      while (t + 1 < timeline.dates.length && (timeline.dates[t + 1] ?? "") <= w.thursday) t++;
      const answer = answerFor(lead.answers, w.week);
      if (!inHybridPeriod(lead.hybridPeriods, w.thursday)) continue;
      if (answer === undefined && w.endsBefore > asOf) continue; // not over yet
      const stated = t >= 0 ? timeline.vectors[t] : undefined;
      let actual: Float64Array | undefined;
      if (answer?.kind === "split") actual = toVector(answer.split);
      else if (answer?.kind === "as-planned") actual = stated;
      const state: LeadWeekState =
        answer?.kind === "split" || answer?.kind === "as-planned"
          ? "answered"
          : answer?.kind === "away" || away.has(w.week)
            ? "away"
            : "missed";
      counted.push({
        month,
        week: w.week,
        state,
        change: t >= 0 ? timeline.changes[t] : undefined,
        stated,
        actual,
      });
    }
    out.push(counted);
  }
  return out;
}

function leadFigures(lead: LeadInput, months: readonly MonthInfo[], asOf: LocalDate): Figures[] {
  const walked = countedWeeks(lead, months, asOf);
  const out: Figures[] = [];
  for (const [m, { month }] of months.entries()) {
    const counts: WeekCounts = { lead: 0, answered: 0, away: 0, missing: 0 };
    const statedSum = new Float64Array(N);
    const actualSum = new Float64Array(N);
    const bothActual = new Float64Array(N);
    const bothStated = new Float64Array(N);
    let statedN = 0;
    let actualN = 0;
    let bothN = 0;
    const allocations: AllocationChange[] = [];
    for (const { state, change, stated, actual } of walked[m] ?? []) {
      counts.lead++;
      if (stated) {
        addInto(statedSum, stated);
        statedN++;
        if (change && allocations[allocations.length - 1] !== change) allocations.push(change);
      }
      if (state === "answered") counts.answered++;
      else if (state === "away") counts.away++;
      else counts.missing++;
      if (actual) {
        addInto(actualSum, actual);
        actualN++;
        if (stated) {
          addInto(bothActual, actual);
          addInto(bothStated, stated);
          bothN++;
        }
      }
    }
    const drift = driftOf(bothActual, bothStated, bothN);
    out.push({
      month,
      weeks: counts,
      allocations,
      stated: meanSplit(statedSum, statedN),
      baseline: meanSplit(bothStated, bothN),
      actual: meanSplit(actualSum, actualN),
      drift,
      largest: largestDriftOf(drift),
      statedTechnical: technical(statedSum, statedN),
      actualTechnical: technical(actualSum, actualN),
    });
  }
  return out;
}

/** Mean of (actual − stated) per hat over `n` weeks, in pp; hats absent from both are left out. */
function driftOf(actualSum: Float64Array, statedSum: Float64Array, n: number): Split | null {
  if (n === 0) return null;
  const d: Split = {};
  SPLIT_KEYS.forEach((hat, i) => {
    if ((actualSum[i] ?? 0) !== 0 || (statedSum[i] ?? 0) !== 0) {
      d[hat] = round1(((actualSum[i] ?? 0) - (statedSum[i] ?? 0)) / n);
    }
  });
  return d;
}

/**
 * One lead's weeks of `month`, each as the digest counted it: the allocation in force, what the
 * week really was and the drift against that allocation (the digest's monthly figures are means of
 * these). A missed or away week has no actual and no drift.
 */
export function leadWeeksOf(lead: LeadInput, month: MonthKey, asOf: LocalDate): LeadWeek[] {
  return (countedWeeks(lead, [monthInfo(month)], asOf)[0] ?? []).map((w) => {
    const measured = w.actual && w.stated ? driftOf(w.actual, w.stated, 1) : null;
    return {
      week: w.week,
      month: w.month,
      state: w.state,
      stated: w.stated ? meanSplit(w.stated, 1) : null,
      actual: w.actual ? meanSplit(w.actual, 1) : null,
      drift: measured,
    };
  });
}

function directionOf(
  current: HatDrift | null,
  previous: HatDrift | null,
  band: number,
): DriftDirection | null {
  if (!current) return null;
  if (!previous) return "new";
  const delta = Math.abs(current.pp) - Math.abs(previous.pp);
  if (Math.abs(delta) < band) return "steady";
  return delta > 0 ? "growing" : "shrinking";
}

function isAllAway(f: Figures): boolean {
  return f.weeks.lead > 0 && f.weeks.away === f.weeks.lead;
}

function streakOf(figures: readonly Figures[], threshold: number): { months: number; capped: boolean } {
  let months = 0;
  for (let i = figures.length - 1; i >= 0; i--) {
    const f = figures[i];
    if (!f) break;
    if (f.largest && Math.abs(f.largest.pp) > threshold) {
      months++;
      continue;
    }
    if (isAllAway(f) && i !== figures.length - 1) continue;
    return { months, capped: false };
  }
  return { months, capped: months > 0 };
}

function toPoint(f: Figures): MonthPoint {
  return {
    month: f.month,
    weeks: f.weeks,
    statedTechnical: f.statedTechnical,
    actualTechnical: f.actualTechnical,
    largestDrift: f.largest,
  };
}

type Resolved = {
  threshold: number;
  band: number;
  chartMonths: number;
  streakCap: number;
  months: MonthInfo[];
};

function resolve(month: MonthKey, options: DigestOptions): Resolved {
  const threshold = options.thresholdPp ?? DEFAULT_DRIFT_THRESHOLD_PP;
  const band = options.steadyBandPp ?? DEFAULT_STEADY_BAND_PP;
  if (!(threshold >= 0) || !(band >= 0)) throw new RangeError("thresholdPp and steadyBandPp must be ≥ 0");
  const chartMonths = positiveInt(options.chartMonths, DEFAULT_CHART_MONTHS, "chartMonths");
  const streakCap = positiveInt(options.streakCapMonths, DEFAULT_STREAK_CAP_MONTHS, "streakCapMonths");
  const count = windowMonthCount(options);
  const months: MonthInfo[] = [];
  for (let i = count - 1; i >= 0; i--) months.push(monthInfo(addMonths(month, -i)));
  return { threshold, band, chartMonths, streakCap, months };
}

function buildLead(lead: LeadInput, month: MonthKey, asOf: LocalDate, r: Resolved): LeadDigest | null {
  const figures = leadFigures(lead, r.months, asOf);
  const current = figures[figures.length - 1];
  if (!current || current.weeks.lead === 0) return null;
  // Last month, or the latest earlier month not spent entirely away (as the streak skips those).
  let previous: Figures | undefined;
  for (let i = figures.length - 2; i >= 0; i--) {
    previous = figures[i];
    if (!previous || !isAllAway(previous)) break;
  }
  // The streak looks only at its own window, which may be shorter than the chart's.
  const streak = streakOf(figures.slice(-r.streakCap), r.threshold);
  const history = figures.map(toPoint);
  const digest: LeadDigest = {
    userId: lead.userId,
    displayName: lead.displayName ?? null,
    hats: lead.hats ?? [],
    teamHats: lead.teamHats ?? lead.hats ?? [],
    isPrivate: lead.isPrivate === true,
    month,
    weeks: current.weeks,
    allocationsInForce: current.allocations,
    stated: current.stated,
    baseline: current.baseline,
    actual: current.actual,
    drift: current.drift,
    largestDrift: current.largest,
    previousLargestDrift: previous?.largest ?? null,
    direction: directionOf(current.largest, previous?.largest ?? null, r.band),
    overThreshold: current.largest !== null && Math.abs(current.largest.pp) > r.threshold,
    driftStreakMonths: streak.months,
    driftStreakCapped: streak.capped,
    technicalShare: { stated: current.statedTechnical, actual: current.actualTechnical },
    series: history.slice(-r.chartMonths),
    history,
  };
  return digest;
}

/** One lead's digest for `month` (null when the lead has no counted week in it). */
export function computeLeadDigest(
  lead: LeadInput,
  month: MonthKey,
  asOf: LocalDate,
  options: DigestOptions = {},
): LeadDigest | null {
  return buildLead(lead, month, asOf, resolve(month, options));
}

// ---------------------------------------------------------------------------------------------
// The team: privacy and aggregate
// ---------------------------------------------------------------------------------------------

function meanOfSplits(splits: readonly (Split | null)[], minCount: number): Split | null {
  const present = splits.filter((s): s is Split => s !== null);
  if (present.length < minCount || present.length === 0) return null;
  const sum = new Float64Array(N);
  for (const s of present) addInto(sum, toVector(s));
  const out: Split = {};
  SPLIT_KEYS.forEach((hat, i) => {
    if (present.some((s) => s[hat] !== undefined)) out[hat] = round1((sum[i] ?? 0) / present.length);
  });
  return out;
}

function meanOf(values: readonly (number | null)[], minCount: number): number | null {
  const present = values.filter((v): v is number => v !== null);
  if (present.length < minCount || present.length === 0) return null;
  return round1(present.reduce((a, b) => a + b, 0) / present.length);
}

function aggregateOf(leads: readonly LeadDigest[], threshold: number, k: number): AggregateDigest {
  const weeks: WeekCounts = { lead: 0, answered: 0, away: 0, missing: 0 };
  for (const l of leads) {
    weeks.lead += l.weeks.lead;
    weeks.answered += l.weeks.answered;
    weeks.away += l.weeks.away;
    weeks.missing += l.weeks.missing;
  }
  const drift = meanOfSplits(
    leads.map((l) => l.drift),
    k,
  );
  const largest = largestDriftOf(drift);
  const months = leads[0]?.series.map((p) => p.month) ?? [];
  return {
    scope: "private-leads",
    leadCount: leads.length,
    weeks,
    stated: meanOfSplits(
      leads.map((l) => l.stated),
      k,
    ),
    actual: meanOfSplits(
      leads.map((l) => l.actual),
      k,
    ),
    drift,
    largestDrift: largest,
    overThreshold: largest !== null && Math.abs(largest.pp) > threshold,
    technicalShare: {
      stated: meanOf(
        leads.map((l) => l.technicalShare.stated),
        k,
      ),
      actual: meanOf(
        leads.map((l) => l.technicalShare.actual),
        k,
      ),
    },
    series: months.map((month, i) => ({
      month,
      statedTechnical: meanOf(
        leads.map((l) => l.series[i]?.statedTechnical ?? null),
        k,
      ),
      actualTechnical: meanOf(
        leads.map((l) => l.series[i]?.actualTechnical ?? null),
        k,
      ),
    })),
  };
}

function privacyNoteFor(privateCount: number, aggregateShown: boolean): string | null {
  if (privateCount === 0) return null;
  const who = privateCount === 1 ? "1 lead keeps their numbers" : `${privateCount} leads keep their numbers`;
  if (aggregateShown) return `${who} private; they appear only in the average below.`;
  return `${who} private; with fewer than ${MIN_AGGREGATE_SIZE} private leads no average is shown, so nothing about them appears here.`;
}

/** The digest of one team for one month. */
export function computeTeamDigest(input: TeamDigestInput): TeamDigest {
  const r = resolve(input.month, input);
  const leads: LeadDigest[] = [];
  for (const lead of input.leads) {
    const d = buildLead(lead, input.month, input.asOf, r);
    if (d) leads.push(d);
  }
  const privateLeads = leads.filter((l) => l.isPrivate);
  const aggregate =
    privateLeads.length >= MIN_AGGREGATE_SIZE
      ? aggregateOf(privateLeads, r.threshold, MIN_AGGREGATE_SIZE)
      : null;
  return {
    month: input.month,
    asOf: input.asOf,
    thresholdPp: r.threshold,
    chartMonths: r.months.slice(-r.chartMonths).map((m) => m.month),
    leads,
    publicLeads: leads.filter((l) => !l.isPrivate),
    privateLeadIds: privateLeads.map((l) => l.userId),
    aggregate,
    privacyNote: privacyNoteFor(privateLeads.length, aggregate !== null),
  };
}
