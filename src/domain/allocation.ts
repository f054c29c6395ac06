/**
 * Stated allocations of hybrid leads: the rules for a valid split and for reading one against the
 * hats a person wears. Pure: dates and hats are passed in.
 *
 * - A hybrid lead wears two or more distinct roles, across any teams (article 004, "Tech Lead vs
 *   Engineering Manager: The Real Difference (Not the Same Role)", asks for the split to be written down, e.g. "60% technical leadership, 40% people management").
 * - A split gives a whole percentage to every role the person wears, optionally an `other` bucket,
 *   and totals exactly 100. Zero is a valid share: it says "I wear this hat but spend no time on it".
 * - A split takes effect on a date and never changes the past: weeks already measured keep the split
 *   they were measured against, so a change may start today or later, not earlier.
 */
import { ROLE_IDS, ROLE_SHORT, type RoleId, roleLabel } from "./roles.ts";

export type SplitKey = RoleId | "other";
export const SPLIT_KEYS: readonly SplitKey[] = [...ROLE_IDS, "other"];

/**
 * Percentages per bucket, keys in SPLIT_KEYS order. A stated split is whole numbers totalling 100
 * (`splitProblem`); the digest's means and drifts over splits may be fractional or negative.
 */
export type Split = Partial<Record<SplitKey, number>>;

export function isSplitKey(key: string): key is SplitKey {
  return (SPLIT_KEYS as readonly string[]).includes(key);
}

export function splitKeyLabel(key: SplitKey): string {
  return key === "other" ? "other" : roleLabel(key);
}

export function splitKeyShort(key: SplitKey): string {
  return key === "other" ? "other" : ROLE_SHORT[key];
}

/** The distinct roles among some hats, in the catalog's role order (a hat on two teams counts once). */
export function distinctRoles(hats: readonly { role: RoleId }[]): RoleId[] {
  const worn = new Set(hats.map((h) => h.role));
  return ROLE_IDS.filter((r) => worn.has(r));
}

export function isHybrid(roles: readonly RoleId[]): boolean {
  return new Set(roles).size >= 2;
}

/** The same split with its keys in canonical order, so equal splits serialise identically. */
export function canonicalSplit(split: Readonly<Record<string, number>>): Split {
  const out: Split = {};
  for (const key of SPLIT_KEYS) {
    const pct = split[key];
    if (pct !== undefined) out[key] = pct;
  }
  return out;
}

export function sameSplit(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/**
 * The shape every stored split must have, wherever it comes from (Slack, roles.yml): known buckets,
 * whole numbers from 0 to 100, at least one part, total exactly 100. Returns what is wrong, or undefined.
 */
export function splitProblem(split: Readonly<Record<string, unknown>>): string | undefined {
  const entries = Object.entries(split);
  if (entries.length === 0) return "A split needs at least one part.";
  let total = 0;
  for (const [key, pct] of entries) {
    if (!isSplitKey(key))
      return `\`${key}\` is not a role. Use tech-lead, engineering-manager, architect, product-manager or other.`;
    if (typeof pct !== "number" || !Number.isInteger(pct)) return `${key} must be a whole number.`;
    if (pct < 0) return `${key} cannot be negative (${pct}).`;
    if (pct > 100) return `${key} cannot be more than 100 (${pct}).`;
    total += pct;
  }
  if (total !== 100) return `The parts add up to ${total}; they must total exactly 100.`;
  return undefined;
}

export type AllocationRequest = {
  /** How to name the person in messages (a mention, or "you"). */
  who: string;
  /** Distinct roles the person wears on the effective date. */
  held: readonly RoleId[];
  parts: readonly { key: SplitKey; pct: number }[];
  /** The requested start date, if any; otherwise the change starts today. */
  from: string | undefined;
  today: string;
};

export type AllocationCheck =
  | { ok: true; split: Split; effectiveDate: string }
  | { ok: false; error: string };

/** Decides whether a requested split may be recorded, and from when. */
export function checkAllocation(req: AllocationRequest): AllocationCheck {
  const fail = (error: string): AllocationCheck => ({ ok: false, error });
  const effectiveDate = req.from ?? req.today;
  if (effectiveDate < req.today) {
    return fail(
      `${effectiveDate} is in the past. A split can start today (${req.today}) or later, so the weeks already measured keep the split they were measured against. To correct the record itself, an admin edits the roles file (\`rolecall export\`, then \`rolecall import\`).`,
    );
  }
  const seen = new Set<SplitKey>();
  for (const p of req.parts) {
    if (seen.has(p.key)) return fail(`${p.key} is given twice: name each role once.`);
    seen.add(p.key);
  }
  const raw: Record<string, number> = {};
  for (const p of req.parts) raw[p.key] = p.pct;
  const shape = splitProblem(raw);
  if (shape) return fail(shape);

  const held = distinctRoles(req.held.map((role) => ({ role })));
  const when = req.from ? ` on ${effectiveDate}` : "";
  if (held.length === 0) {
    return fail(
      `${req.who} wears no hats${when}, so there is nothing to split. An admin gives hats with \`/role assign @user <role>\` in the team's channel.`,
    );
  }
  if (held.length === 1) {
    return fail(
      `${req.who} wears one hat${when} (${roleLabel(held[0] as RoleId)}). A split is for hybrid leads, who wear two or more; it starts to matter once a second hat is assigned.`,
    );
  }
  const wornList = held.map(roleLabel).join(", ");
  for (const p of req.parts) {
    if (p.key !== "other" && !held.includes(p.key)) {
      return fail(
        `${req.who} doesn't wear the ${roleLabel(p.key)} hat${when} (they wear: ${wornList}). Split only the hats worn, plus \`other\` if you like.`,
      );
    }
  }
  const uncovered = held.filter((r) => !seen.has(r));
  if (uncovered.length) {
    return fail(
      `Give ${uncovered.map(roleLabel).join(" and ")} a share too (0 is fine): a split covers every hat ${req.who} wears (${wornList}).`,
    );
  }
  return { ok: true, split: canonicalSplit(raw), effectiveDate };
}

/** How a person's split in force reads against the hats they wear. */
export type AllocationStatus =
  /** Fewer than two roles and no split: nothing to state. */
  | { kind: "not-hybrid" }
  /** A hybrid lead without a stated split. */
  | { kind: "missing" }
  | { kind: "ok"; split: Split }
  /** The split no longer matches the hats: a hat came off (`notWorn`) or a new one is uncovered. */
  | { kind: "stale"; split: Split; notWorn: RoleId[]; uncovered: RoleId[] };

/**
 * A hat taken off (or put on) after a split was stated leaves the split as it was: history is never
 * rewritten. The mismatch is surfaced instead, so someone restates it.
 */
export function allocationStatus(held: readonly RoleId[], split: Split | undefined): AllocationStatus {
  const roles = distinctRoles(held.map((role) => ({ role })));
  if (!split) return isHybrid(roles) ? { kind: "missing" } : { kind: "not-hybrid" };
  const named = ROLE_IDS.filter((r) => split[r] !== undefined);
  const notWorn = named.filter((r) => !roles.includes(r));
  const uncovered = roles.filter((r) => !named.includes(r));
  if (notWorn.length || uncovered.length) return { kind: "stale", split, notWorn, uncovered };
  return { kind: "ok", split };
}

/** Why a stale split needs restating, in one sentence. */
export function staleReason(status: Extract<AllocationStatus, { kind: "stale" }>): string {
  const parts: string[] = [];
  if (status.notWorn.length)
    parts.push(`names ${status.notWorn.map(roleLabel).join(" and ")}, no longer worn`);
  if (status.uncovered.length) parts.push(`leaves out ${status.uncovered.map(roleLabel).join(" and ")}`);
  return `the split ${parts.join(" and ")}`;
}

/**
 * Largest-remainder apportionment of a split into `cells` whole cells (for compact bars): every
 * bucket gets the floor of its share, and the cells left over go to the largest remainders.
 */
export function apportion(split: Split, cells: number): { key: SplitKey; cells: number }[] {
  const parts = SPLIT_KEYS.flatMap((key) => {
    const pct = split[key];
    return pct === undefined ? [] : [{ key, exact: (pct / 100) * cells }];
  });
  const total = parts.reduce((s, p) => s + p.exact, 0);
  // Averages may not total exactly 100; scale so the bar is always full.
  const scaled = parts.map((p) => ({ key: p.key, exact: total > 0 ? (p.exact * cells) / total : 0 }));
  const out = scaled.map((p) => ({
    key: p.key,
    cells: Math.floor(p.exact),
    rem: p.exact - Math.floor(p.exact),
  }));
  let left = total > 0 ? cells - out.reduce((s, p) => s + p.cells, 0) : 0;
  const byRemainder = [...out].sort((a, b) => b.rem - a.rem);
  for (const p of byRemainder) {
    if (left <= 0) break;
    p.cells += 1;
    left -= 1;
  }
  return out.map(({ key, cells: c }) => ({ key, cells: c }));
}

export type WeekAnswer =
  | { kind: "as-planned"; split: Split | undefined }
  | { kind: "split"; split: Split }
  | { kind: "away" };

/**
 * How one week's check-in ended: an answer, or honestly none. `unanswered`: the DM went out (or may
 * have) and no answer came; `undelivered`: the DM could not be sent, so the lead was never asked.
 */
export type WeekOutcome = WeekAnswer | { kind: "unanswered" } | { kind: "undelivered" };

/**
 * What a check-in says the week actually was: its own split, or for "as planned" the split in force
 * that week (undefined when none was).
 */
export function actualOfWeek(
  answer: { kind: "as-planned" | "split" | "away"; split: Split | null },
  inForce: Split | undefined,
): WeekAnswer {
  if (answer.kind === "away") return { kind: "away" };
  if (answer.kind === "split" && answer.split) return { kind: "split", split: canonicalSplit(answer.split) };
  return { kind: "as-planned", split: answer.split ? canonicalSplit(answer.split) : inForce };
}
