/**
 * Answering a weekly check-in: which fields the "Enter my split" modal asks for, how its input is
 * validated, and whether a click may answer a week at all. Pure: the store and Slack stay outside.
 *
 * Rules (decided here, documented in docs/checkins.md):
 * - The modal has one whole-percent field per hat the lead wore on the week's Thursday (the day that
 *   also measures the week in the digest), plus any hat named by the split it is pre-filled with (so a
 *   stale split can still be answered honestly), plus `other`.
 * - Every field needs a whole number from 0 to 100; together they total exactly 100. The total's
 *   error names the total and sits under the last field, where a column's sum would be written; it
 *   is shown only once every field holds a valid number, since a sum of bad numbers means nothing.
 * - `other` at 0 is dropped from the recorded split (it would only add "other 0" to every view);
 *   a hat at 0 is kept, because "I wore it and spent no time on it" is exactly the signal wanted.
 * - The note is optional, one line, at most `CHECKIN_NOTE_MAX` characters.
 * - A click answers a week only if it is the clicker's own week (their row, their DM), on the DM
 *   message the row points at (a re-sent check-in replaces the old message), the DM was delivered
 *   (a click in the lead's DM on a send left `claimed` by a crash proves it was), and the week's month
 *   is not locked by a digest. The same rules hold for first answers and for
 *   edits: a late answer given before the digest is more honest than a missing week.
 */
import { canonicalSplit, SPLIT_KEYS, type Split, type SplitKey, splitProblem } from "./allocation.ts";
import { ROLE_IDS, type RoleId } from "./roles.ts";
import type { MonthKey } from "./time.ts";

export const CHECKIN_NOTE_MAX = 150;

/** The modal's fields, in role order, `other` last. */
export function checkinFields(heldOnThursday: readonly RoleId[], prefill: Split | undefined): SplitKey[] {
  const roles = new Set<SplitKey>(heldOnThursday);
  for (const key of SPLIT_KEYS) if (key !== "other" && prefill?.[key] !== undefined) roles.add(key);
  return [...ROLE_IDS.filter((r) => roles.has(r)), "other"];
}

/**
 * What the modal starts with, taken from `from`: its values, `other` at 0 when it has none (a split
 * without `other` means no time outside the hats), and the hats it does not name left blank, so the
 * lead types each of those rather than accept a guess.
 */
export function prefillValues(fields: readonly SplitKey[], from: Split | undefined): Split {
  const out: Split = {};
  for (const key of fields) {
    const pct = from?.[key];
    if (pct !== undefined) out[key] = pct;
    else if (key === "other") out[key] = 0;
  }
  return out;
}

export type SplitFieldInput = { key: SplitKey; value: string | null | undefined };

export type SplitValidation =
  | { ok: true; split: Split; note: string | undefined }
  /** Messages per field (`note` for the note), ready to show under it. */
  | { ok: false; errors: Partial<Record<SplitKey | "note", string>> };

/** Validates what the modal submitted: whole numbers 0–100 totalling 100, and an optional note. */
export function validateCheckinSplit(
  fields: readonly SplitFieldInput[],
  note: string | null | undefined,
): SplitValidation {
  const errors: Partial<Record<SplitKey | "note", string>> = {};
  const values: Partial<Record<SplitKey, number>> = {};
  for (const { key, value } of fields) {
    const problem = fieldProblem(value);
    if (typeof problem === "string") errors[key] = problem;
    else values[key] = problem;
  }
  const text = (note ?? "").replace(/\s+/g, " ").trim();
  if (text.length > CHECKIN_NOTE_MAX)
    errors.note = `Keep the note to ${CHECKIN_NOTE_MAX} characters (this one has ${text.length}).`;

  const last = fields.at(-1);
  if (fields.length === 0 || !last) return { ok: false, errors: { other: "There is nothing to split." } };
  const fieldsOk = fields.every((f) => errors[f.key] === undefined);
  if (fieldsOk) {
    const total = Object.values(values).reduce((sum, pct) => sum + pct, 0);
    if (total !== 100)
      errors[last.key] =
        total > 100
          ? `These add up to ${total}%; take ${total - 100} off to make them 100.`
          : `These add up to ${total}%; make them 100.`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  if (values.other === 0) delete values.other;
  const split = canonicalSplit(values);
  // The same shape every stored split must have, whatever produced it.
  const shape = splitProblem(split);
  if (shape) return { ok: false, errors: { [last.key]: shape } };
  return { ok: true, split, note: text === "" ? undefined : text };
}

/** A whole number 0–100, or what is wrong with the field. */
function fieldProblem(value: string | null | undefined): number | string {
  const s = (value ?? "").trim();
  if (s === "") return "Enter a number (0 is fine).";
  if (!/^[+-]?\d+(\.\d+)?$/.test(s))
    return `"${s.slice(0, 20)}" is not a number; use a whole number like 40.`;
  const n = Number(s);
  if (n < 0) return "Can't be below 0.";
  if (!Number.isInteger(n)) return "Use a whole number, like 40.";
  if (n > 100) return "Can't be more than 100.";
  return n;
}

/** Why a click may not answer a week. */
export type AnswerRefusal =
  /** The week is not the clicker's: no row, or the message is in someone else's DM (or forged). */
  | { kind: "not-yours" }
  /** The clicker's week, but this message is an older copy: the check-in was sent again since. */
  | { kind: "replaced" }
  /** The DM is being (re)sent or was never delivered, so there is nothing to answer yet. */
  | { kind: "not-open" }
  /** That month's digest is out: the record is final. */
  | { kind: "locked"; month: MonthKey; digest?: MonthKey }
  /** "As planned" with no split stated for the week: there is no plan to confirm. */
  | { kind: "no-plan" };

export type AnswerableInput = {
  /** The clicker's own row for the week, if any. */
  record: { state: string; dmChannel: string | undefined; messageTs: string | undefined } | undefined;
  /** The message the click came from. */
  clicked: { channel: string | undefined; ts: string | undefined };
  /** The month of the week, when a digest that reports it has been posted (or is being posted). */
  lockedMonth: MonthKey | undefined;
  /** The month of the digest that locked it, when not the week's own (a week still open then). */
  lockedByDigestOf?: MonthKey;
};

/** Whether a click on a check-in DM may answer (or edit) its week; undefined when it may. */
export function answerRefusal(input: AnswerableInput): AnswerRefusal | undefined {
  const { record, clicked } = input;
  if (!record || !clicked.channel) return { kind: "not-yours" };
  if (!deliveredByClick(record, clicked)) {
    if (record.dmChannel === undefined) return { kind: "not-open" };
    if (record.dmChannel !== clicked.channel) return { kind: "not-yours" };
    if (!clicked.ts || record.messageTs !== clicked.ts) return { kind: "replaced" };
    if (record.state !== "sent" && record.state !== "answered") return { kind: "not-open" };
  }
  if (input.lockedMonth)
    return input.lockedByDigestOf && input.lockedByDigestOf !== input.lockedMonth
      ? { kind: "locked", month: input.lockedMonth, digest: input.lockedByDigestOf }
      : { kind: "locked", month: input.lockedMonth };
  return undefined;
}

/**
 * A send whose DM reached the lead although rolecall never recorded it: still `claimed` (the bot
 * crashed after Slack accepted the DM) or `failed` (Slack posted it, but its reply was lost to a 5xx
 * or a dropped connection). A click in the lead's own DM channel proves the message arrived, so the
 * week becomes answerable from that message instead of being lost or sent again.
 */
export function deliveredByClick(
  record: NonNullable<AnswerableInput["record"]>,
  clicked: AnswerableInput["clicked"],
): clicked is { channel: string; ts: string } {
  return (
    (record.state === "claimed" || record.state === "failed") &&
    record.dmChannel === undefined &&
    !!clicked.ts &&
    clicked.channel?.startsWith("D") === true
  );
}
