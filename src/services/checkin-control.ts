/**
 * `/role checkin pause|resume|at|away`: a lead's own check-in settings, shared by Slack and any CLI.
 * Anyone may set their own (a person with one hat is told check-ins start when they hold two, and the
 * setting waits for then); nobody sets anyone else's.
 */
import type { AppContext } from "../context.ts";
import { distinctRoles } from "../domain/allocation.ts";
import { type DateRange, isAwayWeek } from "../domain/away-range.ts";
import { type AwayCheck, checkAwayRange } from "../domain/checkin-control.ts";
import {
  type CheckinSlot,
  checkinSlotInstant,
  DEFAULT_CHECKIN_SLOT,
  isValidCheckinSlot,
} from "../domain/checkin-slot.ts";
import type { RoleId } from "../domain/roles.ts";
import { addWeeks, isoWeekAt, localDateTimeIn, resolveTimeZone, type Weekday } from "../domain/time.ts";
import { workspaceSlot } from "./checkin-leads.ts";
import { type FetchSlackUser, slackProfile } from "./profiles.ts";
import { checkHolidayPlace } from "./public-holidays.ts";

export type LeadSettings = {
  tz: string;
  slot: CheckinSlot;
  paused: boolean;
  /** Distinct roles worn today, across every team. */
  roles: RoleId[];
  /** Today on the lead's own calendar. */
  today: string;
};

/** The lead's zone (Slack profile, else the workspace's), slot (theirs, else the workspace's) and hats. */
export async function leadSettings(
  ctx: AppContext,
  fetchUser: FetchSlackUser,
  teamId: string,
  userId: string,
): Promise<LeadSettings> {
  const profile = await slackProfile(ctx, fetchUser, teamId, userId);
  const workspace = ctx.stores.workspaces.get(teamId);
  const tz = resolveTimeZone(profile?.tz, workspace?.timezone);
  const today = localDateTimeIn(ctx.clock(), tz).date;
  const own = { weekday: profile?.checkinWeekday as Weekday, time: profile?.checkinTime ?? "" };
  const slot = isValidCheckinSlot(own) ? own : workspace ? workspaceSlot(workspace) : DEFAULT_CHECKIN_SLOT;
  const roles = distinctRoles(ctx.stores.hats.ofUser(teamId, userId, today));
  return { tz, slot, paused: profile?.checkinPaused ?? false, roles, today };
}

/** Pauses or resumes; false when it already was so (nothing written). */
export function setPaused(ctx: AppContext, teamId: string, userId: string, paused: boolean): boolean {
  if ((ctx.stores.people.get(teamId, userId)?.checkinPaused ?? false) === paused) return false;
  ctx.stores.people.setCheckinPaused(teamId, userId, paused);
  return true;
}

export function setSlot(ctx: AppContext, teamId: string, userId: string, slot: CheckinSlot): void {
  ctx.stores.people.setCheckinSlot(teamId, userId, slot.weekday, slot.time);
}

/**
 * The person's own public-holiday place (`/role checkin country`), when the calendar knows it; null
 * clears it. Returns the place's name, or the workspace's when cleared (null when it has none).
 */
export function setHolidayPlace(
  ctx: AppContext,
  teamId: string,
  userId: string,
  place: { country: string; region: string | null } | null,
): { ok: true; placeName: string | null } | { ok: false; error: string } {
  if (!place) {
    ctx.stores.people.setHolidayPlace(teamId, userId, null, null);
    const ws = ctx.stores.workspaces.get(teamId);
    const fallback = ws?.holidayCountry
      ? checkHolidayPlace({ country: ws.holidayCountry, region: ws.holidayRegion })
      : null;
    return { ok: true, placeName: fallback?.ok ? fallback.placeName : null };
  }
  const check = checkHolidayPlace(place);
  if (check.ok) ctx.stores.people.setHolidayPlace(teamId, userId, place.country, place.region);
  return check;
}

/** Records an away range if the rules allow it (see domain/checkin-control.ts). */
export function addAway(
  ctx: AppContext,
  teamId: string,
  userId: string,
  range: DateRange,
  lead: LeadSettings,
): AwayCheck {
  const check = checkAwayRange(range, lead.today, lead.slot);
  if (check.ok) {
    ctx.stores.people.ensure(teamId, userId);
    ctx.stores.checkins.addAway(teamId, userId, range, ctx.clock());
  }
  return check;
}

export type Outlook =
  /** This week's is due and not yet sent: the next tick sends it. */
  | { kind: "due-now"; week: string }
  /** The next check-in's instant. */
  | { kind: "at"; week: string; at: Date }
  | { kind: "paused" };

/** When the lead's next check-in comes, by the same rules the schedule applies. */
export function outlook(ctx: AppContext, teamId: string, userId: string, lead: LeadSettings): Outlook {
  if (lead.paused) return { kind: "paused" };
  const now = ctx.clock();
  const away = ctx.stores.checkins.awayOf(teamId, userId);
  let week = isoWeekAt(now, lead.tz).key;
  const thisWeek = ctx.stores.checkins.get(teamId, userId, week);
  const thisSlot = checkinSlotInstant(week, lead.slot, lead.tz);
  if (!thisWeek && !isAwayWeek({ slot: lead.slot, away }, week)) {
    if (now.getTime() >= thisSlot.getTime()) return { kind: "due-now", week };
    return { kind: "at", week, at: thisSlot };
  }
  // This week is taken care of (sent, answered or away): the next week not marked away. A year of
  // away weeks at most, as ranges are capped at that.
  for (let i = 0; i < 60; i++) {
    week = addWeeks(week, 1);
    if (!isAwayWeek({ slot: lead.slot, away }, week)) break;
  }
  return { kind: "at", week, at: checkinSlotInstant(week, lead.slot, lead.tz) };
}
