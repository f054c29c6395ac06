import { publishHome } from "../../../delivery/app-home-publish.ts";
import { sendCheckinNow } from "../../../delivery/checkin-dm.ts";
import { fetchSlackUser } from "../../../delivery/slack-users.ts";
import { parseAwayRange } from "../../../domain/away-range.ts";
import { parseCheckinSlot } from "../../../domain/checkin-slot.ts";
import { CHECKIN_COUNTRY_USAGE } from "../../../domain/command.ts";
import { weekdayDayLabel } from "../../../domain/date-text.ts";
import { roleLabel } from "../../../domain/roles.ts";
import { localDateTimeIn } from "../../../domain/time.ts";
import { weekPhrase } from "../../../messages/checkin-answer.ts";
import { weekLabel } from "../../../messages/checkin-dm.ts";
import { context, errorReply, escapeMrkdwn, type Reply, section } from "../../../messages/reply.ts";
import {
  addAway,
  type LeadSettings,
  leadSettings,
  type Outlook,
  outlook,
  setHolidayPlace,
  setPaused,
  setSlot,
} from "../../../services/checkin-control.ts";
import type { RoleRequest, SubcommandHandler } from "./types.ts";

const WEEKDAYS = ["Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays"];
/** "Fri 25 Dec 2026". */
function dayText(date: string): string {
  return weekdayDayLabel(date, true);
}

/** "Fri 27 Nov at 16:00" on the lead's wall clock. */
function instantText(at: Date, tz: string): string {
  const l = localDateTimeIn(at, tz);
  return `${weekdayDayLabel(l.date)} at ${l.time}`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function slotText(lead: LeadSettings): string {
  return `${WEEKDAYS[lead.slot.weekday - 1]} at ${lead.slot.time} your time (${lead.tz})`;
}

/** Check-ins are for hybrid leads; anyone else hears when theirs would start. */
function hatsNote(lead: LeadSettings): string | undefined {
  if (lead.roles.length >= 2) return undefined;
  const worn = lead.roles[0] ? `You wear one hat (${roleLabel(lead.roles[0])})` : "You wear no hats yet";
  return `${worn}, so you get no check-ins: they start when you hold two. This setting waits until then.`;
}

function outlookText(o: Outlook, lead: LeadSettings): string {
  switch (o.kind) {
    case "paused":
      return "Check-ins are paused: `/role checkin resume` turns them back on.";
    case "due-now":
      return `This week's check-in is due, so it arrives within a minute.`;
    case "at":
      return `Next check-in: *${instantText(o.at, lead.tz)}* (${weekPhrase(o.week)}).`;
  }
}

function reply(lines: (string | undefined)[], note?: string): Reply {
  const text = lines.filter((l): l is string => l !== undefined).join("\n");
  return { text, blocks: [section(text), ...(note ? [context(note)] : [])] };
}

async function pauseOrResume(paused: boolean, req: RoleRequest): Promise<Reply> {
  const { ctx, client, teamId, userId } = req;
  const changed = setPaused(ctx, teamId, userId, paused);
  const lead = await leadSettings(ctx, fetchSlackUser(client), teamId, userId);
  // The Home tab shows the pause button; keep it truthful. A failure is logged inside.
  await publishHome(ctx, client, teamId, userId);
  const first = paused
    ? changed
      ? ":double_vertical_bar: Weekly check-ins are *paused*. I won't DM you until you `/role checkin resume`."
      : "Weekly check-ins were already paused; nothing changed. `/role checkin resume` turns them back on."
    : changed
      ? `:arrow_forward: Weekly check-ins are *on* again: ${slotText(lead)}.`
      : `Weekly check-ins are already on: ${slotText(lead)}.`;
  const hybrid = lead.roles.length >= 2;
  const second = paused
    ? hybrid
      ? "A check-in you already have stays answerable. Paused weeks are not asked, and digests show them as missing; for time off, `/role checkin away &lt;from&gt;..&lt;to&gt;` counts the weeks as away instead."
      : undefined
    : hybrid
      ? outlookText(outlook(ctx, teamId, userId, lead), lead)
      : undefined;
  return reply([first, second], hatsNote(lead));
}

async function at(slotText_: string, req: RoleRequest): Promise<Reply> {
  const parsed = parseCheckinSlot(slotText_);
  // Parse errors quote what was typed and are plain text: escaped whole, they echo it inertly.
  if (!parsed.ok) return errorReply(escapeMrkdwn(parsed.error), parsed.usage);
  const { ctx, client, teamId, userId } = req;
  setSlot(ctx, teamId, userId, parsed.value);
  const lead = await leadSettings(ctx, fetchSlackUser(client), teamId, userId);
  const lines = [`:alarm_clock: Your weekly check-in is now *${slotText(lead)}*.`];
  if (lead.roles.length >= 2) lines.push(outlookText(outlook(ctx, teamId, userId, lead), lead));
  return reply(
    lines,
    hatsNote(lead) ?? "Your time zone comes from your Slack profile: change it there and check-ins follow.",
  );
}

/** At most this many suppressed weeks are listed one by one. */
const LISTED_WEEKS = 8;

async function away(rangeText: string, req: RoleRequest): Promise<Reply> {
  const parsed = parseAwayRange(rangeText);
  if (!parsed.ok) return errorReply(escapeMrkdwn(parsed.error), parsed.usage);
  const { ctx, client, teamId, userId } = req;
  const lead = await leadSettings(ctx, fetchSlackUser(client), teamId, userId);
  const check = addAway(ctx, teamId, userId, parsed.value, lead);
  if (!check.ok) return errorReply(escapeMrkdwn(check.error), check.usage);
  const { range, weeks } = check;
  const span =
    range.start === range.end
      ? `on *${dayText(range.start)}*`
      : `from *${dayText(range.start)}* to *${dayText(range.end)}*, both days included`;
  const lines = [`:palm_tree: You're away ${span}.`];
  if (weeks.length === 0) {
    lines.push(
      `None of your check-in days (${WEEKDAYS[lead.slot.weekday - 1]}) falls in it, so no check-in is skipped: a week is away when its check-in day is.`,
    );
  } else {
    const listed = weeks
      .slice(0, LISTED_WEEKS)
      .map((w) => `• ${capitalised(weekLabel(w.week))}: no check-in on ${dayText(w.checkinDate)}`);
    if (weeks.length > LISTED_WEEKS) listed.push(`• and ${weeks.length - LISTED_WEEKS} more weeks`);
    lines.push(
      `${weeks.length === 1 ? "This week gets" : `These ${weeks.length} weeks get`} no check-in and count${weeks.length === 1 ? "s" : ""} as away, not missing:`,
      ...listed,
    );
    const sent = weeks.find((w) => ctx.stores.checkins.get(teamId, userId, w.week)?.state === "sent");
    if (sent)
      lines.push(
        `Your check-in for ${weekPhrase(sent.week)} was already sent: tap *Skip this week (away)* on it to mark that week away.`,
      );
  }
  return reply(lines, hatsNote(lead));
}

function country(place: { country: string; region: string | null } | null, req: RoleRequest): Reply {
  const result = setHolidayPlace(req.ctx, req.teamId, req.userId, place);
  if (!result.ok) return errorReply(escapeMrkdwn(result.error), CHECKIN_COUNTRY_USAGE);
  const name = result.placeName ? escapeMrkdwn(result.placeName) : null;
  const line = place
    ? `:palm_tree: Your public holidays are now those of *${name}*. A check-in day that is a holiday moves to your previous working day that week, or the week counts as away if none is left.`
    : name
      ? `:palm_tree: Your own country is cleared: the workspace's public holidays (*${name}*) apply to your check-ins.`
      : ":palm_tree: Your own country is cleared: no public holidays move your check-ins.";
  return reply([line]);
}

async function now(req: RoleRequest): Promise<Reply> {
  const { ctx, client, teamId, userId } = req;
  const result = await sendCheckinNow(ctx, client, teamId, userId, ctx.clock());
  if (result.status === "sent") return reply([`:incoming_envelope: ${result.message}`]);
  return errorReply(result.message, "/role checkin now");
}

/** `/role checkin pause|resume|now|at …|away …`, always about the person who typed it. */
export const checkin: SubcommandHandler<"checkin"> = async (command, req): Promise<Reply> => {
  switch (command.action) {
    case "pause":
      return pauseOrResume(true, req);
    case "resume":
      return pauseOrResume(false, req);
    case "at":
      return at(command.slot, req);
    case "away":
      return away(command.range, req);
    case "now":
      return now(req);
    case "country":
      return country(command.country ? { country: command.country, region: command.region } : null, req);
  }
};
