import { encodePick } from "../domain/pick-value.ts";
import { roleLabel } from "../domain/roles.ts";
import type { DidYouMeanChoice } from "../services/did-you-mean.ts";
import { type Block, clipText, context, escapeMrkdwn, type Reply, section } from "./reply.ts";

/** One action id per button position: ids must be unique within a message. */
export const DID_YOU_MEAN_ACTIONS = [
  "who-decides-pick-1",
  "who-decides-pick-2",
  "who-decides-pick-3",
] as const;

/** Slack's limit on a button's text. */
const MAX_BUTTON_TEXT = 75;

/** "Database choice — Alice (tech lead)", or "Database choice — Tech lead" when nobody is named yet. */
export function choiceLabel(c: DidYouMeanChoice): string {
  const role = roleLabel(c.role);
  // Titles and display names are people's text: escaped like every echo, and never cut inside an entity.
  const names = c.names.map(escapeMrkdwn);
  const who = names.length ? `${names.join(", ")} (${role.toLowerCase()})` : role;
  const title = escapeMrkdwn(c.title);
  const label = `${title} — ${who}`;
  if (label.length <= MAX_BUTTON_TEXT) return label;
  // Keep the area's title readable first: it is what the asker is choosing.
  const short = clipEscaped(title, Math.max(20, MAX_BUTTON_TEXT - who.length - 3));
  return clipEscaped(`${short} — ${who}`, MAX_BUTTON_TEXT);
}

/** clipText for escaped text: a cut never leaves half an entity (`&am…`) behind. */
function clipEscaped(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const amp = text.lastIndexOf("&", cut);
  const semi = text.indexOf(";", amp);
  if (amp >= 0 && semi >= cut) cut = amp;
  return `${text.slice(0, cut)}…`;
}

/**
 * Adds "Did you mean?" buttons to an abstention: up to three closest areas, each answering the
 * question for that area when clicked. Leaves the reply as it is when there is nothing to offer.
 */
export function withDidYouMean(
  reply: Reply,
  choices: readonly DidYouMeanChoice[],
  asked: { question: string; askerId: string; channelId: string },
): Reply {
  if (choices.length === 0) return reply;
  const buttons = choices.slice(0, DID_YOU_MEAN_ACTIONS.length).map((c, i) => ({
    type: "button" as const,
    action_id: DID_YOU_MEAN_ACTIONS[i] as string,
    text: { type: "plain_text" as const, text: choiceLabel(c), emoji: true },
    value: encodePick({ ...asked, areaId: c.areaId }),
  }));
  const blocks: Block[] = [
    ...(reply.blocks ?? []),
    section("*Did you mean?* Pick the area and I'll answer, and remember it for next time."),
    { type: "actions", block_id: "who-decides-did-you-mean", elements: buttons },
  ];
  return { ...reply, blocks };
}

/** Said under the answer when the asker's pick taught the workspace this question. */
export function withLearnedNote(reply: Reply, question: string): Reply {
  const note = context(
    `:brain: Learned: I'll answer “${escapeMrkdwn(clipText(question, 200))}” with this area for everyone in this workspace. An admin can undo it with \`/role forget "<question>"\`.`,
  );
  return { ...reply, blocks: [...(reply.blocks ?? []), note] };
}

/** A click on a button whose area was deleted since the question was asked. */
export function areaGoneReply(): Reply {
  const text =
    ":warning: That area is no longer in this workspace's catalog, so I can't answer with it. Ask again with `/role who-decides <question>`, or see `/role areas`.";
  return { text: "That area no longer exists.", blocks: [section(text)] };
}

/** A click on a button rolecall cannot read (an older or altered message). */
export function unreadablePickReply(): Reply {
  const text = ":warning: I couldn't read that button. Ask again with `/role who-decides <question>`.";
  return { text: "I couldn't read that button.", blocks: [section(text)] };
}
