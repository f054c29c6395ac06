/**
 * The organisation's monthly report: every team's digest of one month, read together, for rolecall's
 * admins. Pure: the team digests come in already computed (domain/digest.ts), and the findings are the
 * team health rules (domain/health-rules.ts) gathered across teams.
 *
 * **Privacy.** A private lead's figures never leave their own DM, and this report must not let anyone
 * work one out. So private leads are only ever *counted*, and only in a group of at least
 * `MIN_AGGREGATE_SIZE` (3) private leads; a group that would hold one or two private leads leaves
 * their contribution out entirely (a count of 1 or 2, or an average that moves when they join it, would
 * give them away by subtraction from the public figures that team digests already show).
 * - A lead finding (mentoring risk, context decay, persistent drift) names public leads; private leads
 *   it fires for are counted only when 3 or more are (across the organisation), else left out.
 * - A team's response rate and the drift average pool a team's private leads only when the team has 3
 *   or more of them (like the digest's own aggregate); otherwise they contribute nothing. Organisation
 *   totals are sums of the teams' figures exactly as shown, so no difference between the two isolates
 *   a small group.
 * - The split rule is about a team (its size, and that someone wears both the TL and EM hat, which
 *   `/role team` shows anyway): a team is listed when a public lead, or 3 or more private leads, make it
 *   fire there; public hybrids are named, private ones counted under the same rule of 3.
 */
import { type LeadDigest, MIN_AGGREGATE_SIZE, round1, type TeamDigest } from "./digest.ts";
import { type HealthRuleId, SPLIT_TEAM_MIN_ENGINEERS, teamHealthFindings } from "./health-rules.ts";
import type { MonthKey } from "./time.ts";

export type OrgTeamInput = {
  channelId: string;
  teamName: string | null;
  /** Engineers on the team (headcount), null when unknown: the split rule then cannot fire. */
  engineerCount: number | null;
  digest: TeamDigest;
  /** Per lead: architecture-owned areas they decide on this team (the context-decay rule). */
  architectureAreasDecided?: Readonly<Record<string, number>>;
};

export type OrgLeadRuleId = Exclude<HealthRuleId, "split-hybrid-team">;

export type OrgTeamRef = { channelId: string; teamName: string | null };
export type OrgLead = { userId: string; displayName: string | null; teams: readonly OrgTeamRef[] };

/** One rule across the organisation: the public leads it fires for, and how many private ones. */
export type OrgLeadFinding = {
  rule: OrgLeadRuleId;
  leads: readonly OrgLead[];
  /** Private leads it fires for; null when fewer than 3 (they are then left out entirely). */
  privateLeadCount: number | null;
};

export type OrgSplitFinding = {
  channelId: string;
  teamName: string | null;
  engineerCount: number;
  /** Public leads wearing both the tech-lead and the engineering-manager hat on this team. */
  hybrids: readonly { userId: string; displayName: string | null }[];
  /** Private such leads; null when fewer than 3 (left out). */
  privateHybridCount: number | null;
};

/** Check-in answers per team: weeks answered out of weeks owed (away weeks are not owed). */
export type TeamResponse = {
  channelId: string;
  teamName: string | null;
  /** Leads counted: public ones, plus the private ones when the team has 3 or more. */
  leadCount: number;
  answered: number;
  owed: number;
  /** Percent, rounded to 0.1; null when no week was owed. */
  ratePct: number | null;
};

/** One line pair of the chart: technical share, stated and actual, per month of the chart. */
export type OrgShareSeries = {
  /** A public lead, or the average of a team's private leads (shown only where the team digest shows it). */
  who:
    | { kind: "lead"; userId: string; displayName: string | null }
    | { kind: "private-average"; channelId: string; teamName: string | null; leadCount: number };
  points: readonly { month: MonthKey; stated: number | null; actual: number | null }[];
};

export type OrgSummary = {
  month: MonthKey;
  splitTeams: readonly OrgSplitFinding[];
  leadFindings: readonly OrgLeadFinding[];
  /** Teams with at least one counted lead, in input order. */
  responses: readonly TeamResponse[];
  /** Split teams plus every lead each rule counts (public named, private counted). */
  findingCount: number;
  /** Mean |largest drift| in pp over the counted leads with a measured drift (0 when as planned); null when none. */
  averageDriftPp: number | null;
  /** All counted teams' answered weeks over owed weeks; null when none owed. */
  responseRatePct: number | null;
  /** The chart's months, oldest first (the digests' chart window). */
  chartMonths: readonly MonthKey[];
  chart: readonly OrgShareSeries[];
};

export type TrendDirection = "up" | "down" | "same";
export type Trend = { current: number | null; previous: number | null; direction: TrendDirection | null };

export type OrgReport = OrgSummary & {
  previousMonth: MonthKey | null;
  trend: { findingCount: Trend; averageDriftPp: Trend; responseRatePct: Trend };
};

const LEAD_RULES: readonly OrgLeadRuleId[] = [
  "nobody-mentored",
  "architecture-context-decay",
  "persistent-drift",
];

function isTlEmHybrid(lead: LeadDigest): boolean {
  return lead.teamHats.includes("tech-lead") && lead.teamHats.includes("engineering-manager");
}

/** The leads of a team whose figures may count: public ones, and private ones in a pool of 3+. */
function countedLeads(digest: TeamDigest): LeadDigest[] {
  const privates = digest.leads.filter((l) => l.isPrivate).length;
  return digest.leads.filter((l) => !l.isPrivate || privates >= MIN_AGGREGATE_SIZE);
}

function atLeastThree(n: number): number | null {
  return n >= MIN_AGGREGATE_SIZE ? n : null;
}

function splitFinding(team: OrgTeamInput): OrgSplitFinding | null {
  const count = team.engineerCount;
  if (count === null || count < SPLIT_TEAM_MIN_ENGINEERS) return null;
  const hybrids = team.digest.leads.filter(isTlEmHybrid);
  const publicOnes = hybrids.filter((l) => !l.isPrivate);
  const privateCount = atLeastThree(hybrids.length - publicOnes.length);
  if (publicOnes.length === 0 && privateCount === null) return null;
  return {
    channelId: team.channelId,
    teamName: team.teamName,
    engineerCount: count,
    hybrids: publicOnes.map((l) => ({ userId: l.userId, displayName: l.displayName })),
    privateHybridCount: privateCount,
  };
}

function leadFindings(teams: readonly OrgTeamInput[]): OrgLeadFinding[] {
  // Per rule, per lead (a lead of several teams is one lead with several teams).
  const fired = new Map<OrgLeadRuleId, Map<string, { lead: LeadDigest; teams: OrgTeamRef[] }>>();
  for (const team of teams) {
    const findings = teamHealthFindings(team.digest, {
      engineerCount: team.engineerCount,
      architectureAreasDecided: team.architectureAreasDecided ?? {},
    });
    for (const f of findings) {
      if (f.rule === "split-hybrid-team" || f.userId === null) continue;
      const lead = team.digest.leads.find((l) => l.userId === f.userId);
      if (!lead) continue;
      const byLead = fired.get(f.rule) ?? new Map();
      fired.set(f.rule, byLead);
      const entry = byLead.get(lead.userId) ?? { lead, teams: [] };
      entry.teams.push({ channelId: team.channelId, teamName: team.teamName });
      byLead.set(lead.userId, entry);
    }
  }
  return LEAD_RULES.flatMap((rule) => {
    const entries = [...(fired.get(rule)?.values() ?? [])];
    const leads = entries
      .filter((e) => !e.lead.isPrivate)
      .map((e) => ({ userId: e.lead.userId, displayName: e.lead.displayName, teams: e.teams }));
    const privateLeadCount = atLeastThree(entries.filter((e) => e.lead.isPrivate).length);
    return leads.length > 0 || privateLeadCount !== null ? [{ rule, leads, privateLeadCount }] : [];
  });
}

/**
 * Public leads' technical share, each once however many teams they lead, and each team's private-lead
 * average exactly where its digest shows one (3 or more private leads).
 */
function shareSeries(teams: readonly OrgTeamInput[]): OrgShareSeries[] {
  const seen = new Set<string>();
  const out: OrgShareSeries[] = [];
  for (const team of teams) {
    for (const lead of team.digest.publicLeads) {
      if (seen.has(lead.userId)) continue;
      seen.add(lead.userId);
      out.push({
        who: { kind: "lead", userId: lead.userId, displayName: lead.displayName },
        points: lead.series.map((p) => ({
          month: p.month,
          stated: p.statedTechnical,
          actual: p.actualTechnical,
        })),
      });
    }
    const agg = team.digest.aggregate;
    if (agg) {
      out.push({
        who: {
          kind: "private-average",
          channelId: team.channelId,
          teamName: team.teamName,
          leadCount: agg.leadCount,
        },
        points: agg.series.map((p) => ({
          month: p.month,
          stated: p.statedTechnical,
          actual: p.actualTechnical,
        })),
      });
    }
  }
  return out;
}

function ratePct(answered: number, owed: number): number | null {
  return owed === 0 ? null : round1((answered / owed) * 100);
}

/** One month's findings and figures, without the comparison with the month before. */
export function summarizeOrg(month: MonthKey, teams: readonly OrgTeamInput[]): OrgSummary {
  const splitTeams = teams.flatMap((t) => splitFinding(t) ?? []);
  const findings = leadFindings(teams);
  const responses: TeamResponse[] = [];
  const drifts: number[] = [];
  for (const team of teams) {
    const counted = countedLeads(team.digest);
    if (counted.length === 0) continue;
    let answered = 0;
    let owed = 0;
    for (const lead of counted) {
      answered += lead.weeks.answered;
      owed += lead.weeks.answered + lead.weeks.missing;
      // A lead who answered exactly as planned has a drift of 0 (no largest hat), which counts too.
      if (lead.drift) drifts.push(Math.abs(lead.largestDrift?.pp ?? 0));
    }
    responses.push({
      channelId: team.channelId,
      teamName: team.teamName,
      leadCount: counted.length,
      answered,
      owed,
      ratePct: ratePct(answered, owed),
    });
  }
  const findingCount =
    splitTeams.length + findings.reduce((n, f) => n + f.leads.length + (f.privateLeadCount ?? 0), 0);
  const totalAnswered = responses.reduce((n, r) => n + r.answered, 0);
  const totalOwed = responses.reduce((n, r) => n + r.owed, 0);
  return {
    month,
    splitTeams,
    leadFindings: findings,
    responses,
    findingCount,
    averageDriftPp: drifts.length ? round1(drifts.reduce((a, b) => a + b, 0) / drifts.length) : null,
    responseRatePct: ratePct(totalAnswered, totalOwed),
    chartMonths: teams[0]?.digest.chartMonths ?? [],
    chart: shareSeries(teams),
  };
}

function trend(current: number | null, previous: number | null): Trend {
  const direction =
    current === null || previous === null
      ? null
      : current > previous
        ? "up"
        : current < previous
          ? "down"
          : "same";
  return { current, previous, direction };
}

/** The month's report, compared with the month before when its digests are given. */
export function computeOrgReport(input: {
  month: MonthKey;
  teams: readonly OrgTeamInput[];
  previous?: { month: MonthKey; teams: readonly OrgTeamInput[] };
}): OrgReport {
  const now = summarizeOrg(input.month, input.teams);
  const before = input.previous ? summarizeOrg(input.previous.month, input.previous.teams) : null;
  return {
    ...now,
    previousMonth: before?.month ?? null,
    trend: {
      findingCount: trend(now.findingCount, before?.findingCount ?? null),
      averageDriftPp: trend(now.averageDriftPp, before?.averageDriftPp ?? null),
      responseRatePct: trend(now.responseRatePct, before?.responseRatePct ?? null),
    },
  };
}
