import { MAX_QUESTION_LENGTH } from "../domain/message-question.ts";
import { context, escapeMrkdwn, MAX_MESSAGE_BLOCKS, type Reply, section } from "./reply.ts";

const HOW_TO_ASK =
  "Ask with `/role who-decides <question>`, mention me with a question (`@rolecall who decides …`), or use *Who decides this?* from a message's ⋯ menu.";

/** The message shortcut was used on a message with nothing to ask. */
export function nothingToAskReply(reason: "empty" | "no-text"): Reply {
  const problem =
    reason === "no-text"
      ? "That message is only a file or an image: I can only read a message's text, so there is no question to answer."
      : "That message has no text, so there is no question to answer.";
  return { text: problem, blocks: [section(`:warning: ${problem}`), context(HOW_TO_ASK)] };
}

/** An @rolecall mention with no question after it. */
export function mentionHelpReply(): Reply {
  const text =
    "Ask me who decides something: mention me with the question, e.g. `@rolecall who decides which database we use?`";
  return {
    text,
    blocks: [
      section(`:wave: ${text}`),
      context("Only you see the answer with `/role who-decides <question>`. `/role help` lists everything."),
    ],
  };
}

/** Says the question was cut, so a wrong-looking answer is not a mystery. */
export function withClippedNote(reply: Reply): Reply {
  const blocks = [...(reply.blocks ?? [])];
  if (blocks.length < MAX_MESSAGE_BLOCKS)
    blocks.push(context(`That message is long: I read its first ${MAX_QUESTION_LENGTH} characters.`));
  return { ...reply, blocks };
}

/** Heads an answer sent by DM because it could not be shown privately in the channel. */
export function withDmFallbackNote(reply: Reply, channelName: string | undefined): Reply {
  const where = channelName ? `#${escapeMrkdwn(channelName)}` : "that channel";
  const note = `:information_source: I couldn't answer you privately in ${where} (I'm not a member of it), so here is the answer. Invite me with \`/invite @rolecall\` to get answers in the channel.`;
  const blocks = [section(note), ...(reply.blocks ?? [])].slice(0, MAX_MESSAGE_BLOCKS);
  return { ...reply, blocks };
}
