import type { AppContext } from "../context.ts";
import type { DecisionArea } from "../domain/catalog.ts";
import type { AreaMatch } from "../domain/matcher.ts";
import { findLearned } from "../domain/phrasing.ts";
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
  /**
   * When nothing matched confidently: the nearest areas, to help the asker rephrase or record an
   * owner. `decider` is the catalog's role; `holders` who decides in this channel (overrides applied).
   */
  closest: { id: string; title: string; decider: RoleId; holders: Decider }[];
  /**
   * How the area was found when not by matching: taught by the workspace (a learned phrasing), or
   * picked by the asker from "Did you mean?". Absent for a match.
   */
  via?: "learned" | "picked";
};

/** Answers a question for one channel's team: match, then apply the channel's overrides and role map. */
export function whoDecides(
  ctx: AppContext,
  teamId: string,
  channelId: string,
  question: string,
): WhoDecidesAnswer {
  const { matcher, areas } = ctx.catalogs.get(ctx, teamId);
  // What the workspace taught picks the area only; the decider still comes from this channel.
  const learned = findLearned(question, ctx.stores.learned.list(teamId));
  const learnedArea = learned && areas.find((a) => a.id === learned.areaId);
  if (learnedArea) {
    const deciders = channelDeciders(ctx, teamId, channelId);
    return { ...answerFor(deciders, question, learnedArea, 1, [], []), via: "learned" };
  }
  const result = matcher.match(question);
  const ref = (m: AreaMatch) => ({ id: m.area.id, title: m.area.title });

  if (!result.best) {
    const deciders = channelDeciders(ctx, teamId, channelId);
    return {
      question,
      area: null,
      decider: null,
      consulted: [],
      informed: [],
      confidence: round(result.ranked[0]?.confidence ?? 0),
      alternatives: [],
      matchedTerms: [],
      closest: result.ranked
        .slice(0, 3)
        .map((m) => ({ ...ref(m), decider: m.area.decider, holders: deciders.deciderFor(m.area) })),
    };
  }
  const best = result.best;
  const deciders = channelDeciders(ctx, teamId, channelId);
  return answerFor(
    deciders,
    question,
    best.area,
    best.confidence,
    best.matchedTerms,
    result.alternatives.slice(0, 2).map((m) => ({ area: ref(m), decider: deciders.deciderFor(m.area) })),
  );
}

/**
 * The answer for an area the asker picked from "Did you mean?": the same as a confident match on
 * it, with the words of the question it matched. Undefined when the area no longer exists.
 */
export function whoDecidesForArea(
  ctx: AppContext,
  teamId: string,
  channelId: string,
  question: string,
  areaId: string,
): WhoDecidesAnswer | undefined {
  const { matcher, areas } = ctx.catalogs.get(ctx, teamId);
  const area = areas.find((a) => a.id === areaId);
  if (!area) return undefined;
  const ranked = matcher.match(question).ranked.find((m) => m.area.id === areaId);
  return {
    ...answerFor(
      channelDeciders(ctx, teamId, channelId),
      question,
      area,
      ranked?.confidence ?? 0,
      ranked?.matchedTerms ?? [],
      [],
    ),
    via: "picked",
  };
}

/** The people wearing each hat on this channel's team, and who decides an area there. */
export function channelDeciders(ctx: AppContext, teamId: string, channelId: string) {
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
  return { holders, deciderFor };
}

type ChannelDeciders = ReturnType<typeof channelDeciders>;

function answerFor(
  { holders, deciderFor }: ChannelDeciders,
  question: string,
  area: DecisionArea,
  confidence: number,
  matchedTerms: string[],
  alternatives: WhoDecidesAnswer["alternatives"],
): WhoDecidesAnswer {
  const decider = deciderFor(area);
  const others = (roles: RoleId[]) => roles.filter((r) => r !== decider.role).map(holders);
  return {
    question,
    area: { id: area.id, title: area.title },
    decider,
    consulted: others(area.consulted),
    informed: others(area.informed),
    confidence: round(confidence),
    alternatives,
    matchedTerms,
    closest: [],
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
