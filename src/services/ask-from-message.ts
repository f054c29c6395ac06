import type { AppContext } from "../context.ts";
import { type MessageShape, questionFromMessage } from "../domain/message-question.ts";
import { type WhoDecidesAnswer, whoDecides } from "./who-decides.ts";

export type MessageAnswer =
  | { ok: true; answer: WhoDecidesAnswer; clipped: boolean }
  | { ok: false; reason: "empty" | "no-text" };

/**
 * Answers "who decides?" for a message's text (the message shortcut, an @rolecall mention), exactly as
 * `/role who-decides` would in that channel.
 */
export function askFromMessage(
  ctx: AppContext,
  where: { teamId: string; channelId: string },
  message: MessageShape,
  botUserId?: string,
): MessageAnswer {
  const q = questionFromMessage(message, botUserId);
  if (!q.ok) return q;
  ctx.stores.workspaces.ensure(where.teamId, ctx.clock());
  return { ok: true, answer: whoDecides(ctx, where.teamId, where.channelId, q.question), clipped: q.clipped };
}

/** The answer to a question already asked once, for sharing it: same channel, same team map. */
export function askAgain(
  ctx: AppContext,
  teamId: string,
  channelId: string,
  question: string,
): WhoDecidesAnswer {
  ctx.stores.workspaces.ensure(teamId, ctx.clock());
  return whoDecides(ctx, teamId, channelId, question);
}
