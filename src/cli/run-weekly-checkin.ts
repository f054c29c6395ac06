import { webApi } from "@slack/bolt";
import type { AppContext } from "../context.ts";
import { runWeeklyCheckin, summaryLine, type WeeklyCheckinSummary } from "../delivery/checkin-round.ts";
import { fanOutClient } from "../delivery/web-clients.ts";
import { explainLead, type LeadExplanation } from "../domain/checkin-schedule.ts";
import { formatCheckinSlot } from "../domain/checkin-slot.ts";
import { addDays, LAST_WHOLE_WEEK_SUNDAY } from "../domain/time.ts";
import {
  CHECKIN_MAX_ATTEMPTS,
  cachedProfiles,
  type Lead,
  scheduleOptions,
  workspaceLeads,
  workspaceSlot,
} from "../services/checkin-leads.ts";
import { CliError } from "./context.ts";

export const RUN_USAGE = "rolecall run weekly-checkin [--at <ISO time>] [--dry-run] [--team T…]";
const JOBS = ["weekly-checkin"];

export type RunOptions = { at: string | undefined; dryRun: boolean; team: string | undefined };

/**
 * `rolecall run weekly-checkin`: what the scheduler's tick does at `--at` (default now), through the
 * same function, on every workspace (or `--team`). `--dry-run` sends and records nothing and needs no
 * token: it lists every lead, who would be asked or reminded and why, and who would not and why.
 * Exit 0, or 1 when a DM failed (recorded; a later tick retries it), 2 on bad usage.
 */
export async function runJobCommand(
  ctx: AppContext,
  args: readonly string[],
  opts: RunOptions,
  io: { write: (s: string) => void },
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const [job, ...extra] = args;
  if (!job || extra.length > 0 || !JOBS.includes(job)) {
    throw new CliError(
      `${job ? `Unknown job "${[job, ...extra].join(" ")}".` : "Say which job to run."} Usage: ${RUN_USAGE}`,
    );
  }
  const now = parseAt(opts.at, ctx.clock());
  const known = ctx.stores.workspaces.list().map((w) => w.teamId);
  if (opts.team && !known.includes(opts.team)) {
    throw new CliError(
      `Workspace ${opts.team} is not in this database${known.length ? ` (it has ${known.join(", ")})` : ""}.`,
    );
  }
  const teamIds = opts.team ? [opts.team] : known;

  if (opts.dryRun) {
    io.write(`Weekly check-in at ${now.toISOString()}: dry run, nothing is sent or recorded.\n`);
    if (teamIds.length === 0) io.write("\nNo workspace in this database yet: nobody to ask.\n");
    for (const teamId of teamIds) await dryRunWorkspace(ctx, teamId, now, io);
    return 0;
  }

  const token = env.SLACK_BOT_TOKEN;
  if (!token) {
    throw new CliError(
      "Sending needs SLACK_BOT_TOKEN (the bot token, xoxb-…) in the environment or .env. " +
        "Add --dry-run to see who would be asked without sending anything.",
    );
  }
  const bot = new webApi.WebClient(token, { slackApiUrl: env.SLACK_API_URL || "https://slack.com/api/" });
  // SIGTERM/SIGINT stop the fan-out as the server's stop() does: calls in flight finish and are
  // recorded, nothing new is claimed, so nothing is left claimed.
  const stopping = new AbortController();
  const stop = () => stopping.abort();
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  let summary: WeeklyCheckinSummary;
  try {
    summary = await runWeeklyCheckin(ctx, fanOutClient(bot, ctx), now, {
      teamIds,
      signal: stopping.signal,
    });
  } finally {
    process.off("SIGTERM", stop);
    process.off("SIGINT", stop);
  }
  io.write(renderSummary(summary));
  return summary.failed > 0 ? 1 : 0;
}

function parseAt(at: string | undefined, fallback: Date): Date {
  if (at === undefined) return fallback;
  const zoned = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(at.trim());
  const d = new Date(at.trim());
  if (!zoned || Number.isNaN(d.getTime())) {
    throw new CliError(
      `--at must be an ISO time with its zone, e.g. 2026-11-20T14:00:00Z or 2026-11-20T15:00+01:00, not "${at}".`,
    );
  }
  // A tick looks at the week of `at` in every time zone and at the week after it.
  const last = `${addDays(LAST_WHOLE_WEEK_SUNDAY, -7)}T00:00:00Z`;
  if (d.getTime() > new Date(last).getTime()) {
    throw new CliError(`--at must be no later than ${last}: rolecall's calendar ends in 9999, not "${at}".`);
  }
  return d;
}

async function dryRunWorkspace(
  ctx: AppContext,
  teamId: string,
  now: Date,
  io: { write: (s: string) => void },
): Promise<void> {
  const ws = await workspaceLeads(ctx, teamId, now, cachedProfiles(ctx));
  const opts = scheduleOptions(ws.settings);
  const stateOf = ctx.stores.checkins.stateLookup(teamId, ws.weeks);
  const explained = ws.leads.map((lead) => ({ lead, x: explainLead(lead.schedule, stateOf, now, opts) }));
  const asks = explained.filter((e) => e.x.action && e.x.action.kind !== "remind");
  const reminds = explained.filter((e) => e.x.action?.kind === "remind");
  const rest = explained.filter((e) => !e.x.action);
  const s = ws.settings;
  io.write(
    `\nWorkspace ${teamId}: ${ws.leads.length} hybrid lead${ws.leads.length === 1 ? "" : "s"}` +
      ` · default ${formatCheckinSlot(workspaceSlot(s))} ${s.timezone}` +
      ` · reminder ${s.reminderAfterHours} h after the DM · up to ${CHECKIN_MAX_ATTEMPTS} attempts a week\n`,
  );
  const list = (title: string, rows: string[]) => {
    io.write(`\n${title} (${rows.length})${rows.length ? ":" : ""}\n`);
    for (const r of rows) io.write(`  ${r}\n`);
  };
  list(
    "Would ask now",
    asks.map(({ lead, x }) => `${who(lead)}: ${x.reason}${lastError(ctx, teamId, x)}${where(lead, x)}`),
  );
  list(
    "Would remind now",
    reminds.map(({ lead, x }) => `${who(lead)}: ${x.reason}${where(lead, x)}`),
  );
  list(
    "Not now",
    rest.map(({ lead, x }) => `${who(lead)}: ${x.reason}${lastError(ctx, teamId, x)}${where(lead, x)}`),
  );
  if (ws.notLeads.length) {
    list(
      "Not hybrid in their own week",
      ws.notLeads.map((n) => `${n.userId}: ${n.reason}`),
    );
  }
}

/** Slack's answer to the last failed attempt, which the schedule itself does not keep. */
function lastError(ctx: AppContext, teamId: string, x: LeadExplanation): string {
  if (x.state?.state !== "failed") return "";
  const error = ctx.stores.checkins.get(teamId, x.userId, x.week)?.lastError;
  return error ? ` (Slack said: ${error})` : "";
}

function who(lead: Lead): string {
  return lead.displayName ? `${lead.schedule.userId} (${lead.displayName})` : lead.schedule.userId;
}

/** The week, the slot and zone used and where they came from, and the week before. */
function where(lead: Lead, x: LeadExplanation): string {
  const tz =
    lead.tzSource === "slack-profile"
      ? `${x.tz} from Slack profile`
      : `${x.tz} (workspace zone: ${lead.profileFetchedAt ? "no zone in the Slack profile" : "no Slack profile cached yet; a real run fetches it"})`;
  const slot = `${formatCheckinSlot(x.slot)} ${lead.slotSource === "person" ? "(own slot)" : "(workspace default)"}`;
  return `\n      ${x.week} · ${slot} · ${tz} · last week ${x.previousWeek.week}: ${x.previousWeek.reason}`;
}

function renderSummary(s: WeeklyCheckinSummary): string {
  const lines = [summaryLine(s)];
  for (const o of s.outcomes) {
    const what = o.kind === "send" ? "check-in" : "reminder";
    const subject = `${o.userId} ${o.week} ${what}`;
    switch (o.result) {
      case "sent":
        lines.push(
          `  sent      ${subject} (attempt ${o.attempt ?? 1})${o.unrecorded ? " — delivered but NOT recorded: stays claimed" : ""}`,
        );
        break;
      case "reconciled":
        lines.push(`  reconciled ${subject}: already delivered by an earlier run, recorded, not sent again`);
        break;
      case "reminded":
        lines.push(
          `  reminded  ${subject}${o.unrecorded ? " — delivered but NOT recorded: stays claimed" : ""}`,
        );
        break;
      case "failed":
        lines.push(
          `  FAILED    ${subject}: ${o.error ?? "unknown"} (attempt ${o.attempt ?? 1} of ${CHECKIN_MAX_ATTEMPTS}; a later tick retries)`,
        );
        break;
      default:
        lines.push(`  skipped   ${subject}: already claimed by another tick or process`);
    }
  }
  return `${lines.join("\n")}\n`;
}
