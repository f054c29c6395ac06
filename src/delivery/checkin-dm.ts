/**
 * Sending one lead's weekly check-in DM, its reminder, and `/role checkin now`, and the Web API calls
 * behind the check-in's exactly-once delivery: the one-call DM and the lookup that tells whether a
 * DM whose send was never recorded reached Slack after all.
 *
 * Exactly once: the week's row in `checkins` is claimed with a compare-and-set *before* Slack is
 * called, and only the caller that won the claim calls Slack. Slack accepting the DM is recorded as
 * `sent`; Slack refusing it as `failed` (a later tick may retry). A crash between the claim and `sent`
 * leaves the row `claimed`; once that claim is older than the grace period a later tick takes it over
 * (`reconcileCheckin`), looks for the DM in the bot's IM with the lead by its message metadata, and
 * records it (`reconciled`) or, if it is not there, sends it. A retry after `failed` looks first too:
 * a failure can be a reply lost after Slack posted. Nothing here throws: a failure is returned and
 * logged, so one person never stops the others.
 *
 * The reminder works the same way with its own state in the row (see `sendReminder`).
 *
 * Every check-in message carries Slack message metadata naming its week, lead and workspace, so the
 * bot can recognise its own message in its DM with the lead without storing anything before the call.
 * See docs/exactly-once.md.
 */
import type { webApi } from "@slack/bolt";
import type { AppContext } from "../context.ts";
import { isHybrid } from "../domain/allocation.ts";
import {
  type ClaimFrom,
  type HolidayMove,
  type ManualSendDecision,
  manualSendAllowed,
  type ReminderClaimFrom,
} from "../domain/checkin-schedule.ts";
import { weekdayDayLabel } from "../domain/date-text.ts";
import { type IsoWeekKey, isoWeekAt, localDateTimeIn, resolveTimeZone } from "../domain/time.ts";
import { type CheckinMessage, checkinPrompt, checkinReminder, weekLabel } from "../messages/checkin-dm.ts";
import { checkinContent } from "../services/checkin-leads.ts";
import { slackProfile } from "../services/profiles.ts";
import { slackFailure } from "./slack-errors.ts";
import { fetchSlackUser } from "./slack-users.ts";

export type SendOutcome = {
  kind: "send" | "remind";
  userId: string;
  week: IsoWeekKey;
  /**
   * `not-claimed`: another tick or process holds the week (or the state moved on); Slack was not called.
   * `reconciled`: a send never recorded was found already delivered in Slack and recorded, not re-sent.
   * `stopped`: the job was stopping, so nothing was claimed or sent.
   */
  result: "sent" | "reconciled" | "reminded" | "failed" | "not-claimed" | "stopped";
  attempt?: number;
  /** Slack's error code (`user_not_found`, `http_500`, `ratelimited`, …) when `failed`. */
  error?: string;
  /**
   * Slack accepted the DM but `sent` could not be written: the week stays `claimed` until a later
   * tick reconciles it.
   */
  unrecorded?: boolean;
  channel?: string;
  ts?: string;
};

export const CHECKIN_EVENT = "rolecall_checkin";
export const REMINDER_EVENT = "rolecall_checkin_reminder";

/** What a check-in (or its reminder) says about itself, in Slack's `event_payload`. */
export type CheckinMark = { week: string; lead: string; team: string };

export type PostedDm = { channel: string; ts: string };

/**
 * Posts to the lead's user id: Slack opens (or finds) the bot's IM itself and answers with its
 * `D…` id, so a DM costs one `chat.postMessage` instead of a Tier 3 `conversations.open` first.
 */
export async function postCheckinDm(
  client: webApi.WebClient,
  mark: CheckinMark,
  message: CheckinMessage,
): Promise<PostedDm> {
  const posted = await client.chat.postMessage({
    channel: mark.lead,
    text: message.text,
    blocks: message.blocks,
    unfurl_links: false,
    unfurl_media: false,
    metadata: { event_type: CHECKIN_EVENT, event_payload: mark },
  });
  const channel = typeof posted.channel === "string" ? posted.channel : undefined;
  if (!channel || !posted.ts) throw new Error("chat.postMessage returned no channel or ts");
  return { channel, ts: posted.ts };
}

/** How far before the claim the history is read: covers clock skew and a previous claim's late call. */
export const LOOKBACK_MARGIN_MS = 10 * 60_000;
const PAGE_LIMIT = 20;
/** A week's DM with one lead holds a handful of messages; more pages than this means something odd. */
const MAX_PAGES = 5;

/**
 * Looks in the bot's own IM with the lead for its message marked `eventType` for this week and lead.
 * The IM id is the one recorded, else `conversations.open` once. Only messages since `since` minus
 * a margin are read: the IM's own messages, or with `thread` the replies in that thread (where the
 * reminder goes). Throws when Slack cannot be asked: the caller must then not send.
 */
export async function findMarkedDm(
  client: webApi.WebClient,
  opts: { eventType: string; mark: CheckinMark; channel?: string; thread?: string; since: Date },
): Promise<PostedDm | undefined> {
  let channel = opts.channel;
  if (!channel) {
    channel = (await client.conversations.open({ users: opts.mark.lead })).channel?.id;
    if (!channel) throw new Error("conversations.open returned no channel");
  }
  const oldest = ((opts.since.getTime() - LOOKBACK_MARGIN_MS) / 1000).toFixed(6);
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const args = {
      channel,
      oldest,
      limit: PAGE_LIMIT,
      include_all_metadata: true,
      ...(cursor ? { cursor } : {}),
    };
    const res = opts.thread
      ? await client.conversations.replies({ ...args, ts: opts.thread })
      : await client.conversations.history(args);
    for (const m of res.messages ?? []) {
      if (m.ts && isMarked(m.metadata, opts.eventType, opts.mark)) return { channel, ts: m.ts };
    }
    cursor = res.response_metadata?.next_cursor || undefined;
    if (!res.has_more || !cursor) return undefined;
  }
  throw new Error(`more than ${MAX_PAGES * PAGE_LIMIT} messages in the DM since the claim`);
}

function isMarked(metadata: unknown, eventType: string, mark: CheckinMark): boolean {
  const m = metadata as { event_type?: unknown; event_payload?: Record<string, unknown> } | undefined;
  const p = m?.event_payload;
  return (
    m?.event_type === eventType && p?.week === mark.week && p?.lead === mark.lead && p?.team === mark.team
  );
}

/**
 * Claims and sends one lead's check-in for `action.week`. The claim is from the state the action was
 * computed from (`from`, `attempt`), so two ticks, two processes or a tick racing `/role checkin now`
 * send it once.
 */
export async function sendCheckin(
  ctx: AppContext,
  client: webApi.WebClient,
  teamId: string,
  action: { userId: string; week: IsoWeekKey; from: ClaimFrom; attempt: number; holidayMove?: HolidayMove },
  now: Date = ctx.clock(),
): Promise<SendOutcome> {
  const { userId, week, attempt } = action;
  const base = { kind: "send" as const, userId, week, attempt };
  const checkins = ctx.stores.checkins;
  let message: CheckinMessage;
  let lookFirst: { since: Date } | undefined;
  try {
    // Built before the claim: a claim must never be left behind by anything but Slack itself.
    message = checkinPrompt({
      userId,
      week,
      ...checkinContent(ctx, teamId, userId, week),
      holidayMove: action.holidayMove,
    });
    if (action.from === "failed") {
      // A failure may be a reply lost after Slack posted: look before posting again.
      const record = checkins.get(teamId, userId, week);
      lookFirst = { since: record?.doubtSince ?? record?.claimedAt ?? now };
    }
    if (!checkins.claimSend(teamId, userId, week, action.from, attempt, now)) {
      return { ...base, result: "not-claimed" };
    }
  } catch (err) {
    ctx.logger.error(`Could not prepare the ${week} check-in of ${userId}`, err);
    return { ...base, result: "failed", error: slackFailure(err) };
  }

  const mark: CheckinMark = { week, lead: userId, team: teamId };
  return deliver(ctx, client, teamId, base, mark, message, lookFirst, now);
}

/**
 * A send claimed at `action.claimedAt` and never confirmed (the sender crashed, or lost the write of
 * `sent`): takes the claim over, then records the DM if Slack has it, else sends it.
 */
export async function reconcileCheckin(
  ctx: AppContext,
  client: webApi.WebClient,
  teamId: string,
  action: { userId: string; week: IsoWeekKey; claimedAt: Date; attempt: number },
  now: Date = ctx.clock(),
): Promise<SendOutcome> {
  const { userId, week, attempt } = action;
  const base = { kind: "send" as const, userId, week, attempt };
  const checkins = ctx.stores.checkins;
  let message: CheckinMessage;
  let channel: string | undefined;
  let doubtSince: Date | undefined;
  try {
    message = checkinPrompt({ userId, week, ...checkinContent(ctx, teamId, userId, week) });
    const record = checkins.get(teamId, userId, week);
    channel = record?.dmChannel;
    doubtSince = record?.doubtSince;
    if (!checkins.reclaimStale(teamId, userId, week, action.claimedAt, now)) {
      return { ...base, result: "not-claimed" };
    }
  } catch (err) {
    ctx.logger.error(`Could not take over the ${week} check-in claim of ${userId}`, err);
    return { ...base, result: "failed", error: slackFailure(err) };
  }
  const mark: CheckinMark = { week, lead: userId, team: teamId };
  // An earlier attempt in doubt (a lost reply before this claim) may hold the DM too.
  const since =
    doubtSince && doubtSince.getTime() < action.claimedAt.getTime() ? doubtSince : action.claimedAt;
  const lookFirst = { since, ...(channel ? { channel } : {}) };
  return deliver(ctx, client, teamId, base, mark, message, lookFirst, now);
}

/** Under a won claim: optionally looks for the DM in Slack, posts it if absent, records the result. */
async function deliver(
  ctx: AppContext,
  client: webApi.WebClient,
  teamId: string,
  base: { kind: "send"; userId: string; week: IsoWeekKey; attempt: number },
  mark: CheckinMark,
  message: CheckinMessage,
  lookFirst: { since: Date; channel?: string } | undefined,
  now: Date,
): Promise<SendOutcome> {
  const { userId, week, attempt } = base;
  const checkins = ctx.stores.checkins;
  let dm: PostedDm;
  let found = false;
  try {
    const existing = lookFirst
      ? await findMarkedDm(client, { eventType: CHECKIN_EVENT, mark, ...lookFirst })
      : undefined;
    found = existing !== undefined;
    dm = existing ?? (await postCheckinDm(client, mark, message));
  } catch (err) {
    const error = slackFailure(err);
    try {
      // The DM may be in Slack already (a reply lost after posting, or a look that failed): every
      // later retry looks from the earliest claim in doubt.
      checkins.markFailed(teamId, userId, week, error, lookFirst?.since ?? now);
    } catch (storeErr) {
      ctx.logger.error(`Could not record the failed ${week} check-in of ${userId}`, storeErr);
    }
    ctx.logger.warn(`Check-in DM to ${userId} for ${week} failed (attempt ${attempt}): ${error}`);
    return { ...base, result: "failed", error };
  }

  return recordDelivered(ctx, base, "Check-in DM", dm, found ? "reconciled" : "sent", () =>
    checkins.markSent(teamId, userId, week, dm, now),
  );
}

/**
 * After the call: records the message posted (or found already there). A failed write leaves the
 * claim in place, so a later tick finds the message by its metadata and records it then.
 */
function recordDelivered<B extends { userId: string; week: IsoWeekKey; attempt: number }>(
  ctx: AppContext,
  base: B,
  what: string,
  posted: PostedDm,
  result: "sent" | "reminded" | "reconciled",
  record: () => void,
): B & { result: typeof result; unrecorded?: true } & PostedDm {
  const { userId, week, attempt } = base;
  const where = `${posted.channel} ${posted.ts}`;
  try {
    record();
  } catch (err) {
    ctx.logger.error(
      `${what} to ${userId} for ${week} was delivered (${where}) but not recorded; ` +
        "it stays claimed and a later tick reconciles it",
      err,
    );
    return { ...base, result, unrecorded: true, ...posted };
  }
  if (result === "reconciled") {
    ctx.logger.info(
      `${what} to ${userId} for ${week} reconciled: already delivered (${where}), not sent again`,
    );
  } else {
    ctx.logger.debug(`${what} sent to ${userId} for ${week} (attempt ${attempt})`);
  }
  return { ...base, result, ...posted };
}

/**
 * Claims and posts the week's one reminder, as a reply in the check-in's thread that also shows in
 * the DM. Exactly once, like the check-in: claimed (compare-and-set from `action.from`) before the
 * call, recorded `sent` with its ts, `failed` for a later retry. A retry of a failed reminder, and the
 * takeover of a claim a crash left behind, first look for it in the thread by its metadata.
 */
export async function sendReminder(
  ctx: AppContext,
  client: webApi.WebClient,
  teamId: string,
  action: {
    userId: string;
    week: IsoWeekKey;
    from?: ReminderClaimFrom;
    attempt?: number;
    claimedAt?: Date;
  },
  now: Date = ctx.clock(),
): Promise<SendOutcome> {
  const { userId, week } = action;
  const from = action.from ?? "none";
  const attempt = action.attempt ?? 1;
  const base = { kind: "remind" as const, userId, week, attempt };
  const checkins = ctx.stores.checkins;
  let record: ReturnType<AppContext["stores"]["checkins"]["get"]>;
  let message: ReturnType<typeof checkinReminder>;
  try {
    record = checkins.get(teamId, userId, week);
    const planned = checkinContent(ctx, teamId, userId, week).stated !== undefined;
    message = checkinReminder({ userId, week, planned });
    const claim = { from, attempt, ...(action.claimedAt ? { claimedAt: action.claimedAt } : {}) };
    if (!checkins.claimReminder(teamId, userId, week, now, claim)) return { ...base, result: "not-claimed" };
  } catch (err) {
    ctx.logger.error(`Could not claim the ${week} reminder of ${userId}`, err);
    return { ...base, result: "failed", error: slackFailure(err) };
  }
  const mark: CheckinMark = { week, lead: userId, team: teamId };
  // A failure may be a reply lost after Slack posted, and a stale claim a crash after the call.
  const lookSince = from === "none" ? undefined : (action.claimedAt ?? record?.reminderClaimedAt ?? now);
  let posted: PostedDm;
  let found = false;
  let looked = false;
  try {
    let channel = record?.dmChannel;
    if (!channel) {
      channel = (await client.conversations.open({ users: userId })).channel?.id;
      if (!channel) throw new Error("conversations.open returned no channel");
    }
    const thread = record?.messageTs;
    const existing = lookSince
      ? await findMarkedDm(client, {
          eventType: REMINDER_EVENT,
          mark,
          channel,
          since: lookSince,
          ...(thread ? { thread } : {}),
        })
      : undefined;
    looked = true;
    found = existing !== undefined;
    posted = existing ?? (await postReminder(client, channel, thread, mark, message));
  } catch (err) {
    const error = slackFailure(err);
    try {
      // An unanswered look leaves the earlier claim in doubt: the retry looks from it again.
      const inDoubt = lookSince && !looked ? lookSince : undefined;
      checkins.markReminderFailed(teamId, userId, week, error, inDoubt);
    } catch (storeErr) {
      ctx.logger.error(`Could not record the failed ${week} reminder of ${userId}`, storeErr);
    }
    ctx.logger.warn(`Check-in reminder to ${userId} for ${week} failed (attempt ${attempt}): ${error}`);
    return { ...base, result: "failed", error };
  }
  return recordDelivered(ctx, base, "Check-in reminder", posted, found ? "reconciled" : "reminded", () =>
    checkins.markReminderSent(teamId, userId, week, posted.ts, now),
  );
}

async function postReminder(
  client: webApi.WebClient,
  channel: string,
  thread: string | undefined,
  mark: CheckinMark,
  message: ReturnType<typeof checkinReminder>,
): Promise<PostedDm> {
  const threaded = thread ? { thread_ts: thread, reply_broadcast: true } : {};
  const res = await client.chat.postMessage({
    channel,
    text: message.text,
    blocks: message.blocks,
    ...threaded,
    metadata: { event_type: REMINDER_EVENT, event_payload: mark },
  });
  if (!res.ts) throw new Error("chat.postMessage returned no ts");
  return { channel, ts: res.ts };
}

export type CheckinNowResult =
  | { status: "sent"; week: IsoWeekKey; message: string }
  | { status: "refused"; week: IsoWeekKey | undefined; message: string }
  | { status: "failed"; week: IsoWeekKey; error: string; message: string };

/**
 * `/role checkin now`: sends the lead's current-week check-in at once, whatever the slot, pause or away
 * days say (they asked), unless it is in flight, already sent or answered. `message` is ready to show.
 */
export async function sendCheckinNow(
  ctx: AppContext,
  client: webApi.WebClient,
  teamId: string,
  userId: string,
  now: Date = ctx.clock(),
): Promise<CheckinNowResult> {
  ctx.stores.workspaces.ensure(teamId, now);
  const profile = await slackProfile(ctx, fetchSlackUser(client), teamId, userId);
  const tz = resolveTimeZone(profile?.tz, ctx.stores.workspaces.get(teamId)?.timezone);
  const week = isoWeekAt(now, tz).key;
  const { roles } = checkinContent(ctx, teamId, userId, week);
  if (!isHybrid(roles)) {
    return {
      status: "refused",
      week,
      message:
        "Weekly check-ins are for hybrid leads: people who wear two or more hats. " +
        (roles.length === 0 ? "You wear no hats this week." : "You wear one hat this week."),
    };
  }
  const decision = manualSendAllowed({ userId, tz }, ctx.stores.checkins.stateLookup(teamId, [week]), now);
  const label = weekLabel(week);
  if (!decision.allowed) return { status: "refused", week, message: nowRefusal(decision, label, tz) };
  const { from, attempt } = decision;
  const outcome = await sendCheckin(ctx, client, teamId, { userId, week, from, attempt }, now);
  switch (outcome.result) {
    case "sent":
    case "reconciled":
      return {
        status: "sent",
        week,
        message:
          `Sent: your check-in for the ${label} is in our DM.` +
          // The schedule leaves a paused lead alone, reminders included; say so rather than surprise.
          (profile?.checkinPaused
            ? " Your check-ins stay paused, so there is no reminder for it and no check-in next week until `/role checkin resume`."
            : ""),
      };
    case "not-claimed":
      return { status: "refused", week, message: `Your check-in for the ${label} is already being sent.` };
    default:
      return {
        status: "failed",
        week,
        error: outcome.error ?? "unknown",
        message: `I couldn't DM you your check-in for the ${label} (Slack said \`${outcome.error}\`). Try again in a minute.`,
      };
  }
}

/** Why `/role checkin now` sent nothing, in the words of the DM (no ISO week keys or UTC times). */
function nowRefusal(
  decision: Extract<ManualSendDecision, { allowed: false }>,
  label: string,
  tz: string,
): string {
  switch (decision.state) {
    case "claimed":
      return `Your check-in for the ${label} is already being sent.`;
    case "sent": {
      const l = decision.sentAt && localDateTimeIn(decision.sentAt, tz);
      const when = l ? ` on ${weekdayDayLabel(l.date)} at ${l.time}` : "";
      return `Your check-in for the ${label} was already sent${when}: answer it in our DM.`;
    }
    case "answered":
      return `You already answered your check-in for the ${label}. To change the answer, tap *Edit* on it in our DM.`;
  }
}
