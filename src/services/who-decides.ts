import type { AppContext } from "../context.ts";
import type { DecisionArea } from "../domain/catalog.ts";
import type { AreaMatch } from "../domain/matcher.ts";
import type { RoleId } from "../domain/roles.ts";
import type { Hat } from "../store/hats.ts";
import { workspaceToday } from "./today.ts";

export type RoleHolders = { role: RoleId; userIds: string[] };
export type Decider = RoleHolders & { override?: "role" | "person" };

/** The answer to "who decides?", shaped as the CLI's JSON contract (docs/cli.md). */
export type WhoDecidesAnswer = {
  question: string;
  area: { id: string; title: string } | null;
  decider: Decider | null;
  consulted: RoleHolders[];
  informed: RoleHolders[];
  confidence: number;
  alternatives: { area: { id: string; title: string }; decider: Decider }[];
  /** The question's words that matched, for the one line of "why". */
  matchedTerms: string[];
  /** When nothing matched confidently: the nearest areas, to help the asker rephrase or record an owner. */
  closest: { id: string; title: string; decider: RoleId }[];
};

/** Answers a question for one channel's team: match, then apply the channel's overrides and role map. */
export function whoDecides(
  ctx: AppContext,
  teamId: string,
  channelId: string,
  question: string,
): WhoDecidesAnswer {
  const { matcher } = ctx.catalogs.get(ctx, teamId);
  const result = matcher.match(question);
  const hats = ctx.stores.hats.inChannel(teamId, channelId, workspaceToday(ctx, teamId));
  const overrides = ctx.stores.overrides.inChannel(teamId, channelId);
  const holders = (role: RoleId): RoleHolders => ({
    role,
    userIds: hats.filter((h: Hat) => h.role === role).map((h) => h.userId),
  });
  const deciderFor = (area: DecisionArea): Decider => {
    const o = overrides.get(area.id);
    if (!o) return holders(area.decider);
    if ("userId" in o.decider) return { role: area.decider, userIds: [o.decider.userId], override: "person" };
    return { ...holders(o.decider.role), override: "role" };
  };
  const ref = (m: AreaMatch) => ({ id: m.area.id, title: m.area.title });

  if (!result.best) {
    return {
      question,
      area: null,
      decider: null,
      consulted: [],
      informed: [],
      confidence: round(result.ranked[0]?.confidence ?? 0),
      alternatives: [],
      matchedTerms: [],
      closest: result.ranked.slice(0, 3).map((m) => ({ ...ref(m), decider: m.area.decider })),
    };
  }
  const best = result.best;
  const decider = deciderFor(best.area);
  const others = (roles: RoleId[]) => roles.filter((r) => r !== decider.role).map(holders);
  return {
    question,
    area: ref(best),
    decider,
    consulted: others(best.area.consulted),
    informed: others(best.area.informed),
    confidence: round(best.confidence),
    alternatives: result.alternatives.slice(0, 2).map((m) => ({ area: ref(m), decider: deciderFor(m.area) })),
    matchedTerms: best.matchedTerms,
    closest: [],
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
