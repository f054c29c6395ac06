/**
 * Sending one lead's weekly check-in DM, its reminder, and `/role checkin now`.
 *
 * At most once: the week's row in `checkins` is claimed with a compare-and-set *before* Slack is
 * called, and only the caller that won the claim calls Slack. Slack accepting the DM is recorded as
 * `sent`; Slack refusing it as `failed` (a later tick may retry). A crash between Slack accepting the
 * DM and `sent` being written leaves the row `claimed`, and a claimed row is never sent again.
 * Nothing here throws: a failure is returned and logged, so one person never stops the others.
 */
import type { webApi } from "@slack/bolt";
import type { AppContext } from "../context.ts";
import { isHybrid } from "../domain/allocation.ts";
import {
  type ClaimFrom,
  type HolidayMove,
  type ManualSendDecision,
  manualSendAllowed,
} from "../domain/checkin-schedule.ts";
import { weekdayDayLabel } from "../domain/date-text.ts";
import { type IsoWeekKey, isoWeekAt, localDateTimeIn, resolveTimeZone } from "../domain/time.ts";
import { checkinPrompt, checkinReminder, weekLabel } from "../messages/checkin-dm.ts";
import { checkinContent } from "../services/checkin-leads.ts";
import { slackProfile } from "../services/profiles.ts";
import { slackFailure } from "./slack-errors.ts";

export type SendOutcome = {
  kind: "send" | "remind";
  userId: string;
  week: IsoWeekKey;
  /** `not-claimed`: another tick or process holds the week (or the state moved on); Slack was not called. */
  result: "sent" | "reminded" | "failed" | "not-claimed";
  attempt?: number;
  /** Slack's error code (`user_not_found`, `http_500`, `ratelimited`, …) when `failed`. */
  error?: string;
  /** Slack accepted the DM but `sent` could not be written: the week stays `claimed`, never re-sent. */
  unrecorded?: boolean;
  channel?: string;
  ts?: string;
};

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
  let message: ReturnType<typeof checkinPrompt>;
  try {
    // Built before the claim: a claim must never be left behind by anything but Slack itself.
    message = checkinPrompt({
      userId,
      week,
      ...checkinContent(ctx, teamId, userId, week),
      holidayMove: action.holidayMove,
    });
    if (!checkins.claimSend(teamId, userId, week, action.from, attempt, now)) {
      return { ...base, result: "not-claimed" };
    }
  } catch (err) {
    ctx.logger.error(`Could not prepare the ${week} check-in of ${userId}`, err);
    return { ...base, result: "failed", error: slackFailure(err) };
  }

  let channel: string;
  let ts: string;
  try {
    const opened = await client.conversations.open({ users: userId });
    const id = opened.channel?.id;
    if (!id) throw new Error("conversations.open returned no channel");
    channel = id;
    const posted = await client.chat.postMessage({
      channel,
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
    ts = posted.ts ?? "";
  } catch (err) {
    const error = slackFailure(err);
    try {
      checkins.markFailed(teamId, userId, week, error);
    } catch (storeErr) {
      ctx.logger.error(`Could not record the failed ${week} check-in of ${userId}`, storeErr);
    }
    ctx.logger.warn(`Check-in DM to ${userId} for ${week} failed (attempt ${attempt}): ${error}`);
    return { ...base, result: "failed", error };
  }

  try {
    checkins.markSent(teamId, userId, week, { channel, ts }, now);
  } catch (err) {
    ctx.logger.error(
      `Check-in DM to ${userId} for ${week} was delivered (${channel} ${ts}) but not recorded; ` +
        "the week stays claimed and is not sent again",
      err,
    );
    return { ...base, result: "sent", unrecorded: true, channel, ts };
  }
  ctx.logger.debug(`Check-in DM sent to ${userId} for ${week} (attempt ${attempt})`);
  return { ...base, result: "sent", channel, ts };
}

/**
 * Claims and posts the week's one reminder, as a reply in the check-in's thread that also shows in
 * the DM. Claimed before the call: if Slack then fails, the reminder is lost rather than repeated.
 */
export async function sendReminder(
  ctx: AppContext,
  client: webApi.WebClient,
  teamId: string,
  action: { userId: string; week: IsoWeekKey },
  now: Date = ctx.clock(),
): Promise<SendOutcome> {
  const { userId, week } = action;
  const base = { kind: "remind" as const, userId, week };
  let record: ReturnType<AppContext["stores"]["checkins"]["get"]>;
  let message: ReturnType<typeof checkinReminder>;
  try {
    record = ctx.stores.checkins.get(teamId, userId, week);
    const planned = checkinContent(ctx, teamId, userId, week).stated !== undefined;
    message = checkinReminder({ userId, week, planned });
    if (!ctx.stores.checkins.claimReminder(teamId, userId, week, now))
      return { ...base, result: "not-claimed" };
  } catch (err) {
    ctx.logger.error(`Could not claim the ${week} reminder of ${userId}`, err);
    return { ...base, result: "failed", error: slackFailure(err) };
  }
  try {
    let channel = record?.dmChannel;
    if (!channel) {
      channel = (await client.conversations.open({ users: userId })).channel?.id;
      if (!channel) throw new Error("conversations.open returned no channel");
    }
    const threaded = record?.messageTs ? { thread_ts: record.messageTs, reply_broadcast: true } : {};
    const posted = await client.chat.postMessage({
      channel,
      text: message.text,
      blocks: message.blocks,
      ...threaded,
    });
    ctx.logger.debug(`Check-in reminder sent to ${userId} for ${week}`);
    return { ...base, result: "reminded", channel, ...(posted.ts ? { ts: posted.ts } : {}) };
  } catch (err) {
    const error = slackFailure(err);
    ctx.logger.warn(
      `Check-in reminder to ${userId} for ${week} failed (not retried: one reminder only): ${error}`,
    );
    return { ...base, result: "failed", error };
  }
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
  const profile = await slackProfile(ctx, client, teamId, userId);
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
