import { fetchSlackUser } from "../../../delivery/slack-users.ts";
import { usageOf } from "../../../domain/command.ts";
import { monthLabel } from "../../../domain/date-text.ts";
import { localDateTimeIn, monthAt, previousMonth, resolveTimeZone } from "../../../domain/time.ts";
import { orgReportMessage } from "../../../messages/org-report.ts";
import { errorReply } from "../../../messages/reply.ts";
import { EARLIEST_DIGEST_MONTH } from "../../../services/digest.ts";
import { buildOrgReport } from "../../../services/org-report.ts";
import { mayAdminister, WHO_CAN_ADMINISTER } from "../../../services/profiles.ts";
import type { SubcommandHandler } from "./types.ts";

/** `/role org [YYYY-MM]`: the org report, to admins only (it names leads across every team). */
export const org: SubcommandHandler<"org"> = async (command, req) => {
  const { ctx, teamId, userId } = req;
  if (!(await mayAdminister(ctx, fetchSlackUser(req.client), teamId, userId)))
    return errorReply(`The org report covers every team. ${WHO_CAN_ADMINISTER}`, usageOf("org"));
  const tz = resolveTimeZone(ctx.stores.workspaces.get(teamId)?.timezone);
  const now = ctx.clock();
  const current = monthAt(now, tz);
  const month = command.month ?? previousMonth(current);
  if (month > current)
    return errorReply(
      `${monthLabel(month)} has not started yet: ask for ${current} or earlier.`,
      usageOf("org"),
    );
  if (month < EARLIEST_DIGEST_MONTH)
    return errorReply(`rolecall has nothing before ${monthLabel(EARLIEST_DIGEST_MONTH)}.`, usageOf("org"));
  const report = await buildOrgReport(ctx, { teamId, month, asOf: localDateTimeIn(now, tz).date });
  const message = orgReportMessage(report);
  return { text: message.text, blocks: message.blocks, visibility: "ephemeral" };
};
