import { MAX_QUESTION_LENGTH } from "../domain/message-question.ts";
import { type Block, context, MAX_MESSAGE_BLOCKS, mentionUser, type Reply, section } from "./reply.ts";

/** The **Share in channel** button's action id. Ephemeral answers already in Slack carry it: never change it. */
export const SHARE_ANSWER_ACTION = "who_decides_share";

/** What the button must remember: ephemeral messages come back without their text, so the question rides along. */
export type ShareRequest = { question: string; threadTs?: string | undefined };

const MAX_BUTTON_VALUE = 2000;
const MAX_ACTIONS_ELEMENTS = 25;

export function encodeShare(share: ShareRequest): string {
  let question = share.question.slice(0, MAX_QUESTION_LENGTH);
  for (;;) {
    const value = JSON.stringify(share.threadTs ? { q: question, t: share.threadTs } : { q: question });
    // Escaped quotes and backslashes can grow a question past the value limit; shorten until it fits.
    if (value.length <= MAX_BUTTON_VALUE) return value;
    question = question.slice(0, Math.floor(question.length * 0.8));
  }
}

export function decodeShare(value: string | undefined): ShareRequest | undefined {
  try {
    const parsed = JSON.parse(value ?? "") as { q?: unknown; t?: unknown };
    if (typeof parsed.q !== "string" || !parsed.q.trim()) return undefined;
    return { question: parsed.q, threadTs: typeof parsed.t === "string" ? parsed.t : undefined };
  } catch {
    return undefined;
  }
}

/**
 * The private answer plus a **Share in channel** button. Additive: the button joins the reply's last
 * actions block when it has room, so other buttons on the answer stay as they are.
 */
export function withShareButton(reply: Reply, share: ShareRequest): Reply {
  const button = {
    type: "button" as const,
    action_id: SHARE_ANSWER_ACTION,
    text: { type: "plain_text" as const, text: "Share in channel", emoji: true },
    value: encodeShare(share),
  };
  const blocks = [...(reply.blocks ?? [])];
  const last = blocks.at(-1);
  if (last?.type === "actions" && last.elements.length < MAX_ACTIONS_ELEMENTS) {
    blocks[blocks.length - 1] = { ...last, elements: [...last.elements, button] };
  } else if (blocks.length < MAX_MESSAGE_BLOCKS) {
    blocks.push({ type: "actions", elements: [button] });
  }
  return { ...reply, blocks };
}

/** The answer as the channel sees it once shared: said to be shared by the person who clicked. */
export function sharedAnswer(reply: Reply, sharedBy: string): Reply {
  const blocks: Block[] = (reply.blocks ?? []).slice(0, MAX_MESSAGE_BLOCKS - 1);
  blocks.push(context(`Shared by ${mentionUser(sharedBy)} · ask your own with \`/role who-decides\``));
  return { text: reply.text, blocks };
}

/** What replaces the private answer once it is in the channel. */
export function sharedNote(inThread: boolean): Reply {
  const where = inThread ? "the thread" : "the channel";
  return {
    text: `Shared in ${where}.`,
    blocks: [context(`:white_check_mark: Shared in ${where}.`)],
  };
}

/** Why the answer could not be shared; the private answer stays as it was. */
export function shareFailed(error: string | undefined): Reply {
  const text =
    error === "not_in_channel" || error === "channel_not_found"
      ? ":warning: I couldn't share that: I'm not a member of this channel. Invite me with `/invite @rolecall`, then press *Share in channel* again."
      : error === "is_archived"
        ? ":warning: I couldn't share that: this channel is archived."
        : ":x: I couldn't share that in the channel just now. Please try again in a minute.";
  return { text: text.replace(/^:\w+: /, ""), blocks: [section(text)] };
}
