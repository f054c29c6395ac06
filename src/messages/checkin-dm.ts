/**
 * The weekly check-in DM and its one reminder. The DM shows the split the lead stated for the week
 * (the one an "As planned" answer will be measured against) and three buttons whose action ids and
 * values are the contract in checkin-ids.ts; the answer side replaces this message in place.
 */
import type { types } from "@slack/bolt";
import { SPLIT_KEYS, type Split, splitKeyLabel } from "../domain/allocation.ts";
import type { HolidayMove } from "../domain/checkin-schedule.ts";
import { dayLabel } from "../domain/date-text.ts";
import { type RoleId, roleLabel } from "../domain/roles.ts";
import {
  daysBetween,
  type IsoWeekKey,
  isIsoWeekKey,
  isoWeekMonday,
  isoWeekSunday,
  type LocalDate,
  weekdayOf,
} from "../domain/time.ts";
import { CHECKIN_ACTIONS } from "./checkin-ids.ts";
import { type Block, context, escapeMrkdwn, header, mentionUser, section } from "./reply.ts";
import { BAR_LEGEND, splitBar, splitText } from "./split.ts";

/**
 * The days of an ISO week as people say them: `"16–22 Nov"`, `"30 Nov – 6 Dec"`, and with years
 * only when the week straddles two: `"28 Dec 2026 – 3 Jan 2027"`. A malformed key is returned as is.
 */
export function weekRange(week: IsoWeekKey): string {
  if (!isIsoWeekKey(week)) return week;
  const monday = isoWeekMonday(week);
  const sunday = isoWeekSunday(week);
  if (monday.slice(0, 4) !== sunday.slice(0, 4))
    return `${dayLabel(monday, true)} – ${dayLabel(sunday, true)}`;
  if (monday.slice(0, 7) !== sunday.slice(0, 7)) return `${dayLabel(monday)} – ${dayLabel(sunday)}`;
  return `${Number(monday.slice(8))}–${dayLabel(sunday)}`;
}

/** `"2026-W47"` → `"week of 16–22 Nov"`: how every check-in message names its week. */
export function weekLabel(week: IsoWeekKey): string {
  return `week of ${weekRange(week)}`;
}

export type CheckinPromptData = {
  userId: string;
  week: IsoWeekKey;
  /** The hats the lead wears that week (two or more). */
  roles: readonly RoleId[];
  /** The split in force for the week, and since when; undefined when the lead never stated one. */
  stated: { split: Split; since: LocalDate } | undefined;
  /** Set when the slot's day is a public holiday and the check-in came earlier. */
  holidayMove?: HolidayMove | undefined;
};

const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const DAYS_EARLY = ["", "a day", "two days", "three days", "four days", "five days", "six days"];

/** "Friday is a public holiday in Germany, so your check-in came a day early." */
export function holidayMoveLine(move: HolidayMove): string {
  const day = WEEKDAY_NAMES[weekdayOf(move.from) - 1];
  const early = DAYS_EARLY[daysBetween(move.to, move.from)] ?? "some days";
  return `${day} is a public holiday in ${escapeMrkdwn(move.placeName)}, so your check-in came ${early} early.`;
}

export type CheckinMessage = { text: string; blocks: Block[] };

function rolesList(roles: readonly RoleId[]): string {
  const labels = roles.map((r) => `*${roleLabel(r)}*`);
  if (labels.length <= 1) return labels.join("");
  return `${labels.slice(0, -1).join(", ")} and ${labels[labels.length - 1]}`;
}

/** "*60%* Tech lead · *40%* Engineering manager", in role order. */
function planLine(split: Split): string {
  return SPLIT_KEYS.filter((k) => split[k] !== undefined)
    .map((k) => `*${split[k]}%* ${splitKeyLabel(k)}`)
    .join("  ·  ");
}

/** How to state a plan for the hats actually worn, e.g. `/role allocate @you tech-lead=… product-manager=…`. */
function allocateHint(roles: readonly RoleId[]): string {
  const named: readonly string[] = roles.length >= 2 ? roles : ["tech-lead", "engineering-manager"];
  return `/role allocate @you ${named.map((r) => `${r}=…`).join(" ")}`;
}

function button(actionId: string, label: string, week: IsoWeekKey, style?: "primary"): types.Button {
  return {
    type: "button",
    action_id: actionId,
    text: { type: "plain_text", text: label, emoji: true },
    value: week,
    ...(style ? { style } : {}),
  };
}

/**
 * The check-in DM: the week, the plan stated for it, and the three answers. "As planned" is offered
 * only when there is a plan to agree with; without one the lead enters a split or skips.
 */
export function checkinPrompt(data: CheckinPromptData): CheckinMessage {
  const { week, stated } = data;
  const range = weekRange(week);
  const weekNo = isIsoWeekKey(week) ? ` ${Number(week.slice(6))}` : "";
  const blocks: Block[] = [
    header(`:clipboard: Weekly check-in · ${range}`),
    section(
      `Hi ${mentionUser(data.userId)} :wave:  How did you *actually* spend week${weekNo} (${range})?\n` +
        `You wear ${data.roles.length ? `the ${rolesList(data.roles)} hats` : "several hats"}; two clicks tell me how the week split between them.`,
    ),
  ];
  if (data.holidayMove) blocks.push(context(`:palm_tree: ${holidayMoveLine(data.holidayMove)}`));
  if (stated) {
    blocks.push(
      section(`*Your plan for this week*\n${splitBar(stated.split)}\n${planLine(stated.split)}`),
      context(`Stated since ${dayLabel(stated.since, true)}  ·  ${BAR_LEGEND}`),
    );
  } else {
    blocks.push(
      section(
        ":warning: *You haven't stated a split yet*, so there is no plan to compare with. Tell me how the " +
          "week actually went with *Enter my split*, and state your plan with " +
          `\`${allocateHint(data.roles)}\`.`,
      ),
    );
  }
  const buttons = [
    ...(stated ? [button(CHECKIN_ACTIONS.asPlanned, "As planned", week, "primary")] : []),
    button(CHECKIN_ACTIONS.enterSplit, "Enter my split", week, stated ? undefined : "primary"),
    button(CHECKIN_ACTIONS.skip, "Skip this week (away)", week),
  ];
  blocks.push(
    { type: "actions", block_id: `checkin_${week}`, elements: buttons },
    context(
      ":bar_chart: Your answers feed your teams' monthly drift digest (stated vs actual). An unanswered week counts as missing, never as planned.",
    ),
    context(
      "Move this DM: `/role checkin at fri 16:00`  ·  Off for a while: `/role checkin away 2026-12-20..2027-01-05`  ·  `/role checkin pause`",
    ),
  );
  const plan = stated ? ` Your plan: ${splitText(stated.split)}.` : "";
  return {
    text: `Weekly check-in for the ${weekLabel(week)}: how did your time actually split?${plan}`,
    blocks,
  };
}

/**
 * The week's one reminder, posted in the check-in's thread (and shown in the DM). It names only the
 * buttons the check-in offers: without a stated split there is no *As planned*.
 */
export function checkinReminder(data: {
  userId: string;
  week: IsoWeekKey;
  planned: boolean;
}): CheckinMessage {
  const label = weekLabel(data.week);
  const answers = data.planned
    ? "*As planned*, *Enter my split* or *Skip this week (away)*"
    : "*Enter my split* or *Skip this week (away)*";
  return {
    text: `Reminder: your check-in for the ${label} is still open.`,
    blocks: [
      section(
        `:bell: Friendly nudge, ${mentionUser(data.userId)}: your check-in for the *${label}* is still open. ` +
          `Answer it in the message above: ${answers}.`,
      ),
      context("This is the only reminder for this week. An unanswered week counts as missing in the digest."),
    ],
  };
}
