import type { AppContext } from "../context.ts";
import {
  type AllocationStatus,
  actualOfWeek,
  allocationStatus,
  canonicalSplit,
  checkAllocation,
  distinctRoles,
  isHybrid,
  type Split,
  type SplitKey,
  sameSplit,
  type WeekOutcome,
} from "../domain/allocation.ts";
import type { RoleId } from "../domain/roles.ts";
import { isIsoWeekKey, isoWeekThursday } from "../domain/time.ts";
import { canonicalTimeline } from "../domain/timeline.ts";
import type { Hat } from "../store/hats.ts";
import { workspaceToday } from "./today.ts";

export type DatedSplit = { effectiveDate: string; split: Split };

export type AllocateResult =
  | { ok: false; error: string }
  | {
      ok: true;
      outcome: "recorded" | "unchanged";
      effectiveDate: string;
      split: Split;
      /** True when the split starts after today. */
      scheduled: boolean;
      /** The split in force until then (for a scheduled change). */
      previous: Split | undefined;
      /** A change already scheduled after this one, which still takes over on its date. */
      later: DatedSplit | undefined;
    };

/**
 * States a person's split from a date (today unless `from`). Who may do it is the caller's check;
 * this applies the rules of domain/allocation.ts and records a new history entry, never an edit.
 */
export function setAllocation(
  ctx: AppContext,
  input: {
    teamId: string;
    userId: string;
    by: string;
    who: string;
    parts: readonly { key: SplitKey; pct: number }[];
    from: string | undefined;
  },
): AllocateResult {
  const { teamId, userId } = input;
  const today = workspaceToday(ctx, teamId);
  const effectiveOn = input.from && input.from > today ? input.from : today;
  const held = distinctRoles(ctx.stores.hats.ofUser(teamId, userId, effectiveOn));
  const check = checkAllocation({ who: input.who, held, parts: input.parts, from: input.from, today });
  if (!check.ok) return check;
  const { split, effectiveDate } = check;
  const inForce = ctx.stores.allocations.inForce(teamId, userId, effectiveDate);
  const later = timelineOf(ctx, teamId, userId).find((c) => c.effectiveDate > effectiveDate);
  const result = {
    ok: true as const,
    effectiveDate,
    split,
    scheduled: effectiveDate > today,
    previous: inForce && canonicalSplit(inForce.split),
    later,
  };
  // Restating the split already in force changes no date's answer, so nothing is written.
  if (inForce && sameSplit(canonicalSplit(inForce.split), split)) return { ...result, outcome: "unchanged" };
  ctx.stores.allocations.record(teamId, {
    userId,
    effectiveDate,
    split,
    recordedBy: input.by,
    recordedAt: ctx.clock().toISOString(),
  });
  return { ...result, outcome: "recorded" };
}

/** A person's allocation history as real changes, in date order. */
export function timelineOf(ctx: AppContext, teamId: string, userId: string): DatedSplit[] {
  const entries = ctx.stores.allocations
    .history(teamId, userId)
    .map((c) => ({ date: c.effectiveDate, state: canonicalSplit(c.split) as Split | null }));
  return canonicalTimeline(entries, null, (a, b) => (a && b ? sameSplit(a, b) : a === b)).map((e) => ({
    effectiveDate: e.date,
    split: e.state as Split,
  }));
}

export type PersonSplit = {
  roles: RoleId[];
  hats: Hat[];
  current: DatedSplit | undefined;
  /** Changes that start after today, in date order. */
  scheduled: DatedSplit[];
  status: AllocationStatus;
};

/** A person's hats and split today, and what is scheduled. */
export function personSplit(ctx: AppContext, teamId: string, userId: string, today: string): PersonSplit {
  const hats = ctx.stores.hats.ofUser(teamId, userId, today);
  const roles = distinctRoles(hats);
  const inForce = ctx.stores.allocations.inForce(teamId, userId, today);
  const current = inForce && { effectiveDate: inForce.effectiveDate, split: canonicalSplit(inForce.split) };
  const scheduled = timelineOf(ctx, teamId, userId).filter((c) => c.effectiveDate > today);
  return { roles, hats, current, scheduled, status: allocationStatus(roles, current?.split) };
}

export type RecentWeek = { week: string; answer: WeekOutcome };

/**
 * A person's last check-ins, newest first, including the ones never answered (or never delivered),
 * so a view cannot make a lead look more diligent than they were. "As planned" reads as the split in
 * force on the week's Thursday, the day the digest measures a week against too.
 */
export function recentWeeks(ctx: AppContext, teamId: string, userId: string, limit: number): RecentWeek[] {
  return ctx.stores.checkinHistory.lastWeeks(teamId, userId, limit).map((w): RecentWeek => {
    if (w.kind === null)
      return { week: w.week, answer: { kind: w.state === "failed" ? "undelivered" : "unanswered" } };
    const thursday = isIsoWeekKey(w.week) ? isoWeekThursday(w.week) : undefined;
    const stated = thursday && ctx.stores.allocations.inForce(teamId, userId, thursday);
    return {
      week: w.week,
      answer: actualOfWeek(
        { kind: w.kind, split: w.actualSplit && canonicalSplit(w.actualSplit) },
        stated ? canonicalSplit(stated.split) : undefined,
      ),
    };
  });
}

export type LeadOverview = {
  userId: string;
  roles: RoleId[];
  status: AllocationStatus;
  /** The lead keeps their figures private (`/role digest private`): only they see their split. */
  figuresPrivate: boolean;
};
export type TeamOverview = {
  channelId: string;
  name: string | null;
  hats: Hat[];
  /** Hybrid leads wearing a hat on this team (hybrid across all teams), and people with a stale split. */
  leads: LeadOverview[];
};

/**
 * Every team's role map with each lead's split status, from one hat query and one allocation seek
 * per person who wears a hat.
 */
export function workspaceOverview(ctx: AppContext, teamId: string, today = workspaceToday(ctx, teamId)) {
  const hats = ctx.stores.hats.allOn(teamId, today);
  const rolesByUser = new Map<string, Hat[]>();
  for (const h of hats) rolesByUser.set(h.userId, [...(rolesByUser.get(h.userId) ?? []), h]);
  const leads = new Map<string, LeadOverview>();
  for (const [userId, own] of rolesByUser) {
    const roles = distinctRoles(own);
    const split = ctx.stores.allocations.inForce(teamId, userId, today)?.split;
    const status = allocationStatus(roles, split && canonicalSplit(split));
    if (isHybrid(roles) || status.kind === "stale")
      leads.set(userId, { userId, roles, status, figuresPrivate: figuresPrivate(ctx, teamId, userId) });
  }
  const names = new Map(ctx.stores.teams.list(teamId).map((t) => [t.channelId, t.name]));
  const byChannel = new Map<string, Hat[]>([...names.keys()].map((c) => [c, []]));
  for (const h of hats) byChannel.set(h.channelId, [...(byChannel.get(h.channelId) ?? []), h]);
  const teams: TeamOverview[] = [...byChannel].map(([channelId, own]) => {
    const people = [...new Set(own.map((h) => h.userId))];
    return {
      channelId,
      name: names.get(channelId) ?? null,
      hats: own,
      leads: people.flatMap((u) => leads.get(u) ?? []),
    };
  });
  return { today, teams, leads: [...leads.values()] };
}

export type WorkspaceOverview = ReturnType<typeof workspaceOverview>;

/** Whether a person keeps their figures (stated split, check-in answers) to themself. */
export function figuresPrivate(ctx: AppContext, teamId: string, userId: string): boolean {
  return ctx.stores.people.get(teamId, userId)?.digestPrivate === true;
}

/** One channel's role map and the split status of its leads (hybrid across all teams). */
export function teamOverview(
  ctx: AppContext,
  teamId: string,
  channelId: string,
  today = workspaceToday(ctx, teamId),
): TeamOverview {
  const hats = ctx.stores.hats.inChannel(teamId, channelId, today);
  const leads = [...new Set(hats.map((h) => h.userId))].flatMap((userId) => {
    const roles = distinctRoles(ctx.stores.hats.ofUser(teamId, userId, today));
    const split = ctx.stores.allocations.inForce(teamId, userId, today)?.split;
    const status = allocationStatus(roles, split && canonicalSplit(split));
    return isHybrid(roles) || status.kind === "stale"
      ? [{ userId, roles, status, figuresPrivate: figuresPrivate(ctx, teamId, userId) }]
      : [];
  });
  return { channelId, name: ctx.stores.teams.get(teamId, channelId)?.name ?? null, hats, leads };
}
