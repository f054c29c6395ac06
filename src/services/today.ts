import type { AppContext } from "../context.ts";
import { localDateTimeIn, resolveTimeZone } from "../domain/time.ts";

/** Today's date in the workspace's time zone: the effective date of changes made now. */
export function workspaceToday(ctx: AppContext, teamId: string): string {
  const tz = resolveTimeZone(ctx.stores.workspaces.get(teamId)?.timezone);
  return localDateTimeIn(ctx.clock(), tz).date;
}
