import type { AppContext } from "../context.ts";
import { normalisePhrasing } from "../domain/phrasing.ts";
import type { Pick } from "../domain/pick-value.ts";
import type { RoleId } from "../domain/roles.ts";
import { type FetchSlackUser, slackProfile } from "./profiles.ts";
import { type WhoDecidesAnswer, whoDecidesForArea } from "./who-decides.ts";

/** One "Did you mean?" choice: an area and who decides it on this channel. */
export type DidYouMeanChoice = {
  areaId: string;
  title: string;
  role: RoleId;
  /** Names of the people who decide it here, as far as rolecall knows them (no Slack call). */
  names: string[];
};

/** A label names at most this many people; more would not fit a button. */
const NAMES_SHOWN = 2;

/**
 * The closest areas of an abstention, with this channel's deciders (overrides and role map
 * applied, as `whoDecides` found them for the answer) named from their Slack profiles (cached for
 * a day, so this rarely calls Slack).
 */
export async function didYouMeanChoices(
  ctx: AppContext,
  fetchUser: FetchSlackUser,
  teamId: string,
  answer: WhoDecidesAnswer,
): Promise<DidYouMeanChoice[]> {
  if (answer.area) return [];
  return Promise.all(
    answer.closest.slice(0, 3).map(async ({ id, title, holders }) => {
      const profiles = await Promise.all(
        holders.userIds.slice(0, NAMES_SHOWN).map((u) => slackProfile(ctx, fetchUser, teamId, u)),
      );
      const names = profiles.map((p) => p?.displayName).filter((n): n is string => !!n);
      return { areaId: id, title, role: holders.role, names };
    }),
  );
}

export type PickOutcome =
  | { ok: true; answer: WhoDecidesAnswer; byAsker: boolean; learned: boolean }
  | { ok: false; reason: "area-gone" };

/**
 * A click on "Did you mean?": the answer for the picked area on the asker's channel. When the
 * asker themself picked it, the workspace learns the question for that area; anyone else's click
 * is answered but teaches nothing, since they may not know what the asker meant.
 */
export function pickArea(ctx: AppContext, teamId: string, clickerId: string, pick: Pick): PickOutcome {
  const answer = whoDecidesForArea(ctx, teamId, pick.channelId, pick.question, pick.areaId);
  if (!answer) return { ok: false, reason: "area-gone" };
  const byAsker = clickerId === pick.askerId;
  const phrasing = normalisePhrasing(pick.question);
  const learned = byAsker && !pick.clipped && phrasing !== "";
  if (learned) {
    ctx.stores.learned.learn(teamId, {
      phrasing,
      question: pick.question,
      areaId: pick.areaId,
      learnedBy: clickerId,
      learnedAt: ctx.clock().toISOString(),
    });
  }
  return { ok: true, answer, byAsker, learned };
}

/** Forgets a learned phrasing, given as it was asked or as `/role areas` shows it. */
export function forgetPhrasing(ctx: AppContext, teamId: string, phrasing: string): boolean {
  const key = normalisePhrasing(phrasing);
  return key !== "" && ctx.stores.learned.forget(teamId, key);
}
