/**
 * Answering a weekly check-in (the DM's buttons and the split modal), shared by the listeners. No
 * Slack calls: each use case checks the click against the stored row, records in one transaction,
 * and returns what the listener shows (the answered DM, or a refusal).
 *
 * Edit window: an answer can be given or changed until the digest of the week's month (the month of
 * its Thursday) has been posted, or is being posted, for a team on which the lead wore a hat that
 * Thursday: exactly the digests that report the week. A digest for another team does not lock it, and
 * a digest made while the week was still open does not either (see `lockedMonth`).
 */
import type { AppContext } from "../context.ts";
import { canonicalSplit, distinctRoles, type Split, type SplitKey } from "../domain/allocation.ts";
import {
  type AnswerRefusal,
  answerRefusal,
  checkinFields,
  deliveredByClick,
  prefillValues,
  type SplitFieldInput,
  validateCheckinSplit,
} from "../domain/checkin-answer.ts";
import {
  isIsoWeekKey,
  isoWeekBounds,
  isoWeekThursday,
  type MonthKey,
  monthOfWeek,
  nextMonth,
  resolveTimeZone,
} from "../domain/time.ts";
import type { CheckinAnswer, CheckinRecord } from "../store/checkins.ts";

/** The message a click (or the modal opened from it) came from, and who clicked, per Slack's payload. */
export type Click = {
  teamId: string;
  userId: string;
  /** The button's value, or the modal's metadata: untrusted until checked against the row. */
  week: string;
  channel: string | undefined;
  ts: string | undefined;
};

/** What the answered DM and the modal are drawn from. */
export type WeekFacts = {
  week: string;
  month: MonthKey;
  /** The split in force on the week's Thursday. */
  stated: Split | undefined;
  record: CheckinRecord;
  /** Where the DM is, to update it in place. */
  dm: { channel: string; ts: string };
};

export type Refused = { ok: false; refusal: AnswerRefusal; week: string };
export type Answered = { ok: true; facts: WeekFacts };

/**
 * The month whose digest made the week's answer final, if one has. A month's last week can still be
 * open on the first working day (December's last week may end on 3 January, its check-in after the
 * digest): that digest counts it only where already answered, so its answer stays open until the
 * next month's digest, whose chart is the first to carry it in full.
 */
function lockedMonth(
  ctx: AppContext,
  teamId: string,
  userId: string,
  week: string,
): { month: MonthKey; digest: MonthKey } | undefined {
  const month = monthOfWeek(week);
  const tz = resolveTimeZone(
    ctx.stores.people.get(teamId, userId)?.tz,
    ctx.stores.workspaces.get(teamId)?.timezone,
  );
  const weekClosesAt = isoWeekBounds(week, tz).closesAt.toISOString();
  const channels = new Set(
    ctx.stores.hats.ofUser(teamId, userId, isoWeekThursday(week)).map((h) => h.channelId),
  );
  const isOut = (channel: string, m: MonthKey) => {
    const post = ctx.stores.digests.get(teamId, channel, m);
    return post?.state === "posted" || post?.state === "claimed" ? post : undefined;
  };
  for (const channel of channels) {
    const post = isOut(channel, month);
    if (!post) continue;
    const reportedOpenWeek = post.claimedAt !== null && post.claimedAt < weekClosesAt;
    if (!reportedOpenWeek) return { month, digest: month };
    if (isOut(channel, nextMonth(month))) return { month, digest: nextMonth(month) };
  }
  return undefined;
}

/** The stored split of the week as the digest reads it: in force on the week's Thursday. */
function statedSplit(ctx: AppContext, teamId: string, userId: string, week: string): Split | undefined {
  const inForce = ctx.stores.allocations.inForce(teamId, userId, isoWeekThursday(week));
  return inForce && canonicalSplit(inForce.split);
}

/** Checks a click against the clicker's row; the facts of their week when it may be answered. */
function check(ctx: AppContext, click: Click): Answered | Refused {
  const { teamId, userId, week } = click;
  if (!isIsoWeekKey(week)) return { ok: false, refusal: { kind: "not-yours" }, week };
  const record = ctx.stores.checkins.get(teamId, userId, week);
  const lock = record ? lockedMonth(ctx, teamId, userId, week) : undefined;
  const refusal = answerRefusal({
    record,
    clicked: { channel: click.channel, ts: click.ts },
    lockedMonth: lock?.month,
    lockedByDigestOf: lock?.digest,
  });
  if (refusal || !record) return { ok: false, refusal: refusal ?? { kind: "not-open" }, week };
  const clicked = { channel: click.channel, ts: click.ts };
  const dm = deliveredByClick(record, clicked)
    ? clicked
    : record.dmChannel && record.messageTs
      ? { channel: record.dmChannel, ts: record.messageTs }
      : undefined;
  if (!dm) return { ok: false, refusal: { kind: "not-open" }, week };
  return {
    ok: true,
    facts: { week, month: monthOfWeek(week), stated: statedSplit(ctx, teamId, userId, week), record, dm },
  };
}

/**
 * Checks and records in one transaction, so a digest claimed (or a check-in re-sent) between the
 * check and the write cannot slip past it.
 */
function record(
  ctx: AppContext,
  click: Click,
  answerOf: (facts: WeekFacts) => CheckinAnswer | AnswerRefusal,
): Answered | Refused {
  return ctx.stores.db.transaction((): Answered | Refused => {
    const checked = check(ctx, click);
    if (!checked.ok) return checked;
    const answer = answerOf(checked.facts);
    if (!isAnswer(answer)) return { ok: false, refusal: answer, week: click.week };
    const now = ctx.clock();
    if (checked.facts.record.dmChannel === undefined)
      ctx.stores.checkins.markDelivered(click.teamId, click.userId, click.week, checked.facts.dm, now);
    if (!ctx.stores.checkins.recordAnswer(click.teamId, click.userId, click.week, answer, now))
      return { ok: false, refusal: { kind: "not-open" }, week: click.week };
    const stored = ctx.stores.checkins.get(click.teamId, click.userId, click.week) ?? checked.facts.record;
    return { ok: true, facts: { ...checked.facts, record: stored } };
  })();
}

function isAnswer(a: CheckinAnswer | AnswerRefusal): a is CheckinAnswer {
  return a.kind === "as-planned" || a.kind === "away" || a.kind === "split";
}

/** **As planned**: the week went as the split stated for it (refused when none was stated). */
export function answerAsPlanned(ctx: AppContext, click: Click): Answered | Refused {
  return record(ctx, click, (facts) => (facts.stated ? { kind: "as-planned" } : { kind: "no-plan" }));
}

/** **Skip this week (away)**: the week counts as away, not missing. */
export function answerAway(ctx: AppContext, click: Click): Answered | Refused {
  return record(ctx, click, () => ({ kind: "away" }));
}

export type SplitForm = {
  ok: true;
  facts: WeekFacts;
  fields: SplitKey[];
  /** Pre-filled values: the recorded split when editing one, else the stated split. */
  values: Split;
  note: string | undefined;
};

/** What the split modal shows for a click on **Enter my split** or **Edit**. */
export function splitForm(ctx: AppContext, click: Click): SplitForm | Refused {
  const checked = check(ctx, click);
  if (!checked.ok) return checked;
  const { facts } = checked;
  const answer = facts.record.state === "answered" ? facts.record.answer : undefined;
  const from = answer?.kind === "split" ? canonicalSplit(answer.split) : facts.stated;
  const held = distinctRoles(ctx.stores.hats.ofUser(click.teamId, click.userId, isoWeekThursday(facts.week)));
  const fields = checkinFields(held, from);
  return { ok: true, facts, fields, values: prefillValues(fields, from), note: answer?.note };
}

export type SplitSubmission =
  | Answered
  | Refused
  | { ok: false; invalid: Partial<Record<SplitKey | "note", string>> };

/** The modal's submission: validated, then checked and recorded like a click. */
export function answerSplit(
  ctx: AppContext,
  click: Click,
  fields: readonly SplitFieldInput[],
  note: string | null | undefined,
): SplitSubmission {
  const valid = validateCheckinSplit(fields, note);
  if (!valid.ok) return { ok: false, invalid: valid.errors };
  return record(ctx, click, () => ({
    kind: "split",
    split: valid.split as Record<string, number>,
    ...(valid.note ? { note: valid.note } : {}),
  }));
}
