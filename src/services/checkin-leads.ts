/**
 * Who gets a weekly check-in in a workspace, and on what schedule.
 *
 * - **Lead.** A person wearing two or more distinct roles across the workspace's teams (hats on any
 *   channels) on the Thursday of *their own* current ISO week. Thursday is the day the digest measures
 *   a week against too, so a week is asked about exactly when it will count for the lead.
 * - **Time zone.** The lead's Slack `tz` from `users.info`, cached 24 h in `people` (`slackProfile`);
 *   without one (never fetched, or Slack unreachable), the workspace's time zone.
 * - **Slot.** The lead's own `/role checkin at …` (both weekday and time set), else the workspace's.
 * - **Public holidays.** The lead's own `/role checkin country …`, else the workspace's
 *   `settings.holidays`, else none; a check-in on a holiday moves earlier in the week.
 * - **Stated split.** Allocations are per person per workspace (not per team), so a lead on several
 *   teams has one split; the one shown for a week is the one in force on that week's Thursday, the
 *   split the digest reads an "As planned" answer as.
 */
import type { AppContext } from "../context.ts";
import { canonicalSplit, distinctRoles, isHybrid, type Split } from "../domain/allocation.ts";
import type { DateRange } from "../domain/away-range.ts";
import type { LeadSchedule, ScheduleOptions } from "../domain/checkin-schedule.ts";
import { type CheckinSlot, DEFAULT_CHECKIN_SLOT, isValidCheckinSlot } from "../domain/checkin-slot.ts";
import type { RoleId } from "../domain/roles.ts";
import {
  addWeeks,
  type IsoWeekKey,
  isoWeekAt,
  isoWeekThursday,
  type LocalDate,
  resolveTimeZone,
  type Weekday,
} from "../domain/time.ts";
import type { Profile } from "../store/people.ts";
import type { WorkspaceSettings } from "../store/workspaces.ts";
import { mapPool } from "./pool.ts";
import { type FetchSlackUser, slackProfile } from "./profiles.ts";
import { holidayCalendar } from "./public-holidays.ts";

/** Send attempts per lead and week, the first included (then the week is left alone). */
export const CHECKIN_MAX_ATTEMPTS = 5;
/** A failed send is retried after 15, 30, 60, 120 minutes. */
export const CHECKIN_RETRY_BASE_MINUTES = 15;
/**
 * A claim unconfirmed for this long is taken for a crash and reconciled. Longer than any call of a
 * live sender can take (a 30 s timeout, 3 retries and their back-off, a Retry-After wait), so a
 * send still in flight in another process is never raced.
 */
export const CHECKIN_CLAIM_GRACE_MINUTES = 5;

const HOUR_MS = 3_600_000;

export type Lead = {
  schedule: LeadSchedule;
  displayName: string | null;
  /** The lead's current ISO week on their own wall clock. */
  week: IsoWeekKey;
  roles: RoleId[];
  tzSource: "slack-profile" | "workspace";
  /** When the Slack profile was last fetched (null: never). */
  profileFetchedAt: string | null;
  slotSource: "person" | "workspace";
};

/** Someone hybrid in some zone's current week but not in their own: not asked this week. */
export type NotLead = { userId: string; week: IsoWeekKey; roles: RoleId[]; reason: string };

export type WorkspaceLeads = {
  teamId: string;
  settings: WorkspaceSettings;
  leads: Lead[];
  notLeads: NotLead[];
  /** Every week a lead may be in now, and the week before each (for `explainLead`). */
  weeks: IsoWeekKey[];
};

/** Where the Slack profile (time zone, check-in settings) comes from. */
export type ProfileSource = (teamId: string, userId: string) => Promise<Profile | undefined>;

/** The cached profile only, never calling Slack (`--dry-run`). */
export function cachedProfiles(ctx: AppContext): ProfileSource {
  return async (teamId, userId) => ctx.stores.people.get(teamId, userId);
}

/**
 * `slackProfile` (cached 24 h), except that after a failed refresh the person is not asked about
 * again for an hour: a deleted account must not cost a `users.info` call and a warning every minute.
 * The map lives as long as the job, so a restart simply tries again.
 */
export function refreshingProfiles(
  ctx: AppContext,
  fetchUser: FetchSlackUser,
  failedUntil = new Map<string, number>(),
): ProfileSource {
  return async (teamId, userId) => {
    const key = `${teamId} ${userId}`;
    const now = ctx.clock().getTime();
    if ((failedUntil.get(key) ?? 0) > now) return ctx.stores.people.get(teamId, userId);
    const before = ctx.stores.people.get(teamId, userId)?.profileFetchedAt ?? null;
    const profile = await slackProfile(ctx, fetchUser, teamId, userId);
    const fetched = profile?.profileFetchedAt ?? null;
    if (fetched === null || (fetched === before && now - Date.parse(fetched) >= 24 * HOUR_MS)) {
      failedUntil.set(key, now + HOUR_MS);
    } else {
      failedUntil.delete(key);
    }
    return profile;
  };
}

/** The workspace's check-in defaults, as stored (the schema keeps them valid). */
export function workspaceSlot(settings: WorkspaceSettings): CheckinSlot {
  const slot = { weekday: settings.checkinWeekday as Weekday, time: settings.checkinTime };
  return isValidCheckinSlot(slot) ? slot : DEFAULT_CHECKIN_SLOT;
}

export function scheduleOptions(settings: WorkspaceSettings): ScheduleOptions {
  return {
    reminderAfterHours: settings.reminderAfterHours,
    maxAttempts: CHECKIN_MAX_ATTEMPTS,
    retryBackoffMinutes: CHECKIN_RETRY_BASE_MINUTES,
    claimGraceMinutes: CHECKIN_CLAIM_GRACE_MINUTES,
  };
}

/** The ISO weeks any zone can be in at `now` (UTC−12 to UTC+14): one, or two around a week change. */
function weeksAnywhere(now: Date): IsoWeekKey[] {
  const earliest = isoWeekAt(new Date(now.getTime() - 12 * HOUR_MS), "UTC").key;
  const latest = isoWeekAt(new Date(now.getTime() + 14 * HOUR_MS), "UTC").key;
  return earliest === latest ? [earliest] : [earliest, latest];
}

function rolesByUser(ctx: AppContext, teamId: string, week: IsoWeekKey): Map<string, RoleId[]> {
  const byUser = new Map<string, { role: RoleId }[]>();
  for (const h of ctx.stores.hats.allOn(teamId, isoWeekThursday(week))) {
    byUser.set(h.userId, [...(byUser.get(h.userId) ?? []), h]);
  }
  return new Map([...byUser].map(([u, hats]) => [u, distinctRoles(hats)]));
}

/**
 * The workspace's hybrid leads at `now`, each with the schedule `dueCheckins` reads. Profiles are
 * fetched through `profiles` with at most `concurrency` in flight.
 */
export async function workspaceLeads(
  ctx: AppContext,
  teamId: string,
  now: Date,
  profiles: ProfileSource,
  concurrency = 8,
): Promise<WorkspaceLeads> {
  const settings = ctx.stores.workspaces.get(teamId);
  if (!settings) throw new Error(`Unknown workspace ${teamId}`);
  const workspaceTz = resolveTimeZone(settings.timezone);
  const defaultSlot = workspaceSlot(settings);
  const weeks = weeksAnywhere(now);
  const roles = new Map(weeks.map((w) => [w, rolesByUser(ctx, teamId, w)]));
  const candidates = [
    ...new Set(
      weeks.flatMap((w) => [...(roles.get(w) ?? [])].filter(([, r]) => isHybrid(r)).map(([u]) => u)),
    ),
  ].sort();
  const away = ctx.stores.checkins.awayByUser(teamId);
  const workspaceHolidays = holidayCalendar(
    settings.holidayCountry ? { country: settings.holidayCountry, region: settings.holidayRegion } : null,
  );

  const found = await mapPool(candidates, concurrency, async (userId) => {
    const profile = await profiles(teamId, userId);
    const tz = resolveTimeZone(profile?.tz, workspaceTz);
    const week = isoWeekAt(now, tz).key;
    // Every zone is within UTC−12..+14, so this is one of `weeks`; computed only if ICU disagrees.
    let own = roles.get(week);
    if (!own) {
      own = rolesByUser(ctx, teamId, week);
      roles.set(week, own);
    }
    const held = own.get(userId) ?? [];
    if (!isHybrid(held)) {
      return {
        notLead: {
          userId,
          week,
          roles: held,
          reason: `wears ${held.length === 0 ? "no hat" : "one hat"} in their own week ${week}`,
        },
      };
    }
    const ownSlot = profile && personSlot(profile);
    const lead: Lead = {
      schedule: {
        userId,
        tz,
        slot: ownSlot ?? defaultSlot,
        paused: profile?.checkinPaused ?? false,
        away: away.get(userId) ?? ([] as DateRange[]),
        holidays: profile?.holidayCountry
          ? holidayCalendar({ country: profile.holidayCountry, region: profile.holidayRegion })
          : workspaceHolidays,
      },
      displayName: profile?.displayName ?? null,
      week,
      roles: held,
      tzSource: profile?.tz && tz === profile.tz ? "slack-profile" : "workspace",
      profileFetchedAt: profile?.profileFetchedAt ?? null,
      slotSource: ownSlot ? "person" : "workspace",
    };
    return { lead };
  });
  const leadWeeks = new Set<IsoWeekKey>(weeks);
  for (const w of weeks) leadWeeks.add(addWeeks(w, -1));
  return {
    teamId,
    settings,
    leads: found.flatMap((f) => ("lead" in f && f.lead ? [f.lead] : [])),
    notLeads: found.flatMap((f) => ("notLead" in f && f.notLead ? [f.notLead] : [])),
    weeks: [...leadWeeks].sort(),
  };
}

function personSlot(profile: Profile): CheckinSlot | undefined {
  if (profile.checkinWeekday === null || profile.checkinTime === null) return undefined;
  const slot = { weekday: profile.checkinWeekday as Weekday, time: profile.checkinTime };
  return isValidCheckinSlot(slot) ? slot : undefined;
}

/** What the DM of one lead's week shows: the hats worn and the split in force on its Thursday. */
export function checkinContent(
  ctx: AppContext,
  teamId: string,
  userId: string,
  week: IsoWeekKey,
): { roles: RoleId[]; stated: { split: Split; since: LocalDate } | undefined } {
  const thursday = isoWeekThursday(week);
  const roles = distinctRoles(ctx.stores.hats.ofUser(teamId, userId, thursday));
  const inForce = ctx.stores.allocations.inForce(teamId, userId, thursday);
  return {
    roles,
    stated: inForce && { split: canonicalSplit(inForce.split), since: inForce.effectiveDate },
  };
}
