import type { AppContext } from "../context.ts";
import { isMonthKey, localDateTimeIn, monthAt, resolveTimeZone } from "../domain/time.ts";
import { orgReportText } from "../messages/org-report.ts";
import { EARLIEST_DIGEST_MONTH } from "../services/digest.ts";
import { buildOrgReport } from "../services/org-report.ts";
import { CliError } from "./context.ts";

export const ORG_USAGE = "rolecall org --month YYYY-MM [--json] [--team T…]";

/**
 * `rolecall org`: the organisation's report for a month, as text or JSON, without Slack (team size
 * comes from the configured headcount). It posts and sends nothing.
 */
export async function orgCommand(
  ctx: AppContext,
  teamId: string,
  opts: { month: string | undefined; json: boolean },
  io: { write: (s: string) => void },
): Promise<number> {
  const month = opts.month;
  if (!month || !isMonthKey(month)) {
    throw new CliError(
      `${month ? `"${month}" is not a month.` : "Say which month."} Usage: ${ORG_USAGE} (e.g. --month 2026-11)`,
    );
  }
  const tz = resolveTimeZone(ctx.stores.workspaces.get(teamId)?.timezone);
  const now = ctx.clock();
  if (month > monthAt(now, tz))
    throw new CliError(`${month} has not started yet; there is nothing to report.`);
  if (month < EARLIEST_DIGEST_MONTH)
    throw new CliError(`rolecall has nothing before ${EARLIEST_DIGEST_MONTH}.`);
  const report = await buildOrgReport(ctx, { teamId, month, asOf: localDateTimeIn(now, tz).date });
  io.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : orgReportText(report));
  return 0;
}
