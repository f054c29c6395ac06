/**
 * Loads what `computeTeamDigest` needs for one team (channel) and one month, in a fixed handful of
 * queries whose reads are bounded by the digest's window (`digestWindow`), however many years of
 * history the workspace has:
 *
 * 1. the workspace's threshold and default check-in slot (primary key);
 * 2. who ever wore a hat on the channel, then those people's hats on every team: the last change per
 *    (channel, role) on or before the window's first day plus the changes inside the window (hat
 *    history is tiny: a few rows per person per year). A lead of this team is someone wearing a hat
 *    here while wearing two or more distinct roles across the workspace (`leadPeriodsOnTeam`), the
 *    same people the weekly check-in asks;
 * 3. the leads' `people` rows (privacy flag, name, personal check-in slot);
 * 4. allocations: for each lead the one in force at the window's start (an index seek) and the
 *    changes inside the window (an index range);
 * 5. answered check-ins with `week BETWEEN fromWeek AND toWeek` (primary-key range per lead);
 * 6. away ranges overlapping the window;
 * 7. the channel's overrides of architecture-owned areas (for the context-decay rule).
 *
 * Away weeks follow the check-in rule (`isAwayWeek`): a week is away when its check-in day lies in
 * an away range. The check-in day is the lead's own slot weekday (when they set a whole slot), else
 * the workspace default, else Friday. A check-in row whose split cannot be read is treated as unanswered rather than failing
 * the whole team's digest.
 */
import type { Split } from "../domain/allocation.ts";
import { awayWeeksOf } from "../domain/away-range.ts";
import type { CheckinSlot } from "../domain/checkin-slot.ts";
import {
  type CheckinAnswer,
  type DigestOptions,
  digestWindow,
  type LeadInput,
  type TeamDigestInput,
} from "../domain/digest.ts";
import { type HatChange, leadPeriodsOnTeam, rolesWornOn } from "../domain/hat-periods.ts";
import { isRoleId, type RoleId } from "../domain/roles.ts";
import {
  type IsoWeekKey,
  type LocalDate,
  type MonthKey,
  type Weekday,
  weekKeysBetween,
} from "../domain/time.ts";
import type { Db } from "./db.ts";

export type DigestInputRequest = {
  teamId: string;
  channelId: string;
  month: MonthKey;
  /** The day the digest is computed (workspace-local date). */
  asOf: LocalDate;
  /** Overrides the workspace's `drift_threshold_pp` (tests, CLI experiments). */
  options?: Omit<DigestOptions, "chartMonths" | "streakCapMonths">;
};

/** A lead with a public-holiday place: which of the window's weeks public holidays make away is
 * decided above the store (services/holiday-away-weeks.ts), where the holiday calendar lives. */
export type HolidayCheck = {
  userId: string;
  place: { country: string; region: string | null };
  slot: CheckinSlot;
  weeks: readonly IsoWeekKey[];
};

export type DigestInputs = {
  input: TeamDigestInput;
  /** Leads whose own place, else the workspace's, has public holidays. */
  holidayChecks: HolidayCheck[];
  /** Per lead: architecture-owned areas this lead decides on this team (missing = 0). */
  architectureAreasDecided: Record<string, number>;
};

type HatRow = {
  user_id: string;
  channel_id: string;
  role: string;
  action: "assign" | "unassign";
  effective_date: string;
};
type PersonRow = {
  user_id: string;
  display_name: string | null;
  digest_private: number;
  checkin_weekday: number | null;
  checkin_time: string | null;
  holiday_country: string | null;
  holiday_region: string | null;
};
type AllocationRow = { user_id: string; effective_date: string; split: string };
type CheckinRow = { user_id: string; week: string; answer_kind: string | null; actual_split: string | null };
type AwayRow = { user_id: string; start_date: string; end_date: string };
type OverrideRow = { decider_role: string | null; decider_user_id: string | null };
type WorkspaceRow = {
  drift_threshold_pp: number;
  checkin_weekday: number;
  checkin_time: string;
  holiday_country: string | null;
  holiday_region: string | null;
};

const DEFAULT_SLOT = { weekday: 5 as Weekday, time: "15:00" };

export class DigestInputStore {
  private readonly workspace;
  private readonly channelPeople;
  private readonly hats;
  private readonly people;
  private readonly allocations;
  private readonly checkins;
  private readonly away;
  private readonly architectureOverrides;

  constructor(db: Db) {
    this.workspace = db.prepare(
      "SELECT drift_threshold_pp, checkin_weekday, checkin_time, holiday_country, holiday_region FROM workspaces WHERE team_id = ?",
    );
    this.channelPeople = db.prepare(
      `SELECT DISTINCT user_id FROM hat_changes
       WHERE team_id = @team AND channel_id = @channel AND effective_date <= @to`,
    );
    // Their hats on every team: the state at the window's start (latest change per channel and
    // role), then the window's changes.
    this.hats = db.prepare(
      `WITH leads(user_id) AS (SELECT value FROM json_each(@users))
       SELECT user_id, channel_id, role, action, effective_date, id FROM (
         SELECT h.user_id, h.channel_id, h.role, h.action, h.effective_date, h.id,
                row_number() OVER (PARTITION BY h.user_id, h.channel_id, h.role
                                   ORDER BY h.effective_date DESC, h.id DESC) AS rn
         FROM leads l CROSS JOIN hat_changes h ON h.team_id = @team AND h.user_id = l.user_id
          AND h.effective_date <= @from
       ) WHERE rn = 1
       UNION ALL
       SELECT h.user_id, h.channel_id, h.role, h.action, h.effective_date, h.id FROM leads l
         CROSS JOIN hat_changes h ON h.team_id = @team AND h.user_id = l.user_id
          AND h.effective_date > @from AND h.effective_date <= @to
       ORDER BY effective_date, id`,
    );
    this.people = db.prepare(
      `SELECT user_id, display_name, digest_private, checkin_weekday, checkin_time, holiday_country, holiday_region FROM people
       WHERE team_id = @team AND user_id IN (SELECT value FROM json_each(@users))`,
    );
    // Per lead: one seek for the allocation in force at the window's start, one range for the rest.
    this.allocations = db.prepare(
      `WITH leads(user_id) AS (SELECT value FROM json_each(@users))
       SELECT a.user_id, a.effective_date, a.split, a.id FROM leads l
         CROSS JOIN allocation_changes a ON a.id = (
           SELECT b.id FROM allocation_changes b
           WHERE b.team_id = @team AND b.user_id = l.user_id AND b.effective_date <= @from
           ORDER BY b.effective_date DESC, b.id DESC LIMIT 1)
       UNION ALL
       SELECT a.user_id, a.effective_date, a.split, a.id FROM leads l
         CROSS JOIN allocation_changes a ON a.team_id = @team AND a.user_id = l.user_id
          AND a.effective_date > @from AND a.effective_date <= @to
       ORDER BY 1, 2, 4`,
    );
    this.checkins = db.prepare(
      `WITH leads(user_id) AS (SELECT value FROM json_each(@users))
       SELECT c.user_id, c.week, c.answer_kind, c.actual_split FROM leads l
         CROSS JOIN checkins c ON c.team_id = @team AND c.user_id = l.user_id
          AND c.week BETWEEN @fromWeek AND @toWeek
       WHERE c.state = 'answered'`,
    );
    this.away = db.prepare(
      `WITH leads(user_id) AS (SELECT value FROM json_each(@users))
       SELECT r.user_id, r.start_date, r.end_date FROM leads l
         CROSS JOIN away_ranges r ON r.team_id = @team AND r.user_id = l.user_id AND r.start_date <= @to
       WHERE r.end_date >= @from`,
    );
    this.architectureOverrides = db.prepare(
      `SELECT o.decider_role, o.decider_user_id FROM decider_overrides o
         JOIN areas a ON a.team_id = o.team_id AND a.area_id = o.area_id
       WHERE o.team_id = @team AND o.channel_id = @channel AND a.decider_role = 'architect'`,
    );
  }

  /** The digest input of one team for one month (leads = anyone hybrid on this channel in the window). */
  load(req: DigestInputRequest): DigestInputs {
    const { teamId: team, channelId: channel, month, asOf } = req;
    const window = digestWindow(month);
    const range = { team, from: window.fromDate, to: window.toDate };
    const ws = this.workspace.get(team) as WorkspaceRow | undefined;

    const candidates = (this.channelPeople.all({ team, channel, to: window.toDate }) as { user_id: string }[])
      .map((r) => r.user_id)
      .sort();
    const changesByUser = new Map<string, HatChange[]>();
    const hatRows = this.hats.all({ ...range, users: JSON.stringify(candidates) }) as HatRow[];
    for (const r of hatRows) {
      if (!isRoleId(r.role)) continue;
      const list = changesByUser.get(r.user_id) ?? [];
      list.push({ role: r.role, action: r.action, effectiveDate: r.effective_date, channelId: r.channel_id });
      changesByUser.set(r.user_id, list);
    }
    const hybrid = new Map<
      string,
      { periods: LeadInput["hybridPeriods"]; hats: RoleId[]; hatsHere: RoleId[] }
    >();
    for (const [userId, changes] of changesByUser) {
      const periods = leadPeriodsOnTeam(changes, channel).filter(
        (p) => p.start <= window.toDate && (p.end === null || p.end > window.fromDate),
      );
      if (periods.length > 0) {
        hybrid.set(userId, {
          periods,
          hats: rolesWornOn(changes, window.toDate),
          hatsHere: rolesWornOn(
            changes.filter((c) => c.channelId === channel),
            window.toDate,
          ),
        });
      }
    }
    const users = JSON.stringify([...hybrid.keys()].sort());
    const params = { ...range, users };

    const people = new Map(
      (this.people.all({ team, users }) as PersonRow[]).map((p) => [p.user_id, p] as const),
    );
    const allocations = groupBy(this.allocations.all(params) as AllocationRow[]);
    const answers = groupBy(
      this.checkins.all({ team, users, fromWeek: window.fromWeek, toWeek: window.toWeek }) as CheckinRow[],
    );
    const away = groupBy(this.away.all(params) as AwayRow[]);
    const overrides = this.architectureOverrides.all({ team, channel }) as OverrideRow[];
    const windowWeeks = weekKeysBetween(window.fromWeek, window.toWeek);

    const leads: LeadInput[] = [];
    const holidayChecks: HolidayCheck[] = [];
    const architectureAreasDecided: Record<string, number> = {};
    for (const [userId, { periods, hats, hatsHere }] of [...hybrid].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const person = people.get(userId);
      const ranges = (away.get(userId) ?? []).map((r) => ({ start: r.start_date, end: r.end_date }));
      // As the check-in job reads it: the lead's own slot only when both its parts are set.
      const own = person?.checkin_weekday != null && person.checkin_time != null;
      const slot = {
        weekday: ((own ? person?.checkin_weekday : ws?.checkin_weekday) ?? DEFAULT_SLOT.weekday) as Weekday,
        time: (own ? person?.checkin_time : ws?.checkin_time) ?? DEFAULT_SLOT.time,
      };
      const awayWeeks = awayWeeksOf({ slot, away: ranges }, windowWeeks);
      // As the check-in job reads it: the person's own place, else the workspace's.
      const place = person?.holiday_country
        ? { country: person.holiday_country, region: person.holiday_region }
        : ws?.holiday_country
          ? { country: ws.holiday_country, region: ws.holiday_region }
          : null;
      if (place) holidayChecks.push({ userId, place, slot, weeks: windowWeeks });
      leads.push({
        userId,
        displayName: person?.display_name ?? null,
        hats,
        teamHats: hatsHere,
        isPrivate: person?.digest_private === 1,
        hybridPeriods: periods,
        allocations: (allocations.get(userId) ?? []).flatMap((a) => {
          const split = parseSplit(a.split);
          return split ? [{ effectiveDate: a.effective_date, split }] : [];
        }),
        answers: new Map((answers.get(userId) ?? []).flatMap((c) => answerOf(c))),
        awayWeeks,
      });
      const decided = overrides.filter(
        (o) =>
          o.decider_user_id === userId ||
          // A role override names whoever wears that hat on this team.
          (o.decider_role === "engineering-manager" && hatsHere.includes("engineering-manager")),
      ).length;
      if (decided > 0) architectureAreasDecided[userId] = decided;
    }
    return {
      input: {
        month,
        asOf,
        thresholdPp: req.options?.thresholdPp ?? ws?.drift_threshold_pp,
        ...(req.options?.steadyBandPp !== undefined ? { steadyBandPp: req.options.steadyBandPp } : {}),
        leads,
      },
      holidayChecks,
      architectureAreasDecided,
    };
  }
}

function groupBy<T extends { user_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.user_id);
    if (list) list.push(r);
    else out.set(r.user_id, [r]);
  }
  return out;
}

function parseSplit(json: string | null): Split | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json) as unknown;
    if (!value || typeof value !== "object" || Array.isArray(value)) return null;
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries(value)) {
      if (typeof v !== "number" || !Number.isFinite(v)) return null;
      out[k] = v;
    }
    return out as Split;
  } catch {
    return null;
  }
}

function answerOf(row: CheckinRow): [IsoWeekKey, CheckinAnswer][] {
  if (row.answer_kind === "as-planned" || row.answer_kind === "away")
    return [[row.week, { kind: row.answer_kind }]];
  if (row.answer_kind === "split") {
    const split = parseSplit(row.actual_split);
    return split ? [[row.week, { kind: "split", split }]] : [];
  }
  return [];
}
