/**
 * The answering side of the weekly check-in: the DM once answered (recorded split as a bar, note,
 * Edit), the "Enter my split" modal, and the refusals a stale or foreign click gets.
 */
import type { types } from "@slack/bolt";
import { type Split, type SplitKey, sameSplit } from "../domain/allocation.ts";
import { type AnswerRefusal, CHECKIN_NOTE_MAX } from "../domain/checkin-answer.ts";
import { monthLabel } from "../domain/date-text.ts";
import { roleLabel } from "../domain/roles.ts";
import { isIsoWeekKey } from "../domain/time.ts";
import type { WeekFacts } from "../services/checkin-answer.ts";
import { weekLabel } from "./checkin-dm.ts";
import {
  CHECKIN_ACTIONS,
  CHECKIN_SPLIT_VIEW,
  type CheckinModalMetadata,
  NOTE_BLOCK_ID,
  splitInputBlockId,
} from "./checkin-ids.ts";
import { type Block, context, escapeMrkdwn, section } from "./reply.ts";
import { BAR_LEGEND, splitBar, splitText } from "./split.ts";

/** action_id of the inputs inside the modal's blocks (the block_id says which hat). */
export const SPLIT_INPUT_ACTION = "pct";
export const NOTE_INPUT_ACTION = "note";

/** "the week of 23–29 Nov": the other check-in messages' name for a week, as a phrase. */
export function weekPhrase(week: string): string {
  return `the ${weekLabel(week)}`;
}

function editButton(week: string): types.Button {
  return {
    type: "button",
    action_id: CHECKIN_ACTIONS.edit,
    value: week,
    text: { type: "plain_text", text: "Edit", emoji: true },
    accessibility_label: `Change your answer for ${weekPhrase(week)}`,
  };
}

function withAccessory(block: Block, accessory: types.Button): Block {
  return { ...(block as types.SectionBlock), accessory };
}

/** The DM once answered: it replaces the question in place (chat.update). */
export function answeredDm(facts: WeekFacts): { text: string; blocks: Block[] } {
  const { week, month, stated, record } = facts;
  const answer = record.answer;
  const phrase = weekPhrase(week);
  const until = `You can change this until the ${monthLabel(month)} digest is posted.`;
  if (!answer || answer.kind === "away") {
    return {
      text: `Check-in for ${phrase}: marked away.`,
      blocks: [
        withAccessory(
          section(`:palm_tree: *Marked away for ${phrase}*\nThis week counts as away, not as missing.`),
          editButton(week),
        ),
        context(`${until} Tap *Edit* to give your split instead.`),
      ],
    };
  }
  const split: Split | undefined = answer.kind === "split" ? (answer.split as Split) : stated;
  const how =
    answer.kind === "as-planned"
      ? "_as planned_"
      : stated && split && sameSplit(split, stated)
        ? "_matches your plan_"
        : stated
          ? `_planned ${splitText(stated)}_`
          : "_no split was stated for this week_";
  const line = split ? `${splitBar(split)}  *${splitText(split)}*  ${how}` : how;
  const blocks: Block[] = [
    withAccessory(section(`:white_check_mark: *Recorded for ${phrase}*\n${line}`), editButton(week)),
  ];
  if (answer.note) blocks.push(context(`:memo: ${escapeMrkdwn(answer.note)}`));
  blocks.push(context(until, BAR_LEGEND));
  const summary = split ? splitText(split) : "as planned";
  return {
    text: `Check-in for ${phrase} recorded: ${summary}${answer.kind === "as-planned" ? " (as planned)" : ""}.`,
    blocks,
  };
}

/** Said privately when the answer was recorded but the DM could not be changed to show it. */
export function notShownNotice(facts: WeekFacts): { text: string; blocks: Block[] } {
  const text =
    `:white_check_mark: ${answeredDm(facts).text} I couldn't update the check-in message, so it ` +
    "may still show the question: your answer is saved, and its buttons change it.";
  return { text, blocks: [section(text)] };
}

function fieldLabel(key: SplitKey): string {
  return key === "other" ? "Other" : roleLabel(key);
}

/** The "Enter my split" modal: one whole-percent field per hat, plus `other`, and a one-line note. */
export function splitModal(input: {
  facts: WeekFacts;
  fields: readonly SplitKey[];
  values: Split;
  note: string | undefined;
  metadata: CheckinModalMetadata;
}): types.ModalView {
  const { facts, fields, values, note } = input;
  const planned = facts.stated
    ? `Planned: ${splitBar(facts.stated)} ${splitText(facts.stated)}`
    : "No split was stated for this week.";
  const inputs: Block[] = fields.map((key) => {
    const value = values[key];
    const block: types.InputBlock = {
      type: "input",
      block_id: splitInputBlockId(key),
      label: { type: "plain_text", text: `${fieldLabel(key)} %`, emoji: true },
      element: {
        type: "number_input",
        action_id: SPLIT_INPUT_ACTION,
        is_decimal_allowed: false,
        min_value: "0",
        max_value: "100",
        ...(value !== undefined ? { initial_value: String(value) } : {}),
      },
    };
    if (key === "other")
      block.hint = { type: "plain_text", text: "Time outside these hats: support, hiring, admin…" };
    return block;
  });
  const noteInput: types.InputBlock = {
    type: "input",
    block_id: NOTE_BLOCK_ID,
    optional: true,
    label: { type: "plain_text", text: "Note", emoji: true },
    element: {
      type: "plain_text_input",
      action_id: NOTE_INPUT_ACTION,
      multiline: false,
      max_length: CHECKIN_NOTE_MAX,
      placeholder: { type: "plain_text", text: "One line on what shaped the week (optional)" },
      ...(note ? { initial_value: note } : {}),
    },
  };
  return {
    type: "modal",
    callback_id: CHECKIN_SPLIT_VIEW,
    private_metadata: JSON.stringify(input.metadata),
    title: { type: "plain_text", text: `Week ${Number(facts.week.slice(6, 8))} check-in` },
    submit: { type: "plain_text", text: "Record" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      section(`*How did ${weekPhrase(facts.week)} actually split?*\nWhole percentages that add up to 100.`),
      context(planned),
      ...inputs,
      noteInput,
    ],
  };
}

/** Why a click answered nothing, in words the clicker can act on. */
export function refusalText(refusal: AnswerRefusal, week: string): string {
  const phrase = isIsoWeekKey(week) ? weekPhrase(week) : "that week";
  switch (refusal.kind) {
    case "not-yours":
      return ":no_entry: This check-in isn't yours, so nothing was recorded. Each lead answers their own check-in, in their DM with rolecall.";
    case "replaced":
      return `:arrows_counterclockwise: This is an older copy of your check-in for ${phrase}; it was sent again since. Nothing was recorded: answer the newest message.`;
    case "not-open":
      return `:hourglass_flowing_sand: Your check-in for ${phrase} is being sent again right now, so nothing was recorded. Answer the new message when it arrives.`;
    case "locked":
      return refusal.digest
        ? `:lock: ${capitalise(phrase)} counts toward ${monthLabel(refusal.month)}, and ${monthLabel(refusal.digest)}'s digest, the first to include it, has been posted, so its answer is final. Nothing was changed.`
        : `:lock: ${capitalise(phrase)} counts toward ${monthLabel(refusal.month)}, and that month's digest has been posted, so its answer is final. Nothing was changed.`;
    case "no-plan":
      return `:warning: No split was stated for ${phrase}, so there is no plan to confirm and nothing was recorded. Tap *Enter my split* to say how the week went.`;
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** An ephemeral refusal, for `respond`. */
export function refusalMessage(refusal: AnswerRefusal, week: string) {
  const text = refusalText(refusal, week);
  return {
    response_type: "ephemeral" as const,
    replace_original: false,
    text,
    blocks: [section(text)],
  };
}

/** The modal's last page when a submission is refused (the week was locked or replaced meanwhile). */
export function refusalModal(refusal: AnswerRefusal, week: string): types.ModalView {
  return {
    type: "modal",
    title: { type: "plain_text", text: "Nothing recorded" },
    close: { type: "plain_text", text: "Close" },
    blocks: [section(refusalText(refusal, week))],
  };
}
