/**
 * Hat history replayed into periods: when a person was a hybrid lead, overall or of one team, and
 * which roles they wore on a date. Like the timelines in timeline.ts, a history is only appended to
 * and a later recording on the same date wins. Pure.
 */
import { ROLE_IDS, type RoleId } from "./roles.ts";
import type { LocalDate } from "./time.ts";

/** A period during which the person was a hybrid lead on this team: `start` included, `end` excluded. */
export type HybridPeriod = { start: LocalDate; end: LocalDate | null };

/** One hat change; `channelId` (the team) matters only to `leadPeriodsOnTeam`. */
export type HatChange = {
  role: RoleId;
  action: "assign" | "unassign";
  effectiveDate: LocalDate;
  channelId?: string;
};

type HatState = Map<string, Set<RoleId>>;

/**
 * Replays hat changes (any order; on one date, later entries win, and the whole day settles before it
 * is judged, so a swap on one day leaves no gap) and returns the `[start, end)` periods during which
 * `holds(state)` is true. The state maps each channel to the roles worn on it.
 */
function periodsWhere(changes: readonly HatChange[], holds: (state: HatState) => boolean): HybridPeriod[] {
  const sorted = changes
    .map((c, i) => ({ c, i }))
    .sort((a, b) =>
      a.c.effectiveDate < b.c.effectiveDate ? -1 : a.c.effectiveDate > b.c.effectiveDate ? 1 : a.i - b.i,
    );
  const state: HatState = new Map();
  const periods: HybridPeriod[] = [];
  let open: LocalDate | null = null;
  for (let j = 0; j < sorted.length; j++) {
    const c = sorted[j]?.c;
    if (!c) continue;
    const channel = c.channelId ?? "";
    const worn = state.get(channel) ?? new Set<RoleId>();
    if (c.action === "assign") worn.add(c.role);
    else worn.delete(c.role);
    state.set(channel, worn);
    const next = sorted[j + 1]?.c;
    if (next && next.effectiveDate === c.effectiveDate) continue; // settle the whole day first
    const now = holds(state);
    if (now && open === null) open = c.effectiveDate;
    else if (!now && open !== null) {
      if (open < c.effectiveDate) periods.push({ start: open, end: c.effectiveDate });
      open = null;
    }
  }
  if (open !== null) periods.push({ start: open, end: null });
  return periods;
}

function distinctRoleCount(state: HatState): number {
  const roles = new Set<RoleId>();
  for (const worn of state.values()) for (const r of worn) roles.add(r);
  return roles.size;
}

/**
 * The periods during which a person held at least `minHats` (default 2) hats, from their hat changes
 * on one team (`channelId` ignored). Periods are `[start, end)`.
 */
export function hybridPeriodsFromHatChanges(changes: readonly HatChange[], minHats = 2): HybridPeriod[] {
  return periodsWhere(
    changes.map(({ channelId: _ignored, ...c }) => c),
    (state) => distinctRoleCount(state) >= minHats,
  );
}

/**
 * The periods during which a person was a hybrid lead *of team `channelId`*: wearing at least one hat
 * on that team while wearing at least `minRoles` (default 2) distinct roles across all teams of the
 * workspace (domain/allocation.ts: a hybrid lead wears two or more distinct roles across any teams; the
 * weekly check-in asks them, so every team they serve sees their drift). `changes` are the person's
 * changes on every team, each with its `channelId`.
 */
export function leadPeriodsOnTeam(
  changes: readonly HatChange[],
  channelId: string,
  minRoles = 2,
): HybridPeriod[] {
  return periodsWhere(
    changes,
    (state) => (state.get(channelId)?.size ?? 0) > 0 && distinctRoleCount(state) >= minRoles,
  );
}

/** The distinct roles worn at the end of `date`, replaying changes already sorted by (date, id). */
export function rolesWornOn(changes: readonly HatChange[], date: LocalDate): RoleId[] {
  const worn = new Set<string>();
  for (const c of changes) {
    if (c.effectiveDate > date) break;
    const key = `${c.channelId ?? ""}|${c.role}`;
    if (c.action === "assign") worn.add(key);
    else worn.delete(key);
  }
  const roles = new Set([...worn].map((k) => k.slice(k.indexOf("|") + 1)));
  return ROLE_IDS.filter((r) => roles.has(r));
}
